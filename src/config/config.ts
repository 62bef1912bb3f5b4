import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

export const PROCESS_ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];
const LOG_FORMATS = ['json', 'pretty'] as const;
type LogFormat = (typeof LOG_FORMATS)[number];

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

// Environment variables as they arrive: strings, validated and converted once at start-up.
class EnvDto {
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  PORT?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  HOST?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(PROCESS_ROLES, { message: `PROCESS_ROLE must be one of ${PROCESS_ROLES.join(', ')}` })
  PROCESS_ROLE?: ProcessRole;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  CHROMIUM_PATH?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/\S+$/, { message: 'PUBLIC_URL must be an http(s):// URL' })
  PUBLIC_URL?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1'))
  @IsBoolean({ message: 'COOKIE_SECURE must be true or false' })
  COOKIE_SECURE?: boolean;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'QUEUE_PREFIX must be 1-40 letters, digits, - or _' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1'))
  @IsBoolean({ message: 'SEED_DEMO must be true or false' })
  SEED_DEMO?: boolean;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1'))
  @IsBoolean({ message: 'TRUST_PROXY must be true or false' })
  TRUST_PROXY?: boolean;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'SHUTDOWN_GRACE_SECONDS must be a whole number of seconds' })
  @Min(0, { message: 'SHUTDOWN_GRACE_SECONDS must be between 0 and 3600' })
  @Max(3600, { message: 'SHUTDOWN_GRACE_SECONDS must be between 0 and 3600' })
  SHUTDOWN_GRACE_SECONDS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(LOG_FORMATS, { message: `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}` })
  LOG_FORMAT?: LogFormat;
}

export type AppConfig = {
  /** Undefined until the embedded server has been started (see database/embedded-postgres.ts). */
  databaseUrl?: string;
  redisUrl?: string;
  port: number;
  host: string;
  processRole: ProcessRole;
  chromiumPath: string;
  logLevel: LogLevel;
  dataDir: string;
  publicUrl?: string;
  cookieSecure: boolean;
  smtpUrl?: string;
  mailFrom: string;
  queuePrefix: string;
  /** Demo users and data on an empty database; defaults to true only on the embedded database. */
  seedDemo?: boolean;
  /**
   * Believe X-Forwarded-For (client IP for sign-in throttling, public-form limits and the audit trail). Only
   * behind a reverse proxy that sets it: otherwise anyone could pick their own IP.
   */
  trustProxy: boolean;
  /** How long a stopping process lets running jobs finish before leaving them to be retried. */
  shutdownGraceMs: number;
  /** JSON lines for machines; readable lines when a person watches a terminal. */
  logFormat: LogFormat;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dto = plainToInstance(EnvDto, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(dto, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${m} (got "${String(e.value)}")`)));
  }
  return {
    databaseUrl: dto.DATABASE_URL,
    redisUrl: dto.REDIS_URL,
    port: dto.PORT ?? 3000,
    host: dto.HOST ?? '0.0.0.0',
    processRole: dto.PROCESS_ROLE ?? 'all',
    chromiumPath: dto.CHROMIUM_PATH ?? '/usr/bin/chromium',
    logLevel: dto.LOG_LEVEL ?? 'info',
    dataDir: dto.DATA_DIR ?? 'data',
    publicUrl: dto.PUBLIC_URL,
    cookieSecure: dto.COOKIE_SECURE ?? (dto.PUBLIC_URL?.startsWith('https://') ?? false),
    smtpUrl: dto.SMTP_URL,
    mailFrom: dto.MAIL_FROM ?? 'Projet K <projet-k@localhost>',
    queuePrefix: dto.QUEUE_PREFIX ?? 'projetk',
    seedDemo: dto.SEED_DEMO,
    trustProxy: dto.TRUST_PROXY ?? false,
    shutdownGraceMs: (dto.SHUTDOWN_GRACE_SECONDS ?? 60) * 1000,
    logFormat: dto.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export const runsHttp = (c: AppConfig) => c.processRole !== 'worker';
export const runsWorkers = (c: AppConfig) => c.processRole !== 'api';
