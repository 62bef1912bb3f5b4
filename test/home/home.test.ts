import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { addDays } from '../../src/pilots/pilot-terms';
import { createOpenCall, declareAndScore, engagementBody, intentionBody, scores } from '../factories/candidatures';
import { createActor, createPilot, logActivity } from '../factories/pilots';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { postEntry, reverseEntry } from '../funding/funding-helpers';
import type { HttpClient } from '../support/http-client';
import { createTestApp, TestApp } from '../support/test-app';

/** Inserts a done, issued report version straight into the table (producing one needs the queue and Chromium). */
async function insertIssuedReport(
  t: TestApp,
  pilotId: string,
  year: number,
  version: number,
  issued: boolean,
): Promise<string> {
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO reports (kind, pilot_id, year, audience, version, series_key, status, progress, job_id, snapshot, snapshot_sha256, issued_at, finished_at)
     VALUES ('pilot', $1, $2, 'ademe', $3, $4, 'done', 100, $5, '{}'::jsonb, repeat('a', 64), CASE WHEN $6 THEN now() END, now()) RETURNING id`,
    [pilotId, year, version, `pilot:${pilotId}:${year}:ademe`, `job-${randomUUID()}`, issued],
  );
  return row.id;
}

describe('home pages: each role sees its own view, with the pilot pages’ figures', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinator: HttpClient;
  let reviewer: HttpClient;
  let committee: SignedIn;
  let pilotA: Record<string, any>;
  let pilotB: Record<string, any>;
  let callId: string;
  let issuedB: string;
  let draftB: string;
  const today = todayInFrance();

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    pilotA = await createPilot(lead.http, {
      name: 'Haux — ressourcerie',
      communes: [{ name: 'Haux' }],
      inhabitants: 900,
      waveYear: 2023,
    });
    pilotB = await createPilot(lead.http, {
      name: 'Targon — jardins partagés',
      communes: [{ name: 'Targon' }],
      inhabitants: 1400,
      waveYear: 2024,
      startDate: addDays(today, -30),
    });
    // Pilot A: funding with a reversed entry (it must not count), co-financing, activities this year and last year.
    const d1 = await postEntry(lead.http, pilotA.id, {
      type: 'disbursement',
      fund: 'investment',
      year: 1,
      amountCents: 5_000_000,
      date: addDays(today, -380),
      reference: 'MANDAT-1',
    });
    expect(d1.status).toBe(201);
    const dup = await postEntry(lead.http, pilotA.id, {
      type: 'disbursement',
      fund: 'operating',
      year: 1,
      amountCents: 1_000_000,
      date: addDays(today, -370),
      reference: 'MANDAT-2',
    });
    expect((await reverseEntry(lead.http, pilotA.id, dup.body.id)).status).toBe(201);
    await postEntry(lead.http, pilotA.id, {
      type: 'disbursement',
      fund: 'operating',
      year: 2,
      amountCents: 900_000,
      date: addDays(today, -20),
      reference: 'MANDAT-3',
    });
    await postEntry(lead.http, pilotA.id, {
      type: 'expense',
      fund: 'investment',
      year: 1,
      amountCents: 1_234_567,
      date: addDays(today, -200),
      reference: 'FAC-1',
      category: 'works',
      supplier: 'Menuiserie Dupuy',
    });
    await postEntry(lead.http, pilotA.id, {
      type: 'cofinancing',
      year: 2,
      amountCents: 600_000,
      date: addDays(today, -10),
      reference: 'SUB-1',
      source: 'Département',
      sourceKind: 'grant',
    });
    const actor = await createActor(lead.http, pilotA.id, { name: 'Association Compost’Haux' });
    await logActivity(lead.http, pilotA.id, {
      title: 'Atelier compostage au jardin',
      participants: 14,
      actorIds: [actor.id],
      divertedKg: { compost: 12.5 },
    });
    await logActivity(lead.http, pilotA.id, {
      title: 'Repair café de printemps',
      type: 'repair_cafe',
      participants: 22,
      date: addDays(today, -10),
    });
    await logActivity(lead.http, pilotA.id, {
      title: 'Réunion de lancement',
      type: 'governance_meeting',
      participants: 30,
      date: addDays(today, -390),
    });
    await createActor(lead.http, pilotB.id, { name: 'Association Targon Vert' });
    await logActivity(lead.http, pilotB.id, {
      title: 'Atelier compostage partagé',
      participants: 8,
      date: addDays(today, -2),
    });
    // The default roadmap is proposed when a pilot's autonomy page is first read (the home page never writes).
    for (const p of [pilotA, pilotB]) expect((await lead.http.get(`/api/pilots/${p.id}/autonomy`)).status).toBe(200);
    const w = await lead.http.put(`/api/pilots/${pilotA.id}/waste/${Number(pilotA.startDate.slice(0, 4)) - 1}`, {
      population: 900,
      tonnes: { residual: 200, packaging: 40, glass: 30, biowaste: 0, recyclingCentre: 100, reuse: 1 },
    });
    expect(w.status).toBe(200);

    const c = await insertUser(t, 'coordinator');
    await addMember(lead.http, pilotA.id, c.id, 'coordinator');
    coordinator = (await signInAs(t, c.email)).http;
    const r = await insertUser(t, 'reviewer');
    await addMember(lead.http, pilotB.id, r.id, 'reviewer');
    reviewer = (await signInAs(t, r.email)).http;
    issuedB = await insertIssuedReport(t, pilotB.id, 1, 1, true);
    draftB = await insertIssuedReport(t, pilotB.id, 1, 2, false);

    committee = await signIn(t, 'committee');
    const call = await createOpenCall(lead.http, { title: 'Appel à coopération 2026' });
    callId = call.id;
    const k1 = await lead.http.post(
      `/api/calls/${callId}/candidatures`,
      intentionBody({ communes: [{ name: 'Faleyras' }] }),
    );
    const k2 = await lead.http.post(
      `/api/calls/${callId}/candidatures`,
      intentionBody({ communes: [{ name: 'Espiet' }] }),
    );
    expect([k1.status, k2.status]).toEqual([201, 201]);
    expect((await lead.http.put(`/api/candidatures/${k1.body.id}/engagement`, engagementBody())).status).toBe(200);
    expect(
      (
        await declareAndScore(committee.http, k1.body.id, {
          scores: scores(4),
          comment: 'Dynamique.',
        })
      ).status,
    ).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the lead sees every pilot with the figures of its funding and overview pages, the totals and the calls in progress', async () => {
    const res = await lead.http.get('/api/home');
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('lead');
    expect(res.body.coordinator).toBeUndefined();
    expect(res.body.committee).toBeUndefined();
    expect(res.body.reviewer).toBeUndefined();
    const home = res.body.lead;
    expect(home.pilots.map((p: any) => p.id).sort()).toEqual([pilotA.id, pilotB.id].sort());
    for (const pilot of [pilotA, pilotB]) {
      const row = home.pilots.find((p: any) => p.id === pilot.id);
      const [funding, overview, autonomy] = await Promise.all([
        lead.http.get(`/api/pilots/${pilot.id}/funding`),
        lead.http.get(`/api/pilots/${pilot.id}/overview`),
        lead.http.get(`/api/pilots/${pilot.id}/autonomy`),
      ]);
      for (const fund of ['investment', 'operating'] as const) {
        const b = funding.body.balances[fund];
        expect(row.funding[fund]).toEqual({
          entitledCents: b.entitledCents,
          disbursedCents: b.disbursedCents,
          spentCents: b.spentCents,
          availableCents: b.availableCents,
        });
      }
      expect(row.inhabitants).toBe(funding.body.inhabitants);
      for (const y of row.autonomy)
        expect(y.ratio).toBe(funding.body.years.find((f: any) => f.year === y.year)?.autonomyRatio ?? null);
      expect(row.projectYear).toBe(overview.body.currentProjectYear);
      expect(row.thisYear).toMatchObject({
        year: overview.body.current.year,
        from: overview.body.current.from,
        to: overview.body.current.to,
        activities: overview.body.current.figures.activities,
        participants: overview.body.current.figures.participants,
        volunteerHours: overview.body.current.figures.volunteerHours,
        divertedKg: overview.body.current.figures.divertedKg.total,
      });
      const late = autonomy.body.milestones
        .filter((m: any) => m.late)
        .map((m: any) => m.id)
        .sort();
      expect(row.lateMilestones.map((m: any) => m.id).sort()).toEqual(late);
    }
    const a = home.pilots.find((p: any) => p.id === pilotA.id);
    // The reversed operating payment does not count; the year-2 payment does.
    expect(a.funding.operating.disbursedCents).toBe(900_000);
    expect(a.funding.investment).toMatchObject({
      entitledCents: 7_200_000,
      disbursedCents: 5_000_000,
      spentCents: 1_234_567,
    });
    expect(a.thisYear).toMatchObject({ year: 2, activities: 2, participants: 36, divertedKg: 12.5 });
    expect(a.lastActivity).toMatchObject({ title: 'Atelier compostage au jardin' });
    expect(a.autonomy.find((y: any) => y.year === 2)).toMatchObject({
      ratio: 0.4,
      target: { operator: 'gte', value: 0.5 },
    });
    expect(a.lateMilestones.length).toBeGreaterThan(0);
    // Operating year 1 (18 000 €) was due at the start, over a year ago and unpaid: overdue.
    expect(a.instalmentsDue).toContainEqual(
      expect.objectContaining({ fund: 'operating', year: 1, remainingCents: 1_800_000, status: 'overdue' }),
    );
    expect(home.totals).toMatchObject({
      pilots: 2,
      inhabitants: 2300,
      entitledCents:
        a.funding.totals.entitledCents + home.pilots.find((p: any) => p.id === pilotB.id).funding.totals.entitledCents,
      disbursedCents: 5_900_000,
      byStatus: { running: 2, preparation: 0, autonomous: 0, ended: 0 },
    });
    expect(home.waves).toEqual([2024, 2023]);
    const call = home.calls.find((c: any) => c.id === callId);
    expect(call).toMatchObject({
      phase: 'intention',
      daysLeft: 10,
      candidatures: 2,
      undecided: 2,
      evaluations: 1,
      evaluatedCandidatures: 1,
    });
    // The two letters of intention of the call reached the lead as notifications, and nothing else did.
    expect(res.body.notifications.unread).toBe(2);
    expect(res.body.notifications.latest.map((n: any) => n.kind)).toEqual([
      'candidature_received',
      'candidature_received',
    ]);
  });

  it('a coordinator sees only their pilot, with what is due and this year’s figures', async () => {
    const res = await coordinator.get('/api/home');
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('coordinator');
    expect(res.body.lead).toBeUndefined();
    expect(res.body.committee).toBeUndefined();
    const pilots = res.body.coordinator.pilots;
    expect(pilots.map((p: any) => p.id)).toEqual([pilotA.id]);
    const todo = pilots[0].todo;
    expect(todo.filter((i: any) => i.kind === 'milestone_late').length).toBe(pilots[0].lateMilestones.length);
    // Waste: the baseline year was entered, the start year (over now) was not.
    const startYear = Number(pilotA.startDate.slice(0, 4));
    const missing = todo.filter((i: any) => i.kind === 'waste_missing').map((i: any) => i.title);
    expect(missing).not.toContain(`Tonnages de déchets ${startYear - 1}`);
    if (startYear < Number(today.slice(0, 4))) expect(missing).toContain(`Tonnages de déchets ${startYear}`);
    // Project year 1 ended without an issued report.
    expect(todo).toContainEqual(
      expect.objectContaining({
        kind: 'report_due',
        title: 'Rapport annuel — année 1',
        link: `/pilotes/${pilotA.id}/rapports?recit=1`,
      }),
    );
    expect(pilots[0].thisYear).toMatchObject({ activities: 2, participants: 36 });
  });

  it('a reviewer sees their pilots and the latest issued reports only', async () => {
    const res = await reviewer.get('/api/home');
    expect(res.status).toBe(200);
    expect(res.body.lead).toBeUndefined();
    const pilots = res.body.reviewer.pilots;
    expect(pilots.map((p: any) => p.id)).toEqual([pilotB.id]);
    expect(pilots[0].latestReports.map((r: any) => r.id)).toEqual([issuedB]);
    expect(pilots[0].latestReports.map((r: any) => r.id)).not.toContain(draftB);
  });

  it('a committee member sees the calls awaiting scores with how many they scored, and no pilot', async () => {
    const res = await committee.http.get('/api/home');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['committee', 'notifications', 'role', 'today']);
    expect(res.body.committee.calls).toEqual([
      expect.objectContaining({ id: callId, undecided: 2, scoredByMe: 1, phase: 'intention' }),
    ]);
    const other = await signIn(t, 'committee');
    const mine = await other.http.get('/api/home');
    expect(mine.body.committee.calls[0]).toMatchObject({ undecided: 2, scoredByMe: 0 });
  });

  it('shows the caller’s own notifications, unread first', async () => {
    const [{ id: leadId }] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE id = $1`, [lead.user.id]);
    // Only the two notifications below: the candidatures' arrivals notified earlier are left out of this view.
    await t.sql(`DELETE FROM notifications WHERE user_id = $1`, [leadId]);
    await t.sql(
      `INSERT INTO notifications (user_id, event_key, kind, pilot_id, title, body, link, due_date, read_at)
       VALUES ($1, 'k1', 'milestone_late', $2, 'Jalon en retard', 'Corps', '/pilotes/x', $3, NULL),
              ($1, 'k2', 'year_ending', $2, 'Fin d’année', 'Corps', NULL, NULL, now())`,
      [leadId, pilotA.id, today],
    );
    const res = await lead.http.get('/api/home');
    expect(res.body.notifications.unread).toBe(1);
    expect(res.body.notifications.latest.map((n: any) => n.title)).toEqual(['Jalon en retard', 'Fin d’année']);
    expect(res.body.notifications.latest[0]).toMatchObject({ dueDate: today, readAt: null });
    expect(new Date(res.body.notifications.latest[1].readAt).toISOString()).toBe(
      res.body.notifications.latest[1].readAt,
    );
    const other = await coordinator.get('/api/home');
    expect(other.body.notifications).toEqual({ unread: 0, latest: [] });
  });

  it('refuses anonymous callers', async () => {
    expect((await t.client().get('/api/home')).status).toBe(401);
    expect((await t.client().get('/api/search?q=compost')).status).toBe(401);
  });

  describe('global search', () => {
    const kinds = (body: any) => ({
      pilots: body.pilots.map((x: any) => x.name),
      actors: body.actors.map((x: any) => x.name),
      activities: body.activities.map((x: any) => x.title),
      candidatures: body.candidatures.map((x: any) => x.communes[0]),
    });

    it('finds pilots, communes, actors, activities and candidatures for the lead', async () => {
      const res = await lead.http.get('/api/search?q=compost');
      expect(res.status).toBe(200);
      expect(kinds(res.body)).toEqual({
        pilots: [],
        actors: ['Association Compost’Haux'],
        activities: ['Atelier compostage partagé', 'Atelier compostage au jardin'],
        candidatures: [],
      });
      expect((await lead.http.get('/api/search?q=targon')).body.pilots.map((p: any) => p.id)).toEqual([pilotB.id]);
      expect((await lead.http.get('/api/search?q=FALEY')).body.candidatures.map((c: any) => c.communes)).toEqual([
        ['Faleyras'],
      ]);
      expect((await lead.http.get('/api/search?q=haux')).body.pilots[0]).toMatchObject({
        id: pilotA.id,
        communes: ['Haux'],
      });
    });

    it('finds reports by their title, in scope', async () => {
      const lr = await lead.http.get('/api/search?q=targon');
      expect(lr.body.reports.map((r: any) => r.id).sort()).toEqual([issuedB, draftB].sort());
      expect(lr.body.reports[0].title).toMatch(/^Rapport annuel d'exécution — Targon — jardins partagés — année 1$/);
      expect((await coordinator.get('/api/search?q=exécution')).body.reports).toEqual([]);
      expect((await reviewer.get('/api/search?q=exécution')).body.reports.length).toBe(2);
    });

    it('ignores accents, case and the kind of apostrophe', async () => {
      expect((await reviewer.get('/api/search?q=EXECUTION')).body.reports.length).toBe(2);
      expect(kinds((await lead.http.get(`/api/search?q=${encodeURIComponent("compost'haux")}`)).body).actors).toEqual([
        'Association Compost’Haux',
      ]);
      expect(kinds((await lead.http.get('/api/search?q=partagé')).body).pilots).toEqual(['Targon — jardins partagés']);
      expect(kinds((await lead.http.get('/api/search?q=partage')).body).pilots).toEqual(['Targon — jardins partagés']);
    });

    it('limits a coordinator and a reviewer to their pilots, and the committee to candidatures', async () => {
      const c = await coordinator.get('/api/search?q=compost');
      expect(kinds(c.body)).toEqual({
        pilots: [],
        actors: ['Association Compost’Haux'],
        activities: ['Atelier compostage au jardin'],
        candidatures: [],
      });
      expect((await coordinator.get('/api/search?q=targon')).body.pilots).toEqual([]);
      expect((await coordinator.get('/api/search?q=faleyras')).body.candidatures).toEqual([]);
      const r = await reviewer.get('/api/search?q=compost');
      expect(kinds(r.body)).toEqual({
        pilots: [],
        actors: [],
        activities: ['Atelier compostage partagé'],
        candidatures: [],
      });
      const k = await committee.http.get('/api/search?q=a');
      expect(k.status).toBe(400);
      const k2 = await committee.http.get('/api/search?q=es');
      expect(k2.body.pilots).toEqual([]);
      expect(k2.body.actors).toEqual([]);
      expect(k2.body.activities).toEqual([]);
      expect(k2.body.reports).toEqual([]);
      expect(k2.body.candidatures.map((x: any) => x.communes[0])).toEqual(['Espiet']);
      const k3 = await committee.http.get('/api/search?q=haux');
      expect(k3.status).toBe(200);
      expect(kinds(k3.body)).toEqual({ pilots: [], actors: [], activities: [], candidatures: [] });
    });

    it('treats % and _ literally and caps each kind at 10 hits', async () => {
      expect((await lead.http.get('/api/search?q=%25%25')).status).toBe(400);
      expect((await lead.http.get(`/api/search?q=${encodeURIComponent('100%')}`)).body.activities).toEqual([]);
      for (let i = 0; i < 12; i++)
        await logActivity(lead.http, pilotB.id, { title: `Collecte de printemps n°${i}`, type: 'collection' });
      const res = await lead.http.get('/api/search?q=collecte de PRINTEMPS');
      expect(res.body.activities.length).toBe(10);
    });

    it('rejects a missing, too short, too long or doubled query, and unknown parameters', async () => {
      for (const path of [
        '/api/search',
        '/api/search?q=',
        '/api/search?q=%20x%20',
        `/api/search?q=${'a'.repeat(101)}`,
        '/api/search?q=ab&q=cd',
        '/api/search?q=compost&limit=5',
      ]) {
        const res = await lead.http.get(path);
        expect(res.status, path).toBe(400);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    });
  });
});
