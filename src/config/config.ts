import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { isIP } from 'node:net';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  validateSync,
} from 'class-validator';

export const PROCESS_ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];
const LOG_FORMATS = ['json', 'pretty'] as const;
type LogFormat = (typeof LOG_FORMATS)[number];

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** `false`, `true` (one proxy in front), a hop count, or a comma-separated list of proxy addresses / CIDRs. */
export type TrustProxy = boolean | number | string[];

const TRUST_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (TRUST_KEYWORDS.includes(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY as Fastify's trustProxy takes it; `true` means the one proxy in front (the right-most forwarded address). */
export function parseTrustProxy(value: string | undefined): TrustProxy | null {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  return list.length > 0 && list.every(isProxyAddress) ? list : null;
}

@ValidatorConstraint({ name: 'trustProxy' })
class TrustProxyConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseTrustProxy(value) !== null;
  }
  defaultMessage(): string {
    return 'TRUST_PROXY must be false, true, a number of proxies (1-99) or a comma-separated list of proxy addresses or CIDRs (e.g. 10.0.0.0/8, loopback)';
  }
}

// Environment variables as they arrive: strings, validated and converted once at start-up.
class EnvDto {
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_OWNER_URL must be a postgres:// URL' })
  DATABASE_OWNER_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  PG_BIN_DIR?: string;

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
  @Transform(emptyToUndefined)
  @Validate(TrustProxyConstraint)
  TRUST_PROXY?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'SHUTDOWN_GRACE_SECONDS must be a whole number of seconds' })
  @Min(0, { message: 'SHUTDOWN_GRACE_SECONDS must be between 0 and 3600' })
  @Max(3600, { message: 'SHUTDOWN_GRACE_SECONDS must be between 0 and 3600' })
  SHUTDOWN_GRACE_SECONDS?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'REPORT_RECONCILE_SECONDS must be a whole number of seconds' })
  @Min(1, { message: 'REPORT_RECONCILE_SECONDS must be between 1 and 86400' })
  @Max(86400, { message: 'REPORT_RECONCILE_SECONDS must be between 1 and 86400' })
  REPORT_RECONCILE_SECONDS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(LOG_FORMATS, { message: `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}` })
  LOG_FORMAT?: LogFormat;
}

export type AppConfig = {
  /** Undefined until the embedded server has been started (see database/embedded-postgres.ts). */
  databaseUrl?: string;
  /**
   * The role that runs migrations and owns the schema; `databaseUrl` is then the application's own role. Unset:
   * `databaseUrl` is the owner and the application connects as a role derived from it (database/db-roles.ts).
   */
  databaseOwnerUrl?: string;
  /** Where `npm run cli -- backup/restore` looks first for pg_dump and pg_restore. */
  pgBinDir?: string;
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
   * Which proxies to believe in X-Forwarded-For (client IP for sign-in throttling, public-form limits and the
   * audit trail): `false` none; `true` the one proxy in front; a hop count; or the proxies' addresses / CIDRs.
   * The client address is the right-most one that is not a trusted proxy, so a client cannot pick its own.
   */
  trustProxy: TrustProxy;
  /** How long a stopping process lets running jobs finish before leaving them to be retried. */
  shutdownGraceMs: number;
  /** JSON lines for machines; readable lines when a person watches a terminal. */
  logFormat: LogFormat;
  /**
   * How often a worker puts back on the queue the reports that the database says are queued or running but the
   * queue has lost (a Redis restarted without persistence); it also does so when it starts.
   */
  reportReconcileMs: number;
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
    throw new ConfigError(
      errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${m} (got "${String(e.value)}")`)),
    );
  }
  if (dto.DATABASE_OWNER_URL && !dto.DATABASE_URL) {
    throw new ConfigError(['DATABASE_OWNER_URL needs DATABASE_URL too (the application role that connects)']);
  }
  return {
    databaseUrl: dto.DATABASE_URL,
    databaseOwnerUrl: dto.DATABASE_OWNER_URL,
    pgBinDir: dto.PG_BIN_DIR,
    redisUrl: dto.REDIS_URL,
    port: dto.PORT ?? 3000,
    host: dto.HOST ?? '0.0.0.0',
    processRole: dto.PROCESS_ROLE ?? 'all',
    chromiumPath: dto.CHROMIUM_PATH ?? '/usr/bin/chromium',
    logLevel: dto.LOG_LEVEL ?? 'info',
    dataDir: dto.DATA_DIR ?? 'data',
    publicUrl: dto.PUBLIC_URL,
    cookieSecure: dto.COOKIE_SECURE ?? dto.PUBLIC_URL?.startsWith('https://') ?? false,
    smtpUrl: dto.SMTP_URL,
    mailFrom: dto.MAIL_FROM ?? 'Projet K <projet-k@localhost>',
    queuePrefix: dto.QUEUE_PREFIX ?? 'projetk',
    seedDemo: dto.SEED_DEMO,
    trustProxy: parseTrustProxy(dto.TRUST_PROXY) ?? false,
    shutdownGraceMs: (dto.SHUTDOWN_GRACE_SECONDS ?? 60) * 1000,
    logFormat: dto.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    reportReconcileMs: (dto.REPORT_RECONCILE_SECONDS ?? 300) * 1000,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export const runsHttp = (c: AppConfig) => c.processRole !== 'worker';
export const runsWorkers = (c: AppConfig) => c.processRole !== 'api';
