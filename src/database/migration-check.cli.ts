import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions, ENTITY_GLOB, runMigrations } from './data-source';
import { schemaDrift } from './schema-drift';

/**
 * `npm run migration:check`: migrates a fresh scratch database on DATABASE_URL's server, then fails (exit 1)
 * if the entities describe a different schema, printing what `migration:generate` would write.
 */
async function main(): Promise<number> {
  const admin = loadConfig().databaseUrl;
  if (!admin) throw new Error('DATABASE_URL is required: the check migrates a scratch database on that server');
  const scratch = `projetk_schema_check_${process.pid}_${Date.now()}`;
  const url = new URL(admin);
  url.pathname = `/${scratch}`;
  const server = new DataSource(dataSourceOptions(admin, { migrations: [] }));
  await server.initialize();
  await server.query(`CREATE DATABASE "${scratch}"`);
  try {
    await runMigrations(url.toString());
    const ds = new DataSource(dataSourceOptions(url.toString(), { entities: [ENTITY_GLOB] }));
    await ds.initialize();
    try {
      const drift = await schemaDrift(ds);
      for (const t of drift.tablesWithoutEntity) console.error(`table without an entity: ${t}`);
      for (const i of drift.missingIndexes) console.error(`index declared by an entity but missing: ${i}`);
      for (const s of drift.statements) console.error(`${s};`);
      if (drift.tablesWithoutEntity.length + drift.missingIndexes.length + drift.statements.length > 0) return 1;
      console.log(`entities and migrations agree (${ds.entityMetadatas.length} tables)`);
      return 0;
    } finally {
      await ds.destroy();
    }
  } finally {
    await server.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
    await server.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
