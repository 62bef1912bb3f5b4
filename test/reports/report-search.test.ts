import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { addDays } from '../../src/pilots/pilot-terms';
import { createPilot } from '../factories/pilots';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

/** A done report version straight in the table (producing one needs the queue and Chromium; the search reads rows). */
async function insertReport(
  t: TestApp,
  pilotId: string,
  kind: 'pilot' | 'final',
  audience: 'ademe' | 'board',
  issued: boolean,
): Promise<string> {
  const year = kind === 'pilot' ? 3 : null;
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO reports (kind, pilot_id, year, audience, version, series_key, status, progress, job_id, snapshot, snapshot_sha256, issued_at, finished_at)
     VALUES ($1, $2, $3, $4, 1, $5, 'done', 100, $6, '{}'::jsonb, repeat('a', 64), CASE WHEN $7 THEN now() END, now()) RETURNING id`,
    [kind, pilotId, year, audience, `${kind}:${pilotId}:${year ?? 'all'}:${audience}`, `job-${randomUUID()}`, issued],
  );
  return row.id;
}

describe('global search: final reports are found like yearly ones', () => {
  let t: TestApp;
  let lead: SignedIn;
  let reviewer: SignedIn;
  let otherReviewer: SignedIn;
  let committee: SignedIn;
  let finalId: string;
  let boardFinalId: string;
  let yearlyId: string;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    const pilot = await createPilot(lead.http, {
      name: 'Cadarsac — la recyclerie',
      startDate: addDays(todayInFrance(), -3 * 366 - 30),
    });
    const other = await createPilot(lead.http, { name: 'Baron — jardins' });
    finalId = await insertReport(t, pilot.id, 'final', 'ademe', true);
    boardFinalId = await insertReport(t, pilot.id, 'final', 'board', false);
    yearlyId = await insertReport(t, pilot.id, 'pilot', 'ademe', true);
    const rev = await insertUser(t, 'reviewer');
    await addMember(lead.http, pilot.id, rev.id, 'reviewer');
    reviewer = await signInAs(t, rev.email);
    const out = await insertUser(t, 'reviewer');
    await addMember(lead.http, other.id, out.id, 'reviewer');
    otherReviewer = await signInAs(t, out.email);
    committee = await signIn(t, 'committee');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds a final report by its title and its pilot, titled like the rendered report, beside the yearly one', async () => {
    const byPilot = (await lead.http.get('/api/search?q=cadarsac')).body.reports;
    expect(byPilot.map((r: { id: string }) => r.id).sort()).toEqual([finalId, boardFinalId, yearlyId].sort());
    const final = byPilot.find((r: { id: string }) => r.id === finalId);
    expect(final).toMatchObject({ kind: 'final', year: null, audience: 'ademe', version: 1 });
    expect(final.title).toBe('Bilan du programme — rapport final — Cadarsac — la recyclerie');
    expect(final.issuedAt).toBeTruthy();
    expect(byPilot.find((r: { id: string }) => r.id === boardFinalId)).toMatchObject({
      kind: 'final',
      issuedAt: null,
      title: 'Bilan du programme au Bureau — rapport final — Cadarsac — la recyclerie',
    });
    // By the words of its title, accents and case folded.
    const byTitle = (await lead.http.get(`/api/search?q=${encodeURIComponent('RAPPORT FINAL')}`)).body.reports;
    expect(byTitle.map((r: { id: string }) => r.id).sort()).toEqual([finalId, boardFinalId].sort());
    expect((await lead.http.get('/api/search?q=bureau')).body.reports.map((r: { id: string }) => r.id)).toEqual([
      boardFinalId,
    ]);
  });

  it('follows the pilot scope: its reviewer finds it, another pilot’s reviewer and the committee do not', async () => {
    const mine = (await reviewer.http.get('/api/search?q=bilan')).body.reports.map((r: { id: string }) => r.id);
    expect(mine.sort()).toEqual([finalId, boardFinalId].sort());
    expect((await otherReviewer.http.get('/api/search?q=bilan')).body.reports).toEqual([]);
    expect((await committee.http.get('/api/search?q=bilan')).body.reports).toEqual([]);
  });
});
