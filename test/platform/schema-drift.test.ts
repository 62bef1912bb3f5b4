import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataSourceOptions } from '../../src/database/data-source';
import { schemaDrift } from '../../src/database/schema-drift';
import { createTestApp, createTestDatabase, TestApp } from '../support/test-app';

const run = promisify(execFile);

describe('entities and migrations describe the same schema', () => {
  let t: TestApp;
  let app: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app.get(DataSource);
  });
  afterAll(() => t?.close());

  it('the application registers an entity for every table, and they agree with the migrated database', async () => {
    const drift = await schemaDrift(app);
    expect(drift).toEqual({ tablesWithoutEntity: [], statements: [], missingIndexes: [] });
    expect(app.entityMetadatas.length).toBeGreaterThanOrEqual(26);
  });

  it('reports a constraint, a column or a table that the entities do not describe, and a missing unsynchronised index', async () => {
    const db = await createTestDatabase();
    const ds = new DataSource(dataSourceOptions(db.url, { entities: app.entityMetadatas.map((m) => m.target) }));
    await ds.initialize();
    try {
      await ds.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_check8`);
      await ds.query(`ALTER TABLE notifications ADD COLUMN extra int`);
      await ds.query(`CREATE TABLE stray (id int PRIMARY KEY)`);
      await ds.query(`DROP INDEX actors_name_search_idx`);
      const drift = await schemaDrift(ds);
      expect(drift.tablesWithoutEntity).toEqual(['stray']);
      expect(drift.missingIndexes).toEqual(['actors.actors_name_search_idx']);
      expect(drift.statements.join('\n')).toContain('ledger_entries_check8');
      expect(drift.statements.join('\n')).toMatch(/notifications" DROP COLUMN "extra"/);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('npm run migration:check passes on a freshly migrated database (the CI step)', async () => {
    const cli = resolve(__dirname, '../../dist/src/database/migration-check.cli.js');
    const { stdout } = await run(process.execPath, [cli], {
      env: { ...process.env, DATABASE_URL: inject('adminDatabaseUrl') },
    });
    expect(stdout).toContain('entities and migrations agree');
  });
});
