import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { migrateQueueSchema } from '../../src/queues/queue-backend';
import { loadConfig } from '../../src/config/config';

declare module 'vitest' {
  // Module augmentation needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

/** Name of the template: changes whenever a migration changes, so a stale template is never reused. */
function templateName(): string {
  const dir = resolve(__dirname, '..', '..', 'migrations');
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).sort()) hash.update(f).update(readFileSync(resolve(dir, f)));
  return `projetk_tpl_${hash.digest('hex').slice(0, 12)}`;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One migrated template database per run (DATABASE_URL's server, else an embedded one); every test file
 * clones it into its own database, so files never see each other's rows.
 */
export default async function setup(project: TestProject) {
  let stop: (() => Promise<void>) | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres(resolve(__dirname, '..', '..', 'data', 'test'), { durable: false, database: 'postgres' });
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
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  return async () => {
    await stop?.();
  };
}
