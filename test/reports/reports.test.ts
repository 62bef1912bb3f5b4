import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/reports/report-renderer';
import type { PilotSnapshot } from '../../src/reports/report.types';
import { canonicalJson } from '../../src/common/canonical-json';
import { renderReportFiles, sha256 } from '../../src/reports/report-files';
import { ReportDrafts } from '../../src/reports/report-drafts.service';
import { chromiumPath } from '../support/browser';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';
import { download, euroText, pdfText, readXlsx, seedPilotYear, waitForReport } from './report-helpers';

describe('yearly reports', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinator: SignedIn;
  let reviewer: SignedIn;
  let reviewerEmail: string;
  let outsider: SignedIn;
  let pilotId: string;
  let reportId: string;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    ({ pilotId } = await seedPilotYear(lead.http));
    const coord = await insertUser(t, 'coordinator');
    const rev = await insertUser(t, 'reviewer');
    reviewerEmail = rev.email;
    await addMember(lead.http, pilotId, coord.id, 'coordinator');
    await addMember(lead.http, pilotId, rev.id, 'reviewer');
    coordinator = await signInAs(t, coord.email);
    reviewer = await signInAs(t, rev.email);
    outsider = await signIn(t, 'coordinator');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses bad input with 400, out-of-range years with 422, and writes nothing', async () => {
    const bad = [
      { year: 0, audience: 'ademe' },
      { year: 1.5, audience: 'ademe' },
      { year: -1, audience: 'board' },
      { year: 1, audience: 'minister' },
      { year: 1, audience: 'ademe', extra: true },
      { year: 1, audience: 'ademe', narrative: { highlights: 'x' } },
      { year: 1, audience: 'ademe', narrative: { highlights: 'x'.repeat(20_001), difficulties: '', outlook: '' } },
      { audience: 'ademe' },
    ];
    for (const body of bad) {
      const res = await lead.http.post(`/api/pilots/${pilotId}/reports`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    const tooLate = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 4, audience: 'ademe' });
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.code).toBe('report_year_out_of_range');
    const noStart = await lead.http.post('/api/pilots', {
      name: 'Sans date',
      communes: [{ name: 'Haux' }],
      inhabitants: 900,
      startDate: null,
    });
    const notStarted = await lead.http.post(`/api/pilots/${noStart.body.id}/reports`, { year: 1, audience: 'ademe' });
    expect(notStarted.status).toBe(422);
    expect(notStarted.body.code).toBe('report_pilot_not_started');
    expect((await lead.http.post(`/api/pilots/${randomUUID()}/reports`, { year: 1, audience: 'ademe' })).status).toBe(
      404,
    );
    expect(await t.sql(`SELECT id FROM reports`)).toHaveLength(0);
  });

  it('lets only the lead create: coordinators and reviewers get 403, other pilots 404', async () => {
    expect((await coordinator.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'ademe' })).status).toBe(
      403,
    );
    expect((await reviewer.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'ademe' })).status).toBe(
      403,
    );
    expect((await outsider.http.get(`/api/pilots/${pilotId}/reports`)).status).toBe(404);
    expect(await t.sql(`SELECT id FROM reports`)).toHaveLength(0);
  });

  it('answers 202 at once, shows progress, and ends done with figures that reconcile to the cent with the ledger', async () => {
    const narrative = {
      highlights: 'Ouverture de la ressourcerie.',
      difficulties: 'Recrutement long.',
      outlook: 'Viser 30 % d’autonomie.',
    };
    const res = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'ademe', narrative });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', version: 1 });
    reportId = res.body.id;
    // A double click while it runs queues nothing more: same report back.
    const again = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'ademe' });
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(reportId);

    const done = await waitForReport(lead.http, reportId);
    expect(done).toMatchObject({ status: 'done', progress: 100, year: 1, audience: 'ademe', version: 1 });
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(done.issuedAt).toBeUndefined();
    expect(done.error).toBeUndefined();

    // Independent sums straight from the ledger table: year 1, reversals and reversed entries out.
    const sums = await t.sql<{ type: string; fund: string | null; total: string }>(
      `SELECT type, fund, sum(amount_cents)::bigint AS total FROM ledger_entries e
        WHERE pilot_id = $1 AND year = 1 AND type <> 'reversal'
          AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_entry_id = e.id)
        GROUP BY type, fund`,
      [pilotId],
    );
    const sum = (type: string, fund?: string) =>
      sums
        .filter((s) => s.type === type && (fund === undefined || s.fund === fund))
        .reduce((a, s) => a + Number(s.total), 0);
    const [{ snapshot, snapshot_sha256 }] = await t.sql<{ snapshot: PilotSnapshot; snapshot_sha256: string }>(
      `SELECT snapshot, snapshot_sha256 FROM reports WHERE id = $1`,
      [reportId],
    );
    const f = snapshot.sections.funding;
    if (!f.available) throw new Error('funding section missing');
    expect(f.disbursedCents).toBe(sum('disbursement'));
    expect(f.disbursedByFund.investment).toBe(sum('disbursement', 'investment'));
    expect(f.disbursedByFund.operating).toBe(sum('disbursement', 'operating'));
    expect(f.expensesCents).toBe(sum('expense'));
    expect(f.expensesCents).toBe(4_123_457 + 2_000_001 + 1_234_599);
    expect(f.expensesByCategory.reduce((a, c) => a + c.totalCents, 0)).toBe(sum('expense'));
    expect(f.expensesByCategory.find((c) => c.category === 'services')).toBeUndefined();
    expect(f.cofinancingCents).toBe(sum('cofinancing'));
    expect(f.inKindCents).toBe(sum('in_kind'));
    expect(f.yearEntitledCents).toBe(15_000_000);
    expect(f.autonomyRatio).toBeCloseTo(
      (1_000_001 + 250_050 + 333_333) / (3_000_000 + 1_000_001 + 250_050 + 333_333),
      10,
    );
    // The balances are the funding page's own.
    const funding = await lead.http.get(`/api/pilots/${pilotId}/funding`);
    expect(f.balances.investment.spentCents).toBe(funding.body.balances.investment.spentCents);
    expect(f.balances.operating.disbursedCents).toBe(funding.body.balances.operating.disbursedCents);
    expect(done.figures).toMatchObject({
      disbursedCents: 15_000_000,
      expensesCents: 7_358_057,
      cofinancingCents: 1_250_051,
      inKindCents: 333_333,
      activities: 6,
      actors: 2,
    });
    expect(snapshot.narrative).toEqual(narrative);
    // The stored sha256 is the snapshot's.
    expect(sha256(canonicalJson(snapshot))).toBe(snapshot_sha256);
    expect(done.sha256).toBe(snapshot_sha256);
  });

  it('renders byte-identical HTML from the same snapshot', async () => {
    const [{ snapshot, snapshot_sha256 }] = await t.sql<{ snapshot: PilotSnapshot; snapshot_sha256: string }>(
      `SELECT snapshot, snapshot_sha256 FROM reports WHERE id = $1`,
      [reportId],
    );
    const served = await lead.http.get(`/api/reports/${reportId}/html`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('text/html');
    const again = renderReportHtml(JSON.parse(canonicalJson(snapshot)), snapshot_sha256);
    expect(sha256(again)).toBe(sha256(served.text));
    expect(again).toBe(renderReportHtml(JSON.parse(canonicalJson(snapshot)), snapshot_sha256));
    expect(served.text).toContain('<html lang="fr">');
    expect(served.text).toContain('Ouverture de la ressourcerie.');
  });

  it('produces a PDF that opens and shows the key figures, and an XLSX annex with numbers as numbers', async () => {
    const pdf = await download(t, reviewerEmail, `/api/reports/${reportId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(pdf.bytes);
    expect(pages).toBeGreaterThan(3);
    expect(text).toContain("Rapport annuel d'exécution");
    expect(text).toContain(euroText(15_000_000));
    expect(text).toContain(euroText(7_358_057));
    expect(text).toContain(euroText(1_250_051));
    expect(text).toMatch(/Page 1 sur \d+/);

    const xlsx = await download(t, reviewerEmail, `/api/reports/${reportId}/xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.contentType).toContain('spreadsheetml');
    const wb = await readXlsx(xlsx.bytes);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Chiffres clés',
        'Versements',
        'Dépenses',
        'Cofinancements',
        'Apports en nature',
        'Activités',
        'Acteurs',
        'Déchets',
      ]),
    );
    const expenses = wb.getWorksheet('Dépenses')!;
    const total = expenses.getRow(expenses.rowCount);
    expect(total.getCell(1).value).toBe('Total');
    expect(total.getCell(4).value).toBe(73_580.57);
    expect(typeof total.getCell(4).value).toBe('number');
    expect(total.getCell(4).numFmt).toContain('€');
    const disb = wb.getWorksheet('Versements')!;
    expect(disb.getRow(disb.rowCount).getCell(4).value).toBe(150_000);
  });

  it('lets a reviewer read and download but neither create nor issue; a stranger gets 404', async () => {
    expect((await reviewer.http.get(`/api/reports/${reportId}`)).status).toBe(200);
    expect((await reviewer.http.get(`/api/pilots/${pilotId}/reports`)).body.items).toHaveLength(1);
    expect((await reviewer.http.post(`/api/reports/${reportId}/issue`)).status).toBe(403);
    expect((await coordinator.http.post(`/api/reports/${reportId}/issue`)).status).toBe(403);
    expect((await outsider.http.get(`/api/reports/${reportId}`)).status).toBe(404);
    expect((await outsider.http.get(`/api/reports/${reportId}/pdf`)).status).toBe(404);
    expect((await outsider.http.get(`/api/reports`)).body.items).toHaveLength(0);
    expect((await lead.http.get(`/api/reports/${randomUUID()}`)).status).toBe(404);
    expect((await lead.http.get(`/api/reports/not-a-uuid`)).status).toBe(400);
  });

  it('issues a report once, freezes it in the database, and makes the next generation a new version', async () => {
    const issued = await lead.http.post(`/api/reports/${reportId}/issue`);
    expect(issued.status).toBe(200);
    expect(issued.body.issuedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The record shows each file's sha256; rendering the issued snapshot again gives the same bytes.
    const files = issued.body.files as Record<'html' | 'pdf' | 'xlsx', { sha256: string; bytes: number }>;
    const [{ snapshot: stored, snapshot_sha256 }] = await t.sql<{ snapshot: PilotSnapshot; snapshot_sha256: string }>(
      `SELECT snapshot, snapshot_sha256 FROM reports WHERE id = $1`,
      [reportId],
    );
    const again = await renderReportFiles(JSON.parse(canonicalJson(stored)), snapshot_sha256, chromiumPath());
    for (const format of ['html', 'pdf', 'xlsx'] as const) {
      expect(files[format].sha256, format).toMatch(/^[0-9a-f]{64}$/);
      expect(sha256(again[format]), format).toBe(files[format].sha256);
      expect(again[format].length).toBe(files[format].bytes);
    }
    const served = await download(t, reviewerEmail, `/api/reports/${reportId}/xlsx`);
    expect(sha256(served.bytes)).toBe(files.xlsx.sha256);
    const twice = await lead.http.post(`/api/reports/${reportId}/issue`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('report_already_issued');

    // The database itself refuses any change to the issued report and its files.
    await expect(t.sql(`UPDATE reports SET progress = 1 WHERE id = $1`, [reportId])).rejects.toThrow(/issued/);
    await expect(t.sql(`UPDATE reports SET snapshot = '{}'::jsonb WHERE id = $1`, [reportId])).rejects.toThrow(
      /issued/,
    );
    await expect(t.sql(`DELETE FROM reports WHERE id = $1`, [reportId])).rejects.toThrow(/issued/);
    await expect(t.sql(`UPDATE report_files SET content = '\\x00' WHERE report_id = $1`, [reportId])).rejects.toThrow(
      /issued/,
    );
    await expect(t.sql(`DELETE FROM report_files WHERE report_id = $1`, [reportId])).rejects.toThrow(/issued/);
    await expect(
      t.sql(`INSERT INTO report_files (report_id, format, content, sha256) VALUES ($1, 'html', '\\x01', $2)`, [
        reportId,
        'b'.repeat(64),
      ]),
    ).rejects.toThrow();

    // Later data changes do not alter it.
    const before = await lead.http.get(`/api/reports/${reportId}/html`);
    const r = await lead.http.post(
      `/api/pilots/${pilotId}/ledger`,
      {
        type: 'cofinancing',
        year: 1,
        amountCents: 77_700,
        date: new Date().toISOString().slice(0, 10),
        reference: 'LATE-1',
        source: 'Mécène',
        sourceKind: 'other',
        attributionReason: 'Don promis pour la première année, versé en retard',
      },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(r.status).toBe(201);
    const after = await lead.http.get(`/api/reports/${reportId}`);
    expect(after.body.figures.cofinancingCents).toBe(1_250_051);
    expect((await lead.http.get(`/api/reports/${reportId}/html`)).text).toBe(before.text);

    // Generating again makes version 2, with the new figures; both versions are listed.
    const v2 = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'ademe' });
    expect(v2.status).toBe(202);
    expect(v2.body.version).toBe(2);
    expect(v2.body.id).not.toBe(reportId);
    const done = await waitForReport(lead.http, v2.body.id);
    expect(done.status).toBe('done');
    expect(done.figures.cofinancingCents).toBe(1_250_051 + 77_700);
    // The narrative carries over from the previous version when none is given.
    expect(done.narrative.highlights).toBe('Ouverture de la ressourcerie.');
    const list = await lead.http.get(`/api/pilots/${pilotId}/reports?year=1&audience=ademe`);
    expect(list.body.items.map((i: { version: number }) => i.version)).toEqual([2, 1]);
    expect(list.body.items[1].issuedAt).toBeDefined();
    const jobIds = await t.sql<{ job_id: string }>(`SELECT job_id FROM reports WHERE pilot_id = $1 ORDER BY version`, [
      pilotId,
    ]);
    expect(jobIds.map((j) => j.job_id)).toEqual([`report-${pilotId}-1-ademe-v1`, `report-${pilotId}-1-ademe-v2`]);
  });

  it('refuses to issue a report that is not done (409 report_not_ready) and leaves it unissued', async () => {
    // Rows in each unfinished state, without a job: nothing can finish them while the test looks.
    for (const status of ['queued', 'running', 'failed'] as const) {
      const [{ id }] = await t.sql<{ id: string }>(
        `INSERT INTO reports (kind, pilot_id, year, audience, version, series_key, origin, job_id, status)
         VALUES ('pilot', $1, 3, 'coopter', 1, $2, 'manual', $2, $3) RETURNING id`,
        [pilotId, `not-done-${status}-${randomUUID()}`, status],
      );
      const early = await lead.http.post(`/api/reports/${id}/issue`);
      expect(early.status, status).toBe(409);
      expect(early.body.code).toBe('report_not_ready');
      const [row] = await t.sql<{ issued_at: Date | null }>(`SELECT issued_at FROM reports WHERE id = $1`, [id]);
      expect(row.issued_at).toBeNull();
      expect((await lead.http.get(`/api/reports/${id}/pdf`)).status).toBe(409);
      await t.sql(`DELETE FROM reports WHERE id = $1`, [id]);
    }
  });

  it('produces a wave report for a call with a row per pilot (lead only)', async () => {
    const call = await lead.http.post('/api/calls', {
      title: 'Appel 2023 — rapport de vague',
      waveYear: 2023,
      intentionDeadline: '2099-06-02',
      engagementDeadline: '2099-09-01',
    });
    expect(call.status).toBe(201);
    await t.sql(`UPDATE pilots SET call_id = $1 WHERE id = $2`, [call.body.id, pilotId]);
    expect((await coordinator.http.post(`/api/calls/${call.body.id}/reports`, { audience: 'board' })).status).toBe(403);
    expect((await lead.http.post(`/api/calls/${call.body.id}/reports`, { audience: 'nobody' })).status).toBe(400);
    expect((await lead.http.post(`/api/calls/${randomUUID()}/reports`, { audience: 'board' })).status).toBe(404);
    const res = await lead.http.post(`/api/calls/${call.body.id}/reports`, { audience: 'board', year: 1 });
    expect(res.status).toBe(202);
    const done = await waitForReport(lead.http, res.body.id);
    expect(done.status).toBe('done');
    expect(done.figures.disbursedCents).toBe(15_000_000);
    const html = await lead.http.get(`/api/reports/${res.body.id}/html`);
    expect(html.text).toContain('Total de la vague');
    expect(html.text).toContain('Saint-Genès');
    // Wave reports are not visible to pilot members.
    expect((await reviewer.http.get(`/api/reports/${res.body.id}`)).status).toBe(404);
    expect((await lead.http.get(`/api/calls/${call.body.id}/reports`)).body.items).toHaveLength(1);
    expect((await reviewer.http.get(`/api/calls/${call.body.id}/reports`)).status).toBe(403);
  });

  it('covers the whole life of the wave when no year is given: every pilot since its start, not one year', async () => {
    const call = await lead.http.post('/api/calls', {
      title: `Appel 2023 — bilan ${randomUUID().slice(0, 4)}`,
      waveYear: 2023,
      intentionDeadline: '2099-06-02',
      engagementDeadline: '2099-09-01',
    });
    expect(call.status).toBe(201);
    await t.sql(`UPDATE pilots SET call_id = $1 WHERE id = $2`, [call.body.id, pilotId]);
    const res = await lead.http.post(`/api/calls/${call.body.id}/reports`, { audience: 'board' });
    expect(res.status).toBe(202);
    const done = await waitForReport(lead.http, res.body.id);
    expect(done).toMatchObject({ status: 'done', year: null });
    // Independent totals: the funding page's cumulated figures and the activity rows of the pilot.
    const funding = (await lead.http.get(`/api/pilots/${pilotId}/funding`)).body;
    const disbursed = funding.balances.investment.disbursedCents + funding.balances.operating.disbursedCents;
    expect(disbursed).toBeGreaterThan(15_000_000);
    expect(done.figures.disbursedCents).toBe(disbursed);
    expect(done.figures.yearEntitledCents).toBe(
      funding.entitlements.reduce((a: number, e: { amountCents: number }) => a + e.amountCents, 0),
    );
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM activities WHERE pilot_id = $1`, [
      pilotId,
    ]);
    expect(done.figures.activities).toBe(n);
    expect(done.figures.activities).toBeGreaterThan(0);
    const html = (await lead.http.get(`/api/reports/${res.body.id}/html`)).text;
    expect(html).toContain('depuis le démarrage de chaque pilote');
  });

  it('queues the automatic draft of an ended project year once', async () => {
    const service = t.app.get(ReportDrafts);
    const first = await service.queueDueDrafts();
    const second = await service.queueDueDrafts();
    expect(first).toBeGreaterThanOrEqual(1);
    expect(second).toBe(0);
    const drafts = await t.sql<{ year: number; audience: string }>(
      `SELECT year, audience FROM reports WHERE pilot_id = $1 AND origin = 'auto'`,
      [pilotId],
    );
    expect(drafts).toEqual([{ year: 1, audience: 'ademe' }]);
    // The database keeps it at one even if a second insert slipped past the check.
    await expect(
      t.sql(
        `INSERT INTO reports (kind, pilot_id, year, audience, version, series_key, origin, job_id) VALUES ('pilot', $1, 1, 'board', 1, 'x', 'auto', 'x')`,
        [pilotId],
      ),
    ).rejects.toThrow(/reports_auto_draft_once/);
  });
});
