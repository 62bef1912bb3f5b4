import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject, TestContext } from 'vitest';
import { createHttpApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/config';
import { derivedAppUrl } from '../../src/database/db-roles';
import { HttpClient } from './http-client';

export type TestApp = {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  /** The owner's URL (as DATABASE_URL alone: child processes derive the application role from it). */
  databaseUrl: string;
  /** The application role's URL, which the app connects with. */
  appDatabaseUrl: string;
  /** A client with its own cookie jar; call again for another person. */
  client: () => HttpClient;
  /** Direct SQL on this file's database, as the owner, for assertions and for proving what the database refuses. */
  sql: <T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
};

export type TestAppOptions = {
  queue?: 'redis' | 'postgres' | 'default';
  overrides?: Partial<AppConfig>;
  /** Build and serve the OpenAPI document (/api/docs); off by default, since only its own tests read it. */
  openApi?: boolean;
  /** Run on this database (e.g. a restored one) rather than a fresh clone of the template. */
  database?: TestDatabase;
};

export type TestDatabase = { url: string; appUrl: string; drop: () => Promise<void> };

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The Redis found by the global setup (REDIS_URL, else 127.0.0.1:6379); throws when there is none. */
function requireRedis(): string {
  const url = inject('redisUrl');
  if (!url) throw new Error(`This test needs Redis (${inject('redisMissing')}): call skipWithoutRedis(ctx) first`);
  return url;
}

/** Skips the calling test, with the reason, when no Redis is available (CI sets REDIS_URL and allows no skip). */
export function skipWithoutRedis(ctx: TestContext): void {
  ctx.skip(!inject('redisUrl'), `needs Redis: ${inject('redisMissing')}`);
}

/** Creates a fresh database from the migrated template and boots the real AppModule on a free port. */
export async function createTestDatabase(): Promise<TestDatabase> {
  return createEmptyDatabase(inject('templateDatabase'));
}

/** A new database of this run: a clone of `template`, or empty (template0) when none is given. */
export async function createEmptyDatabase(template = 'template0'): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `${inject('runDatabasePrefix')}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  return {
    url,
    appUrl: derivedAppUrl(url),
    // Without FORCE: a connection still open is left alone, and the run's teardown drops the database later.
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c
        .query(`DROP DATABASE IF EXISTS "${name}"`)
        .catch(() => undefined)
        .finally(() => c.end());
    },
  };
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase());
  const queue = options.queue ?? 'default';
  const redisUrl = queue === 'postgres' ? undefined : queue === 'redis' ? requireRedis() : process.env.REDIS_URL;
  const config: AppConfig = {
    ...loadConfig({}),
    // As the application role: the app under test cannot change the schema, as in production.
    databaseUrl: db.appUrl,
    redisUrl,
    host: '127.0.0.1',
    port: 0,
    logLevel: (process.env.TEST_LOG_LEVEL as AppConfig['logLevel']) ?? 'silent',
    queuePrefix: `t${randomBytes(4).toString('hex')}`,
    seedDemo: false,
    // Tests play several clients behind a proxy by setting X-Forwarded-For.
    trustProxy: true,
    ...options.overrides,
  };
  const app = await createHttpApp(config, { openApi: options.openApi ?? false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const pool = new pg.Pool({ connectionString: db.url, max: 3 });
  return {
    app,
    config,
    baseUrl,
    databaseUrl: db.url,
    appDatabaseUrl: db.appUrl,
    client: () => new HttpClient(baseUrl),
    sql: async (text, params) => (await pool.query(text, params)).rows,
    close: async () => {
      await app.close();
      await pool.end();
      // A database the caller passed in stays theirs to drop (the run's teardown drops it otherwise).
      if (!options.database) await db.drop();
    },
  };
}
