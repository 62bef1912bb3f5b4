import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { migrateQueueSchema } from '../../src/queues/queue-backend';
import { loadConfig } from '../../src/config/config';
import { databaseUrls, ensureApplicationRole, grantApplicationRole } from '../../src/database/db-roles';

declare module 'vitest' {
  // Module augmentation needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
    /** Prefix of this run's databases, so concurrent runs on one server never drop each other's. */
    runDatabasePrefix: string;
    /** The Redis the tests may use ('' when none: the tests that need one are skipped, saying why). */
    redisUrl: string;
    redisMissing: string;
  }
}

/**
 * Name of the template: changes whenever a migration or the application role's grants change, so a stale
 * template is never reused.
 */
function templateName(): string {
  const dir = resolve(__dirname, '..', '..', 'migrations');
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).sort()) hash.update(f).update(readFileSync(resolve(dir, f)));
  // What else builds the template: the application role's grants and BullMQ's schema with its sequences.
  for (const f of [
    ['database', 'db-roles.ts'],
    ['queues', 'queue-backend.ts'],
  ])
    hash.update(readFileSync(resolve(__dirname, '..', '..', 'src', ...f)));
  return `projetk_tpl_${hash.digest('hex').slice(0, 12)}`;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Answers whether a Redis server says PONG at this URL within a second. */
function redisAnswers(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((done) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 6379) });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => finish(d.toString().startsWith('+PONG') || d.toString().startsWith('-NOAUTH')));
  });
}

/** REDIS_URL when set (it must answer), else a Redis on 127.0.0.1:6379 if one answers, else none. */
async function findRedis(): Promise<{ url: string; missing: string }> {
  const configured = process.env.REDIS_URL;
  if (configured) {
    if (!(await redisAnswers(configured)))
      throw new Error(`REDIS_URL is set to ${configured} but no Redis answers there`);
    return { url: configured, missing: '' };
  }
  const local = 'redis://127.0.0.1:6379';
  if (await redisAnswers(local)) return { url: local, missing: '' };
  return { url: '', missing: 'no REDIS_URL and no Redis on 127.0.0.1:6379' };
}

/**
 * One migrated template database per run (DATABASE_URL's server, else an embedded one); every test file
 * clones it into its own database, so files never see each other's rows.
 */
export default async function setup(project: TestProject) {
  let stop: (() => Promise<void>) | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres(resolve(__dirname, '..', '..', 'data', 'test'), {
      durable: false,
      database: 'postgres',
    });
    adminUrl = embedded.url;
    stop = embedded.stop;
  }
  const template = templateName();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      const building = `${template}_build_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${building}"`);
      const url = withDatabase(adminUrl, building);
      await runMigrations(url);
      await migrateQueueSchema({ ...loadConfig({}), databaseUrl: url, redisUrl: undefined });
      // The test apps connect as the application role, as the real one does; its grants are cloned with the template.
      await grantApplicationRole(databaseUrls(url));
      // Renamed only once complete, so an interrupted build never leaves a half-migrated template.
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`).catch(async (e) => {
        await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        // Another run built the same template meanwhile: use theirs.
        const now = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
        if (now.rowCount === 0) throw e;
      });
    }
  } finally {
    await admin.end();
  }
  // Roles are cluster-wide: a template built by an earlier run does not prove the role is still there.
  await ensureApplicationRole(databaseUrls(adminUrl));
  const redis = await findRedis();
  if (redis.missing) console.warn(`Tests that need Redis are skipped: ${redis.missing}`);
  project.provide('redisUrl', redis.url);
  project.provide('redisMissing', redis.missing);
  const runPrefix = `projetk_t_${process.pid.toString(36)}${Date.now().toString(36)}_`;
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  project.provide('runDatabasePrefix', runPrefix);
  return async () => {
    // Test processes have exited: whatever database a file could not drop is dropped here, without cutting
    // anyone's connection mid-test.
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      const left = await c.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
        [runPrefix],
      );
      for (const { datname } of left.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
    await stop?.();
  };
}
