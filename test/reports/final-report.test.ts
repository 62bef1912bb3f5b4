import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { euros, number, percent } from '../../src/common/format-fr';
import type { FinalSnapshot } from '../../src/reports/report.types';
import { canonicalJson } from '../../src/common/canonical-json';
import { renderReportFiles, sha256 } from '../../src/reports/report-files';
import { ReportDrafts } from '../../src/reports/report-drafts.service';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { chromiumPath } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';
import {
  download,
  pdfText,
  pdfTextOutsideMargins,
  readXlsx,
  seedPilotLife,
  seedPilotYear,
  waitForReport,
} from './report-helpers';

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe("the programme's final report (« bilan »)", () => {
  let t: TestApp;
  let lead: SignedIn;
  let leadEmail: string;
  let coordinator: SignedIn;
  let reviewer: SignedIn;
  let outsider: SignedIn;
  let pilotId: string;
  let startDate: string;
  let youngPilotId: string;
  let reportId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const leadUser = await insertUser(t, 'lead', 'Camille Laporte');
    leadEmail = leadUser.email;
    lead = await signInAs(t, leadUser.email);
    ({ pilotId, startDate } = await seedPilotLife(lead.http));
    ({ pilotId: youngPilotId } = await seedPilotYear(lead.http));
    const coord = await insertUser(t, 'coordinator');
    const rev = await insertUser(t, 'reviewer');
    await addMember(lead.http, pilotId, coord.id, 'coordinator');
    await addMember(lead.http, pilotId, rev.id, 'reviewer');
    coordinator = await signInAs(t, coord.email);
    reviewer = await signInAs(t, rev.email);
    outsider = await signIn(t, 'reviewer');
  });
  afterAll(async () => {
    await t?.close();
  });

  const count = async () =>
    (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM reports WHERE kind = 'final'`))[0].n;

  it('refuses bad input (400), the wrong role (403), another pilot (404) and a programme not over (422), writing nothing', async () => {
    for (const body of [
      { kind: 'final', year: 3, audience: 'ademe' },
      { kind: 'final', audience: 'coopter' },
      { kind: 'final' },
      { kind: 'bilan', audience: 'ademe' },
      { kind: 'yearly', audience: 'ademe' },
      { kind: 'final', audience: 'ademe', extra: 1 },
    ]) {
      const res = await lead.http.post(`/api/pilots/${pilotId}/reports`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect(
      (await coordinator.http.post(`/api/pilots/${pilotId}/reports`, { kind: 'final', audience: 'ademe' })).status,
    ).toBe(403);
    expect(
      (await reviewer.http.post(`/api/pilots/${pilotId}/reports`, { kind: 'final', audience: 'ademe' })).status,
    ).toBe(403);
    const early = await lead.http.post(`/api/pilots/${youngPilotId}/reports`, { kind: 'final', audience: 'board' });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('report_final_too_early');
    expect(early.body.title ?? early.body.detail).toBeTruthy();
    expect(await count()).toBe(0);
  });

  it('covers every operating year, year by year, whole in the PDF, in the XLSX, reproducibly', async () => {
    const res = await lead.http.post(`/api/pilots/${pilotId}/reports`, {
      kind: 'final',
      audience: 'board',
      narrative: {
        highlights: 'Trois années de compostage partagé.',
        difficulties: 'Recrutement des bénévoles.',
        outlook: 'La recyclerie continue seule.',
      },
    });
    expect(res.status).toBe(202);
    reportId = res.body.id;
    const done = await waitForReport(lead.http, reportId);
    expect(done.status).toBe('done');
    expect(done.kind).toBe('final');
    expect(done.year).toBeNull();

    const [{ snapshot, snapshot_sha256 }] = await t.sql<{ snapshot: FinalSnapshot; snapshot_sha256: string }>(
      `SELECT snapshot, snapshot_sha256 FROM reports WHERE id = $1`,
      [reportId],
    );
    expect(snapshot.years.map((y) => y.year)).toEqual([1, 2, 3]);
    expect(snapshot.years.map((y) => y.keyFigures.disbursedCents)).toEqual([1_000_011, 2_000_011, 3_000_011]);
    expect(snapshot.years.map((y) => y.keyFigures.activities)).toEqual([2, 3, 4]);
    expect(snapshot.years.map((y) => y.contributingActors)).toEqual([1, 1, 1]);
    expect(snapshot.keyFigures.disbursedCents).toBe(6_000_033);
    expect(snapshot.keyFigures.activities).toBe(9);

    const pdf = await download(t, leadEmail, `/api/reports/${reportId}/pdf`);
    expect(pdf.status).toBe(200);
    const { text } = await pdfText(pdf.bytes);
    expect(text).toContain('Bilan du programme au Bureau');
    expect(text).toContain('Trois années de compostage partagé.');
    for (const y of snapshot.years) {
      const k = y.keyFigures;
      for (const figure of [
        euros(k.disbursedCents),
        euros(k.expensesCents),
        euros(k.cofinancingCents),
        percent(k.autonomyRatio),
        number(k.participants),
      ])
        expect(text, `year ${y.year}: ${figure}`).toContain(plain(figure));
    }
    for (const figure of [euros(snapshot.keyFigures.disbursedCents), percent(snapshot.keyFigures.autonomyRatio)])
      expect(text).toContain(plain(figure));
    const waste = snapshot.waste.available ? snapshot.waste : null;
    expect(waste?.years.length).toBe(4);
    for (const w of waste!.years) expect(text).toContain(plain(number(w.kgPerInhabitant.residual)));
    expect(await pdfTextOutsideMargins(pdf.bytes)).toEqual([]);

    const xlsx = await readXlsx((await download(t, leadEmail, `/api/reports/${reportId}/xlsx`)).bytes);
    const years = xlsx.getWorksheet('Années')!;
    expect(years.rowCount).toBe(4);
    expect(years.getRow(4).getCell(5).value).toBe(30_000.11);

    // The same snapshot renders the same bytes.
    const again = await renderReportFiles(JSON.parse(canonicalJson(snapshot)), snapshot_sha256, chromiumPath());
    for (const format of ['html', 'pdf', 'xlsx'] as const)
      expect(sha256(again[format]), format).toBe(done.files[format].sha256);
  });

  it('is issued with the signature block of the lead who issued it, reproducibly, and notifies the pilot once', async () => {
    expect((await outsider.http.post(`/api/reports/${reportId}/issue`)).status).toBe(403);
    const issued = await lead.http.post(`/api/reports/${reportId}/issue`);
    expect(issued.status).toBe(200);
    const [{ snapshot, snapshot_sha256 }] = await t.sql<{ snapshot: FinalSnapshot; snapshot_sha256: string }>(
      `SELECT snapshot, snapshot_sha256 FROM reports WHERE id = $1`,
      [reportId],
    );
    expect(snapshot.signature).toEqual({
      name: 'Camille Laporte',
      role: 'Cheffe / chef de projet, Smicval',
      date: todayInFrance(),
    });
    const { text } = await pdfText((await download(t, leadEmail, `/api/reports/${reportId}/pdf`)).bytes);
    // (The PDF's text layer splits the "ff" ligature of « Cheffe », hence the match on the rest.)
    expect(text).toMatch(/Rapport émis le \d{1,2} \S+ \d{4} par Camille Laporte, .{0,12}chef de projet, Smicval/);
    expect(snapshot.keyFigures.wasteYear).toBe(Number(startDate.slice(0, 4)) + 2);
    expect(text).toContain(plain(number(snapshot.keyFigures.residualKgPerInhabitant)));
    const again = await renderReportFiles(JSON.parse(canonicalJson(snapshot)), snapshot_sha256, chromiumPath());
    for (const format of ['html', 'pdf', 'xlsx'] as const)
      expect(sha256(again[format]), format).toBe(issued.body.files[format].sha256);
    const notified = await t.sql<{ user_id: string; kind: string; link: string }>(
      `SELECT user_id, kind, link FROM notifications WHERE kind = 'report_issued' ORDER BY user_id`,
    );
    expect(notified.map((n) => n.user_id).sort()).toEqual([coordinator.user.id, reviewer.user.id].sort());
    expect(notified.every((n) => n.link === `/rapports/${reportId}`)).toBe(true);
    expect((await reviewer.http.get('/api/notifications')).body.items[0].title).toContain('Rapport émis');
  });

  it('is proposed once as an automatic draft after the last operating year, never before', async () => {
    const service = t.app.get(ReportDrafts);
    await service.queueDueDrafts();
    await service.queueDueDrafts();
    const drafts = await t.sql<{ pilot_id: string; audience: string }>(
      `SELECT pilot_id, audience FROM reports WHERE kind = 'final' AND origin = 'auto'`,
    );
    expect(drafts).toEqual([{ pilot_id: pilotId, audience: 'ademe' }]);
    await expect(
      t.sql(
        `INSERT INTO reports (kind, pilot_id, audience, version, series_key, origin, job_id) VALUES ('final', $1, 'board', 9, 'y', 'auto', 'y')`,
        [pilotId],
      ),
    ).rejects.toThrow(/reports_auto_final_once/);
    // The drafts just queued are produced before the app closes, so no print outlives this file's application.
    const queued = await t.sql<{ id: string }>(`SELECT id FROM reports WHERE origin = 'auto'`);
    for (const { id } of queued) await waitForReport(lead.http, id);
  }, 240_000);
});
