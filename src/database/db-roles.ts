import { createHmac } from 'node:crypto';
import pg from 'pg';
import type { AppConfig } from '../config/config';

/**
 * Two database roles: the owner, which runs migrations and owns every table, and the application role, which
 * the API and workers connect as. The application role reads and writes rows but owns nothing, so it cannot
 * ALTER, DROP or DISABLE TRIGGER, and it has no UPDATE/DELETE on the append-only tables (ledger, receipts,
 * amendments, audit trail): their refuse_change() triggers stay out of its reach.
 */

/** The application role's name when it is derived from a single DATABASE_URL (roles are cluster-wide). */
export const DERIVED_APP_ROLE = 'projetk_app';

export type DatabaseUrls = {
  /** Runs migrations and grants; owns the schema. */
  owner: string;
  /** What the application connects as. */
  app: string;
  /** True when the application role was derived from the owner's URL (only DATABASE_URL given). */
  derived: boolean;
};

/**
 * With DATABASE_OWNER_URL, DATABASE_URL is the application's own role. With DATABASE_URL alone, that URL is the
 * owner and the application connects, on the same server and database, as `projetk_app`, whose password is
 * derived from the owner's credentials (so every process of a deployment computes the same one).
 */
export function databaseUrls(databaseUrl: string, ownerUrl?: string): DatabaseUrls {
  if (ownerUrl) return { owner: ownerUrl, app: databaseUrl, derived: false };
  return { owner: databaseUrl, app: derivedAppUrl(databaseUrl), derived: true };
}

/** The owner's and the application's URLs for this configuration (which must have a database URL by now). */
export function urlsOf(config: AppConfig): DatabaseUrls {
  if (!config.databaseUrl) throw new Error('No database URL (start the embedded server first)');
  return databaseUrls(config.databaseUrl, config.databaseOwnerUrl);
}

/** The configuration the application runs with: connected as the application role, never as the owner. */
export function asApplicationRole(config: AppConfig): AppConfig {
  return { ...config, databaseUrl: urlsOf(config).app, databaseOwnerUrl: undefined };
}

export function derivedAppUrl(ownerUrl: string): string {
  const u = new URL(ownerUrl);
  const key = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
  u.username = DERIVED_APP_ROLE;
  u.password = createHmac('sha256', key).update(DERIVED_APP_ROLE).digest('hex').slice(0, 32);
  return u.toString();
}

export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

// duplicate_object, unique_violation, and "tuple concurrently updated" (internal_error) when two processes
// create the same role at once.
const RACE_CODES = new Set(['42710', '23505', 'XX000']);

/** Whether the application's URL logs in (a wrong password is the only failure that a new password fixes). */
async function logsIn(url: string): Promise<'yes' | 'bad-password' | 'no-role'> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await c.connect();
    return 'yes';
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === '28P01') return 'bad-password';
    if (code === '28000') return 'no-role';
    throw e;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function ensureRole(owner: pg.Client, urls: DatabaseUrls): Promise<string> {
  const role = roleOf(urls.app);
  if (!role) throw new Error('DATABASE_URL must name the application role (postgres://<role>:<password>@host/db)');
  if (role === roleOf(urls.owner) || role === (await owner.query('SELECT current_user AS u')).rows[0].u) {
    throw new Error(
      `The application role "${role}" is the owner role: set DATABASE_URL to a role of its own (see README)`,
    );
  }
  const password = decodeURIComponent(new URL(urls.app).password);
  const found = await owner.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [role]);
  if (found.rowCount === 0) {
    const pw = password ? ` PASSWORD ${owner.escapeLiteral(password)}` : '';
    await owner
      .query(`CREATE ROLE ${owner.escapeIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${pw}`)
      .catch((e: { code?: string }) => {
        if (e.code === '42501') {
          throw new Error(
            `The owner role cannot create the application role "${role}": create it (LOGIN, no other attribute) or give the owner CREATEROLE (see README)`,
          );
        }
        if (!RACE_CODES.has(e.code ?? '')) throw e;
      });
  } else if (found.rows[0].rolsuper) {
    throw new Error(`The application role "${role}" is a superuser: it must be an ordinary role (see README)`);
  }
  // A derived role gets its password set here; a role of the operator's keeps the one the operator gave it.
  if (urls.derived && (await logsIn(urls.app)) === 'bad-password') {
    await owner
      .query(`ALTER ROLE ${owner.escapeIdentifier(role)} WITH LOGIN PASSWORD ${owner.escapeLiteral(password)}`)
      .catch((e: { code?: string }) => {
        if (!RACE_CODES.has(e.code ?? '')) throw e;
      });
  }
  return role;
}

/** Creates the application role if absent (cluster-wide; safe when several processes do it at once). */
export async function ensureApplicationRole(urls: DatabaseUrls): Promise<string> {
  const owner = new pg.Client({ connectionString: urls.owner });
  await owner.connect();
  try {
    return await ensureRole(owner, urls);
  } finally {
    await owner.end();
  }
}

// Same lock as the migrations: grants are rewritten after them, never by two processes at once.
const MIGRATION_LOCK = 4_242_001;

/**
 * Creates the application role if absent and gives it, in the owner's database, exactly what the application
 * needs: SELECT/INSERT everywhere, UPDATE/DELETE except on append-only tables (those with a refuse_change()
 * trigger on UPDATE or DELETE), nothing on the migration ledgers but SELECT, sequences' USAGE. Rewritten from
 * scratch after every migration run, so a table that becomes append-only loses its UPDATE/DELETE. Idempotent.
 */
export async function grantApplicationRole(urls: DatabaseUrls): Promise<string> {
  const owner = new pg.Client({ connectionString: urls.owner });
  await owner.connect();
  try {
    const role = await ensureRole(owner, urls);
    const r = owner.escapeIdentifier(role);
    await owner.query('BEGIN');
    await owner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const { rows: db } = await owner.query<{ d: string }>('SELECT current_database() AS d');
    await owner.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${owner.escapeIdentifier(db[0].d)} TO ${r}`);
    const { rows: schemas } = await owner.query<{ s: string }>(
      `SELECT nspname AS s FROM pg_namespace WHERE nspname IN ('public', 'bullmq') ORDER BY 1`,
    );
    for (const { s } of schemas) {
      const q = owner.escapeIdentifier(s);
      await owner.query(`GRANT USAGE ON SCHEMA ${q} TO ${r}`);
      await owner.query(`REVOKE CREATE ON SCHEMA ${q} FROM ${r}`);
      await owner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${q} FROM ${r}`);
      await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${q} TO ${r}`);
      await owner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${q} FROM ${r}`);
      await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${q} TO ${r}`);
      // Tables created later outside a migration run (by this owner) start with the ordinary privileges.
      await owner.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${q} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
      );
      await owner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${q} GRANT USAGE, SELECT ON SEQUENCES TO ${r}`);
    }
    const { rows: appendOnly } = await owner.query<{ t: string }>(
      `SELECT DISTINCT c.oid::regclass::text AS t
         FROM pg_trigger tg
         JOIN pg_class c ON c.oid = tg.tgrelid
         JOIN pg_proc p ON p.oid = tg.tgfoid
        WHERE p.proname = 'refuse_change' AND NOT tg.tgisinternal AND (tg.tgtype & (8 | 16)) <> 0`,
    );
    for (const { t } of appendOnly) await owner.query(`REVOKE UPDATE, DELETE ON ${t} FROM ${r}`);
    const { rows: ledgers } = await owner.query<{ t: string }>(
      `SELECT c.oid::regclass::text AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE (n.nspname, c.relname) IN (('public', 'migrations'), ('bullmq', 'migration'))`,
    );
    for (const { t } of ledgers) await owner.query(`REVOKE INSERT, UPDATE, DELETE ON ${t} FROM ${r}`);
    await owner.query('COMMIT');
    return role;
  } catch (e) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await owner.end();
  }
}
