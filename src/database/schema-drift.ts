import { DataSource } from 'typeorm';

/** TypeORM's own bookkeeping table: created by the migration runner, described by no entity. */
const TYPEORM_TABLES = ['migrations'];

export type SchemaDrift = {
  /** Tables of the database that no entity describes. */
  tablesWithoutEntity: string[];
  /** The SQL `migration:generate` would write to bring the database to the entities (empty when they agree). */
  statements: string[];
  /** Indexes declared `synchronize: false` (compared by name only) that the database does not have. */
  missingIndexes: string[];
};

/**
 * Compares the entities of `ds` with the schema of the database it is connected to, the way
 * `migration:generate` does, without changing anything. What entities cannot express stays in the
 * migrations and is left out of the comparison on purpose: triggers and functions (`refuse_change`,
 * the report freezing, `search_fold`), the pg_trgm extension, and the indexes declared with
 * `@Index(name, { synchronize: false })` (expression, trigram, INCLUDE and DESC indexes; each entity quotes
 * the migration's definition above its declaration; their existence is still checked, by name).
 */
export async function schemaDrift(ds: DataSource): Promise<SchemaDrift> {
  const sql = await ds.driver.createSchemaBuilder().log();
  const described = new Set(ds.entityMetadatas.map((m) => m.tableName));
  const tables: { name: string }[] = await ds.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const indexes: { table: string; name: string }[] = await ds.query(
    `SELECT tablename AS table, indexname AS name FROM pg_indexes WHERE schemaname = current_schema()`,
  );
  const present = new Set(indexes.map((i) => `${i.table}.${i.name}`));
  const unsynchronised = ds.entityMetadatas.flatMap((m) =>
    m.indices.filter((i) => !i.synchronize).map((i) => `${m.tableName}.${i.name}`),
  );
  return {
    missingIndexes: unsynchronised.filter((i) => !present.has(i)),
    tablesWithoutEntity: tables.map((t) => t.name).filter((t) => !described.has(t) && !TYPEORM_TABLES.includes(t)),
    statements: sql.upQueries.map((q) => q.query),
  };
}
