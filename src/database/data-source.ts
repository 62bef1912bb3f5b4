import pg from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migration-list';
import { toSafeNumber } from '../common/money';

// int8 (bigint) columns hold cents and counts: parse them to numbers, refusing any that would lose precision.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => toSafeNumber(v));
// A calendar date stays the string 'YYYY-MM-DD': turning it into a Date would shift it with the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

/** Every entity of the built server (`src/<feature>/<table>.entity.ts`), for the CLI and the schema check. */
export const ENTITY_GLOB = `${__dirname}/../**/*.entity.js`;

export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // Ids default to gen_random_uuid() (built into PostgreSQL 13+); the migrations create what the schema needs.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Two connections stay open however long they idle, so that a job running when a SIGTERM sent to every process
    // (as systemd stops a unit by default) put the embedded PostgreSQL in smart shutdown (open sessions served, new ones refused) can finish.
    extra: { max: 20, min: 2, application_name: 'projet-k' },
    ...extra,
  } as DataSourceOptions;
}

// One lock id for every process that migrates: API and workers may start at the same time.
const MIGRATION_LOCK = 4_242_001;

/** Runs pending migrations once, serialised across processes by an advisory lock. Returns their names. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await ds.destroy();
  }
}
