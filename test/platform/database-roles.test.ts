import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/pilots/pilot-terms';
import { DERIVED_APP_ROLE } from '../../src/database/db-roles';
import { signIn, SignedIn } from '../factories/users';
import { expense, postEntry } from '../funding/funding-helpers';
import { seedPilotYear, waitForReport } from '../reports/report-helpers';
import { ensureServerBuilt, ServerProcess, signalGroup, startServer } from '../support/built-server';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { freePort } from '../../src/database/embedded-postgres';

describe('the application role cannot tamper with the database', () => {
  let t: TestApp;
  let lead: SignedIn;
  let app: pg.Client;
  let pilotId: string;
  let entryId: string;
  let reportId: string;
  let date: string;

  /** The error code PostgreSQL answers `text` with, run as the application role ('' when it succeeds). */
  const refusal = async (text: string, params: unknown[] = []): Promise<string> => {
    try {
      await app.query(text, params);
      return '';
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    const seeded = await seedPilotYear(lead.http);
    pilotId = seeded.pilotId;
    date = addDays(seeded.startDate, 20);
    const entry = await postEntry(lead.http, pilotId, expense('investment', 1, 10_000, { date }));
    expect(entry.status, entry.text).toBe(201);
    entryId = entry.body.id;
    const report = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'ademe' });
    expect(report.status).toBe(202);
    reportId = report.body.id;
    expect((await waitForReport(lead.http, reportId)).status).toBe('done');
    expect((await lead.http.post(`/api/reports/${reportId}/issue`)).status).toBe(200);
    app = new pg.Client({ connectionString: t.appDatabaseUrl });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await t?.close();
  });

  it('serves every request as the application role, which is no superuser and owns nothing', async () => {
    const sessions = await t.sql<{ usename: string }>(
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'projet-k'`,
    );
    expect(sessions.map((s) => s.usename)).toEqual([DERIVED_APP_ROLE]);
    const [role] = await t.sql<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      `SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1`,
      [DERIVED_APP_ROLE],
    );
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await t.sql(
      `SELECT tablename FROM pg_tables WHERE schemaname IN ('public', 'bullmq') AND tableowner = $1`,
      [DERIVED_APP_ROLE],
    );
    expect(owned).toEqual([]);
  });

  it('cannot disable a trigger, alter, drop, truncate or create a table, nor become the owner', async () => {
    // 42501 insufficient_privilege: only the owner may ALTER, DROP or TRUNCATE.
    for (const sql of [
      `ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`,
      `ALTER TABLE audit_log DISABLE TRIGGER ALL`,
      `ALTER TABLE reports DISABLE TRIGGER reports_frozen_when_issued`,
      `ALTER TABLE ledger_entries DROP CONSTRAINT IF EXISTS ledger_entries_pkey`,
      `DROP TRIGGER ledger_entries_append_only ON ledger_entries`,
      `DROP TABLE audit_log`,
      `TRUNCATE ledger_entries`,
      `CREATE TABLE sneaky (id int)`,
      `CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
      `SET session_replication_role = replica`,
      `SET ROLE postgres`,
    ]) {
      expect(await refusal(sql), sql).toBe('42501');
    }
  });

  it('cannot update or delete a ledger entry, a receipt, an amendment or an audit row', async () => {
    for (const sql of [
      `UPDATE ledger_entries SET amount_cents = 1 WHERE id = '${entryId}'`,
      `DELETE FROM ledger_entries WHERE id = '${entryId}'`,
      `UPDATE ledger_receipts SET filename = 'x'`,
      `DELETE FROM pilot_amendments`,
      `UPDATE audit_log SET action = 'x'`,
      `DELETE FROM audit_log`,
    ]) {
      expect(await refusal(sql), sql).toBe('42501');
    }
    const [entry] = await t.sql<{ amount_cents: number }>(`SELECT amount_cents FROM ledger_entries WHERE id = $1`, [
      entryId,
    ]);
    expect(entry.amount_cents).toBe(10_000);
  });

  it('cannot change or delete an issued report or its files (the trigger it cannot switch off refuses)', async () => {
    for (const sql of [
      `UPDATE reports SET progress = 1 WHERE id = $1`,
      `DELETE FROM reports WHERE id = $1`,
      `UPDATE report_files SET content = '\\x00' WHERE report_id = $1`,
      `DELETE FROM report_files WHERE report_id = $1`,
    ]) {
      expect(await refusal(sql, [reportId]), sql).not.toBe('');
    }
    const [report] = await t.sql<{ progress: number; issued: boolean }>(
      `SELECT progress, issued_at IS NOT NULL AS issued FROM reports WHERE id = $1`,
      [reportId],
    );
    expect(report).toEqual({ progress: 100, issued: true });
  });

  it('still reads and writes what the application needs: new entries, sessions, reports', async () => {
    const again = await postEntry(lead.http, pilotId, expense('operating', 1, 2_500, { date }));
    expect(again.status, again.text).toBe(201);
    const other = await signIn(t, 'lead');
    expect((await other.http.post('/api/auth/logout')).status).toBeLessThan(300);
    const second = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'board' });
    expect(second.status).toBe(202);
    expect((await waitForReport(lead.http, second.body.id)).status).toBe('done');
    expect(await refusal(`SELECT count(*) FROM ledger_entries WHERE pilot_id = $1`, [pilotId])).toBe('');
    expect(await refusal(`SELECT 1 FROM migrations LIMIT 1`)).toBe('');
    expect(await refusal(`DELETE FROM migrations WHERE id = -1`)).toBe('42501');
  });
});

describe('DATABASE_OWNER_URL for migrations, DATABASE_URL as the application role (the built server)', () => {
  let t: TestApp;
  let server: ServerProcess | undefined;
  const role = `projetk_t_op_${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;

  beforeAll(async () => {
    ensureServerBuilt();
    t = await createTestApp();
  });
  afterAll(async () => {
    if (server) signalGroup(server.child, 'SIGKILL');
    await t?.sql(`DROP OWNED BY ${role}`).catch(() => undefined);
    await t?.sql(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    await t?.close();
  });

  const withRole = (user: string, pw?: string) => {
    const u = new URL(t.databaseUrl);
    u.username = user;
    u.password = pw ?? '';
    return u.toString();
  };

  it("migrates as the owner, creates the operator's role with its password and serves as that role only", async () => {
    const port = await freePort();
    server = startServer({
      DATABASE_OWNER_URL: t.databaseUrl,
      DATABASE_URL: withRole(role, password),
      REDIS_URL: t.config.redisUrl ?? '',
      QUEUE_PREFIX: t.config.queuePrefix,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    });
    const up = await waitFor(
      async () => ((await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined))?.ok ? true : undefined),
      120_000,
      250,
    ).catch(() => false);
    expect(up, server.output()).toBe(true);
    const users = await t.sql<{ usename: string }>(
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'projet-k'`,
    );
    expect(users.map((u) => u.usename)).toContain(role);
    expect(users.map((u) => u.usename)).not.toContain('postgres');
    const [grants] = await t.sql<Record<string, boolean>>(
      `SELECT has_table_privilege($1, 'ledger_entries', 'INSERT') AS ledger_insert,
              has_table_privilege($1, 'ledger_entries', 'UPDATE') AS ledger_update,
              has_table_privilege($1, 'audit_log', 'DELETE') AS audit_delete,
              has_table_privilege($1, 'users', 'UPDATE') AS users_update`,
      [role],
    );
    expect(grants).toEqual({ ledger_insert: true, ledger_update: false, audit_delete: false, users_update: true });
    signalGroup(server.child, 'SIGTERM');
    expect((await server.exited).code).toBe(0);
    server = undefined;
  }, 180_000);

  it('refuses to start when the application role is the owner itself', async () => {
    const s = startServer({
      DATABASE_OWNER_URL: t.databaseUrl,
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: t.config.redisUrl ?? '',
      PORT: String(await freePort()),
      SEED_DEMO: 'false',
    });
    const { code } = await s.exited;
    expect(code).toBe(1);
    expect(s.output()).toMatch(/could not start: The application role "postgres" is the owner role/);
  }, 120_000);
});
