import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { PROJECT_ROOT } from '../common/paths';
import { AppConfig, loadConfig } from '../config/config';
import { urlsOf } from './db-roles';
import { startEmbeddedPostgres } from './embedded-postgres';
import { findPgTools, runPgTool } from './pg-tools';
import { prepareDatabase } from './prepare-database';

const BACKUP_USAGE = 'backup <file>';
const RESTORE_USAGE = 'restore <file> [--force]';

type Target = { ownerUrl: string; config: AppConfig; close: () => Promise<void> };

/**
 * The database to back up or restore into, as its owner: DATABASE_OWNER_URL or DATABASE_URL; without either,
 * the embedded PostgreSQL of DATA_DIR — the one the running application started (its port is in
 * postmaster.pid), else started here for the command and stopped after.
 */
async function target(mustExist: boolean): Promise<Target> {
  const config = loadConfig();
  if (config.databaseUrl) return { ownerUrl: urlsOf(config).owner, config, close: async () => undefined };
  const dataDir = resolve(PROJECT_ROOT, config.dataDir);
  const pidFile = resolve(dataDir, 'postgres', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const port = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
    const url = `postgres://postgres:postgres@127.0.0.1:${port}/projetk`;
    const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    const running = await probe.connect().then(
      () => true,
      () => false,
    );
    await probe.end().catch(() => undefined);
    if (running) return { ownerUrl: url, config: { ...config, databaseUrl: url }, close: async () => undefined };
  }
  if (mustExist && !existsSync(resolve(dataDir, 'postgres', 'PG_VERSION'))) {
    throw new Error(`DATABASE_URL is not set and there is no embedded database in ${dataDir}/postgres to back up`);
  }
  console.log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${dataDir}/postgres`);
  const embedded = await startEmbeddedPostgres(dataDir);
  return { ownerUrl: embedded.url, config: { ...config, databaseUrl: embedded.url }, close: embedded.stop };
}

async function serverMajor(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  return Math.floor(Number(rows[0].v) / 10_000);
}

/** Tables, views and sequences outside PostgreSQL's own schemas: what a restore would collide with. */
async function userRelations(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`,
  );
  return rows[0].n;
}

async function withClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await f(client);
  } finally {
    await client.end();
  }
}

function fileArgument(args: string[], usage: string, force = false) {
  const { values, positionals } = parseArgs({
    args,
    options: force ? { force: { type: 'boolean' } } : {},
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new Error(`Usage: npm run cli -- ${usage}`);
  return { file: resolve(positionals[0]), force: Boolean((values as { force?: boolean }).force) };
}

/**
 * `npm run cli -- backup <file>`: the whole database in pg_dump's custom format — every table, including the
 * stored files (receipts, evidence, report files live in the database), and BullMQ's schema when the queue
 * runs on PostgreSQL. Written beside the target first, so an interrupted backup never looks like a good one.
 */
export async function backupCommand(args: string[]): Promise<void> {
  const { file } = fileArgument(args, BACKUP_USAGE);
  const db = await target(true);
  try {
    const major = await withClient(db.ownerUrl, serverMajor);
    const tools = await findPgTools(major, db.config.pgBinDir);
    const partial = `${file}.partial`;
    try {
      await runPgTool(tools.pgDump, ['--format=custom', '--compress=6', `--file=${partial}`], db.ownerUrl);
      await rename(partial, file);
    } catch (e) {
      await rm(partial, { force: true });
      throw e;
    }
    const { size } = await stat(file);
    console.log(`Backup written to ${file} (${size} bytes, PostgreSQL ${major}, pg_dump ${tools.major})`);
  } finally {
    await db.close();
  }
}

async function isCustomDump(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) throw new Error(`No such file: ${file}`);
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    return head.toString('latin1') === 'PGDMP';
  } finally {
    await handle.close();
  }
}

/**
 * `npm run cli -- restore <file> [--force]`: into an empty database only, unless --force, which first drops
 * everything the database holds. One transaction (all or nothing); objects belong to the owner, then pending
 * migrations run and the application role gets its privileges, as after `migrate`.
 */
export async function restoreCommand(args: string[]): Promise<void> {
  const { file, force } = fileArgument(args, RESTORE_USAGE, true);
  if (!(await isCustomDump(file))) throw new Error(`${file} is not a backup made by \`npm run cli -- backup\``);
  // A new DATA_DIR gets a new embedded database to restore into.
  const db = await target(false);
  try {
    const { major, existing, name } = await withClient(db.ownerUrl, async (c) => ({
      major: await serverMajor(c),
      existing: await userRelations(c),
      name: (await c.query<{ d: string }>('SELECT current_database() AS d')).rows[0].d,
    }));
    if (existing > 0 && !force) {
      throw new Error(
        `The database ${name} is not empty (${existing} tables, views or sequences): a restore would mix two` +
          ` databases. Restore into an empty database, or add --force to replace everything in it.`,
      );
    }
    const tools = await findPgTools(major, db.config.pgBinDir);
    if (existing > 0) {
      console.log(`--force: dropping everything in ${name}`);
      await withClient(db.ownerUrl, async (c) => {
        const { rows } = await c.query<{ s: string }>(
          `SELECT nspname AS s FROM pg_namespace
            WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'`,
        );
        for (const { s } of rows) await c.query(`DROP SCHEMA ${c.escapeIdentifier(s)} CASCADE`);
        await c.query('CREATE SCHEMA public');
        await c.query('GRANT USAGE ON SCHEMA public TO PUBLIC');
      });
    }
    await runPgTool(
      tools.pgRestore,
      ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction'],
      db.ownerUrl,
      [file],
    );
    const ran = await prepareDatabase(db.config);
    const tables = await withClient(db.ownerUrl, userRelations);
    console.log(
      `Restored ${file} into ${name} (${tables} tables, views and sequences)` +
        `${ran.length ? `; migrations applied: ${ran.join(', ')}` : ''}; the application role's privileges are set`,
    );
  } finally {
    await db.close();
  }
}
