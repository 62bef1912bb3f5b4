import { createCanvas } from '@napi-rs/canvas';
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, TestContext } from 'vitest';
import { findPgTools } from '../../src/database/pg-tools';
import { addDays } from '../../src/pilots/pilot-terms';
import { signInAs, SignedIn, insertUser } from '../factories/users';
import { expense, postEntry } from '../funding/funding-helpers';
import { download, seedPilotYear, waitForReport } from '../reports/report-helpers';
import { createEmptyDatabase, createTestApp, TestApp, TestDatabase } from '../support/test-app';

const CLI = resolve(__dirname, '..', '..', 'dist', 'src', 'cli.js');

type Run = { code: number | null; stdout: string; stderr: string };

/** The built CLI as an operator runs it, against the database whose owner URL is given. */
function cli(args: string[], databaseUrl: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every row of every table of the database, as one digest per table (owner's view). */
async function tableDigests(url: string): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ t: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables
        WHERE schemaname IN ('public', 'bullmq') ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { t } of rows) {
      const [r] = (
        await c.query(`SELECT count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${t} x`)
      ).rows;
      out[t] = `${r.n}:${r.h}`;
    }
    return out;
  } finally {
    await c.end();
  }
}

describe('backup and restore: npm run cli -- backup / restore', () => {
  let t: TestApp;
  let restoredApp: TestApp | undefined;
  let restored: TestDatabase;
  let dir: string;
  let toolsMissing = '';
  let leadEmail: string;
  let lead: SignedIn;
  let pilotId: string;
  let receiptUrl: string;
  let reportId: string;
  let entryDate: string;
  let backedUp: Record<string, string>;

  /** What a person sees of the pilot through HTTP: balances, ledger, receipt and report files with their sha256. */
  const observe = async (app: TestApp, who: SignedIn) => {
    const funding = await who.http.get(`/api/pilots/${pilotId}/funding`);
    const ledger = await who.http.get(`/api/pilots/${pilotId}/ledger`);
    const report = await who.http.get(`/api/reports/${reportId}`);
    const receipt = await download(app, leadEmail, receiptUrl);
    const files: Record<string, string> = {};
    for (const kind of ['html', 'pdf', 'xlsx']) {
      const f = await download(app, leadEmail, `/api/reports/${reportId}/${kind}`);
      expect(f.status, kind).toBe(200);
      files[kind] = sha256(f.bytes);
    }
    expect([funding.status, ledger.status, report.status, receipt.status]).toEqual([200, 200, 200, 200]);
    return { funding: funding.body, ledger: ledger.body, report: report.body, receipt: sha256(receipt.bytes), files };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const [{ v }] = await t.sql<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    toolsMissing = await findPgTools(Math.floor(Number(v) / 10_000), process.env.PG_BIN_DIR).then(
      () => '',
      (e: Error) => e.message,
    );
    if (toolsMissing) return;
    dir = await mkdtemp(join(tmpdir(), 'projetk-backup-'));
    leadEmail = (await insertUser(t, 'lead')).email;
    lead = await signInAs(t, leadEmail);
    const seeded = await seedPilotYear(lead.http);
    pilotId = seeded.pilotId;
    entryDate = addDays(seeded.startDate, 30);
    const entry = await postEntry(lead.http, pilotId, expense('investment', 1, 12_345, { date: entryDate }));
    expect(entry.status, entry.text).toBe(201);
    const canvas = createCanvas(64, 48);
    const g = canvas.getContext('2d');
    g.fillStyle = '#2a7';
    g.fillRect(0, 0, 64, 48);
    g.fillStyle = '#fff';
    g.fillText(randomUUID().slice(0, 8), 4, 24);
    receiptUrl = `/api/pilots/${pilotId}/ledger/${entry.body.id}/receipt`;
    const up = await lead.http.post(receiptUrl, {
      filename: 'facture.png',
      contentBase64: canvas.toBuffer('image/png').toString('base64'),
    });
    expect(up.status, up.text).toBe(201);
    const report = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'ademe' });
    expect(report.status, report.text).toBe(202);
    reportId = report.body.id;
    expect((await waitForReport(lead.http, reportId)).status).toBe('done');
    expect((await lead.http.post(`/api/reports/${reportId}/issue`)).status).toBe(200);
  });
  afterAll(async () => {
    await restoredApp?.close();
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const needTools = (ctx: TestContext) => ctx.skip(toolsMissing !== '', toolsMissing);

  it('backs up, restores into a fresh database and finds every balance, file and report identical', async (ctx) => {
    needTools(ctx);
    const before = await observe(t, lead);
    const digests = await tableDigests(t.databaseUrl);
    backedUp = digests;
    const file = join(dir, 'projetk.dump');

    const backup = await cli(['backup', file], t.databaseUrl);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`Backup written to ${file}`);
    expect((await readFile(file)).subarray(0, 5).toString('latin1')).toBe('PGDMP');

    restored = await createEmptyDatabase();
    const restore = await cli(['restore', file], restored.url);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('Restored');
    // Every row of every table, stored files included (they live in the database).
    expect(await tableDigests(restored.url)).toEqual(digests);

    restoredApp = await createTestApp({ database: restored });
    const after = await observe(restoredApp, await signInAs(restoredApp, leadEmail));
    expect(after).toEqual(before);
    expect(after.report.issuedAt).toBeDefined();
    // The restored database keeps its guards: the application role still cannot rewrite the ledger.
    const app = new pg.Client({ connectionString: restored.appUrl });
    await app.connect();
    try {
      await expect(app.query(`UPDATE ledger_entries SET amount_cents = 1`)).rejects.toMatchObject({ code: '42501' });
      await expect(app.query(`ALTER TABLE ledger_entries DISABLE TRIGGER ALL`)).rejects.toMatchObject({
        code: '42501',
      });
    } finally {
      await app.end();
    }
  });

  it('refuses to restore into a database that is not empty, and --force replaces what it holds', async (ctx) => {
    needTools(ctx);
    const file = join(dir, 'projetk.dump');
    const other = await signInAs(restoredApp!, leadEmail);
    const extra = await postEntry(other.http, pilotId, expense('operating', 1, 100, { date: entryDate }));
    expect(extra.status, extra.text).toBe(201);
    const added = await restoredApp!.sql(`SELECT 1 FROM ledger_entries`);
    const refused = await cli(['restore', file], restored.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty .* add --force/);
    expect(await restoredApp!.sql(`SELECT 1 FROM ledger_entries`)).toHaveLength(added.length);

    await restoredApp!.close();
    restoredApp = undefined;
    const forced = await cli(['restore', file, '--force'], restored.url);
    expect(forced.code, forced.stderr).toBe(0);
    // The entry added after the backup is gone: the database is the backup again, row for row.
    expect(await tableDigests(restored.url)).toEqual(backedUp);
  });

  it('explains a missing or foreign file and bad arguments, and writes nothing', async (ctx) => {
    needTools(ctx);
    const empty = await createEmptyDatabase();
    try {
      const missing = await cli(['restore', join(dir, 'nope.dump')], empty.url);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('No such file');
      const notDump = join(dir, 'notes.txt');
      await writeFile(notDump, 'hello');
      const foreign = await cli(['restore', notDump], empty.url);
      expect(foreign.code).toBe(1);
      expect(foreign.stderr).toContain('is not a backup');
      const noFile = await cli(['backup'], empty.url);
      expect(noFile.code).toBe(1);
      expect(noFile.stderr).toContain('Usage: npm run cli -- backup <file>');
      // Without DATABASE_URL, an embedded database that does not exist is not created just to be backed up.
      const noEmbedded = await cli(['backup', join(dir, 'none.dump')], '', { DATA_DIR: join(dir, 'no-data') });
      expect(noEmbedded.code).toBe(1);
      expect(noEmbedded.stderr).toContain('there is no embedded database');
      const c = new pg.Client({ connectionString: empty.url });
      await c.connect();
      const { rows } = await c.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`);
      await c.end();
      expect(rows).toHaveLength(0);
    } finally {
      await empty.drop();
    }
  });
});
