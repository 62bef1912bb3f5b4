import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Each table is written by exactly one module: the one whose folder holds its entity
 * (`src/<module>/<table>.entity.ts`). Other modules call that module's exported service (passing their
 * EntityManager when the write belongs to their transaction). Demo seeders (`*.demo.ts`) count as their folder's.
 */
const SRC = join(__dirname, '..', '..', 'src');

type Write = { file: string; module: string; table: string; how: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && !e.name.endsWith('.entity.ts') ? [path] : [];
  });
}

/** The module of a file: its folder under src/ (files at the root of src/ belong to the application itself). */
function moduleOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0] : 'app';
}

/** table → owning module and entity class → table, read from the entity files. */
function entities(): { owners: Map<string, string>; tableOfClass: Map<string, string> } {
  const owners = new Map<string, string>();
  const tableOfClass = new Map<string, string>();
  for (const dir of readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const name of readdirSync(join(SRC, dir.name)).filter((n) => n.endsWith('.entity.ts'))) {
      const text = readFileSync(join(SRC, dir.name, name), 'utf8');
      const table = /@Entity\('([a-z_]+)'\)/.exec(text)?.[1];
      const cls = /export class (\w+)/.exec(text)?.[1];
      if (!table || !cls) throw new Error(`${dir.name}/${name}: no @Entity('table') class`);
      if (owners.has(table)) throw new Error(`table ${table} has two entities`);
      owners.set(table, dir.name);
      tableOfClass.set(cls, table);
    }
  }
  return { owners, tableOfClass };
}

const SQL_WRITE = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO|COPY)\s+"?([a-z_]+)"?/gi;
// Repository or query-builder writes naming an entity class, and repositories held by a service.
const ORM_WRITE =
  /\b(insert|update|upsert|delete|save|remove|softDelete|restore|increment|decrement|into|InjectRepository|getRepository)\(\s*(\w+)\b/g;

/** Every write of a known table found in `text`, attributed to `file`'s module. */
export function writesIn(file: string, text: string, tables: Set<string>, tableOfClass: Map<string, string>): Write[] {
  const found: Write[] = [];
  for (const m of text.matchAll(SQL_WRITE)) {
    const table = m[2].toLowerCase();
    if (tables.has(table)) found.push({ file, module: moduleOf(file), table, how: m[1].replace(/\s+/g, ' ') });
  }
  for (const m of text.matchAll(ORM_WRITE)) {
    const table = tableOfClass.get(m[2]);
    if (table) found.push({ file, module: moduleOf(file), table, how: `${m[1]}(${m[2]})` });
  }
  return found;
}

function violations(): string[] {
  const { owners, tableOfClass } = entities();
  const tables = new Set(owners.keys());
  return sourceFiles(SRC)
    .flatMap((file) => writesIn(file, readFileSync(file, 'utf8'), tables, tableOfClass))
    .filter((w) => w.module !== owners.get(w.table))
    .map((w) => `${relative(SRC, w.file)}: ${w.how} ${w.table} (owned by ${owners.get(w.table)})`);
}

describe('each table is written by the module that owns its entity', () => {
  it('finds SQL and repository writes, on several lines too, and only of known tables', () => {
    const tables = new Set(['pilots', 'ledger_entries']);
    const classes = new Map([['Pilot', 'pilots']]);
    const file = join(SRC, 'funding', 'funding.service.ts');
    const text = [
      'await m.query(`UPDATE pilots SET status = $2 WHERE id = $1`);',
      'await m.query(`INSERT INTO\n  ledger_entries (pilot_id) VALUES ($1)`);',
      'await m.query(`SELECT 1 FROM pilots FOR UPDATE`);',
      'await m.query(`INSERT INTO x VALUES (1) ON CONFLICT (k) DO UPDATE SET n = 2`);',
      'await manager.insert(Pilot, { name });',
      '@InjectRepository(Pilot) private readonly pilots: Repository<Pilot>',
    ].join('\n');
    expect(writesIn(file, text, tables, classes).map((w) => `${w.module} ${w.how} ${w.table}`)).toEqual([
      'funding UPDATE pilots',
      'funding INSERT INTO ledger_entries',
      'funding insert(Pilot) pilots',
      'funding InjectRepository(Pilot) pilots',
    ]);
  });

  it('every table has one owner, and no module writes another module’s table', () => {
    expect(entities().owners.size).toBeGreaterThanOrEqual(26);
    expect(violations()).toEqual([]);
  });
});
