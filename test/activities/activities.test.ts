import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ActivitiesService } from '../../src/activities/activities.service';
import { todayInFrance } from '../../src/common/codes';
import { addDays, addMonths } from '../../src/pilots/pilot-terms';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createActor, createPilot, logActivity } from '../factories/pilots';
import { createTestApp, TestApp } from '../support/test-app';

describe('activities logged on the ground', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coord: SignedIn;
  let reviewer: SignedIn;
  let pilot: Record<string, any>;
  let other: Record<string, any>;
  const today = todayInFrance();
  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    // Started 400 days ago: year 1 is over, year 2 runs.
    pilot = await createPilot(lead.http, { startDate: addDays(today, -400) });
    other = await createPilot(lead.http, { name: 'Autre pilote' });
    const c = await insertUser(t, 'coordinator');
    const r = await insertUser(t, 'reviewer');
    await addMember(lead.http, pilot.id, c.id, 'coordinator');
    await addMember(lead.http, pilot.id, r.id, 'reviewer');
    coord = await signInAs(t, c.email);
    reviewer = await signInAs(t, r.email);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs an activity with four fields, the rest defaulting, and audits it', async () => {
    const res = await coord.http.post(`/api/pilots/${pilot.id}/activities`, {
      date: today,
      title: 'Repair café',
      type: 'repair_cafe',
      participants: 18,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      date: today,
      policies: ['waste_reduction'],
      participants: 18,
      volunteers: 0,
      volunteerHours: 0,
      participationLevel: null,
      divertedKg: { reuse: 0, repair: 0, compost: 0, recycling: 0, other: 0, total: 0 },
      actors: [],
      projectYear: 2,
    });
    const [row] = await t.sql(
      `SELECT user_id, after FROM audit_log WHERE action = 'activity.create' AND entity_id = $1`,
      [res.body.id],
    );
    expect(row.user_id).toBe(coord.user.id);
    expect(row.after).toMatchObject({ title: 'Repair café', participants: 18 });
  });

  it('logs every detail: policies, volunteers, actors, participation, waste by stream', async () => {
    const a = await createActor(coord.http, pilot.id, { name: 'Les Bricoleurs', type: 'citizen' });
    const b = await createActor(coord.http, pilot.id, { name: 'Mairie', type: 'public' });
    const res = await coord.http.post(`/api/pilots/${pilot.id}/activities`, {
      date: addDays(today, -10),
      title: 'Grande collecte de printemps',
      type: 'collection',
      policies: ['waste_reduction', 'social_inclusion'],
      participants: 65,
      volunteers: 8,
      volunteerHours: 36.5,
      actorIds: [a.id, b.id, a.id],
      participationLevel: 'concertation',
      divertedKg: { reuse: 320.5, recycling: 80 },
      notes: 'Beaucoup de meubles en bon état.',
    });
    expect(res.status).toBe(201);
    expect(res.body.divertedKg).toEqual({ reuse: 320.5, repair: 0, compost: 0, recycling: 80, other: 0, total: 400.5 });
    expect(res.body.actors.map((x: any) => x.name).sort()).toEqual(['Les Bricoleurs', 'Mairie']);

    const patched = await coord.http.patch(`/api/pilots/${pilot.id}/activities/${res.body.id}`, {
      participants: 70,
      actorIds: [b.id],
      divertedKg: { compost: 12 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ participants: 70, actorIds: [b.id] });
    expect(patched.body.divertedKg).toMatchObject({ reuse: 320.5, compost: 12, total: 412.5 });
    const [audit] = await t.sql<any>(
      `SELECT before, after FROM audit_log WHERE action = 'activity.update' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit.before.participants).toBe(65);
    expect(audit.after.participants).toBe(70);
    expect((await reviewer.http.get(`/api/pilots/${pilot.id}/activities/${res.body.id}`)).body.title).toBe(
      'Grande collecte de printemps',
    );
  });

  it('refuses negative or absurd numbers, unknown fields and unknown codes with 400, writing nothing', async () => {
    const before = await t.sql(`SELECT count(*)::int AS n FROM activities`);
    const base = { date: today, title: 'x', type: 'workshop', participants: 3 };
    const bad: Record<string, unknown>[] = [
      { participants: -1 },
      { participants: 2.5 },
      { participants: 1_000_000 },
      { volunteers: -2 },
      { volunteerHours: -1 },
      { volunteerHours: 1e7 },
      { divertedKg: { reuse: -3 } },
      { divertedKg: { compost: 2e6 } },
      { divertedKg: { plastic: 3 } },
      { type: 'party' },
      { policies: ['knitting'] },
      { policies: [] },
      { participationLevel: 'total' },
      { actorIds: ['not-a-uuid'] },
      { date: '2024-02-30' },
      { date: '15/03/2024' },
      { title: '' },
      { participants: '12' },
      { createdBy: 'me' },
    ];
    for (const patch of bad) {
      const res = await coord.http.post(`/api/pilots/${pilot.id}/activities`, { ...base, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    const implausible = await coord.http.post(`/api/pilots/${pilot.id}/activities`, {
      ...base,
      volunteers: 2,
      volunteerHours: 60,
    });
    expect(implausible.status).toBe(422);
    expect(implausible.body.code).toBe('volunteer_hours_implausible');
    expect(await t.sql(`SELECT count(*)::int AS n FROM activities`)).toEqual(before);
  });

  it('refuses a date outside the pilot’s life: in the future, or before the preparation margin', async () => {
    const future = await coord.http.post(`/api/pilots/${pilot.id}/activities`, {
      date: addDays(today, 1),
      title: 'x',
      type: 'event',
      participants: 1,
    });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('date_in_future');
    const lifeStart = addMonths(pilot.startDate, -6);
    expect(pilot.lifeStart).toBe(lifeStart);
    const early = await coord.http.post(`/api/pilots/${pilot.id}/activities`, {
      date: addDays(lifeStart, -1),
      title: 'x',
      type: 'event',
      participants: 1,
    });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('date_before_pilot_life');
    expect(early.body.errors[0].field).toBe('date');
    // A preparation workshop before the convention is fine, and counts as year 0.
    const prep = await logActivity(coord.http, pilot.id, {
      date: lifeStart,
      title: 'Réunion publique de lancement',
      type: 'governance_meeting',
    });
    expect(prep.projectYear).toBe(0);
    const existing = await logActivity(coord.http, pilot.id);
    const moved = await coord.http.patch(`/api/pilots/${pilot.id}/activities/${existing.id}`, {
      date: addDays(today, 5),
    });
    expect(moved.status).toBe(422);
  });

  it('refuses an actor of another pilot and an activity of another pilot', async () => {
    const foreign = await createActor(lead.http, other.id, { name: 'Étranger' });
    const res = await coord.http.post(`/api/pilots/${pilot.id}/activities`, {
      date: today,
      title: 'x',
      type: 'event',
      participants: 1,
      actorIds: [foreign.id],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('unknown_actor');
    const theirs = await logActivity(lead.http, other.id);
    // Reached through our pilot's URL, another pilot's activity does not exist.
    expect((await coord.http.get(`/api/pilots/${pilot.id}/activities/${theirs.id}`)).status).toBe(404);
    expect(
      (await coord.http.patch(`/api/pilots/${pilot.id}/activities/${theirs.id}`, { participants: 0 })).status,
    ).toBe(404);
    expect((await coord.http.delete(`/api/pilots/${pilot.id}/activities/${theirs.id}`)).status).toBe(404);
  });

  it('keeps a coordinator of another pilot out, lets a reviewer read only', async () => {
    const stranger = await signIn(t, 'coordinator');
    const a = await stranger.http.post(`/api/pilots/${pilot.id}/activities`, {
      date: today,
      title: 'Intrus',
      type: 'event',
      participants: 1,
    });
    expect(a.status).toBe(404);
    expect((await stranger.http.get(`/api/pilots/${pilot.id}/activities`)).status).toBe(404);
    expect((await stranger.http.get(`/api/pilots/${pilot.id}/overview`)).status).toBe(404);
    expect(
      (
        await reviewer.http.post(`/api/pilots/${pilot.id}/activities`, {
          date: today,
          title: 'x',
          type: 'event',
          participants: 1,
        })
      ).status,
    ).toBe(403);
    expect((await reviewer.http.get(`/api/pilots/${pilot.id}/activities`)).status).toBe(200);
    expect(await t.sql(`SELECT 1 FROM activities WHERE title = 'Intrus'`)).toHaveLength(0);
    const denied = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'access.denied' AND user_id = $1`, [
      stranger.user.id,
    ]);
    expect(denied.length).toBeGreaterThan(0);
  });

  it('filters by period, policy and type, pages, and exports CSV and XLSX', async () => {
    const t2 = await createTestApp();
    try {
      const l = await signIn(t2, 'lead');
      const p = await createPilot(l.http, { startDate: '2024-01-10' });
      await logActivity(l.http, p.id, {
        date: '2024-02-03',
        title: 'Atelier cuisine des restes',
        type: 'workshop',
        policies: ['waste_reduction', 'food'],
        participants: 14,
      });
      await logActivity(l.http, p.id, {
        date: '2024-03-16',
        title: 'Repair café',
        type: 'repair_cafe',
        participants: 22,
        divertedKg: { repair: 41.5 },
      });
      await logActivity(l.http, p.id, {
        date: '2024-05-25',
        title: '=HYPERLINK("x")',
        type: 'event',
        policies: ['culture'],
        participants: 120,
      });
      await logActivity(l.http, p.id, {
        date: '2025-01-18',
        title: 'Atelier compost',
        type: 'workshop',
        participants: 9,
      });

      const q = async (query: string) =>
        (await l.http.get(`/api/pilots/${p.id}/activities${query}`)).body.items.map((a: any) => a.title);
      expect(await q('')).toEqual(['Atelier compost', '=HYPERLINK("x")', 'Repair café', 'Atelier cuisine des restes']);
      expect(await q('?from=2024-03-01&to=2024-12-31')).toEqual(['=HYPERLINK("x")', 'Repair café']);
      expect(await q('?policy=food')).toEqual(['Atelier cuisine des restes']);
      expect(await q('?type=workshop')).toEqual(['Atelier compost', 'Atelier cuisine des restes']);
      expect(await q('?type=workshop&from=2025-01-01')).toEqual(['Atelier compost']);
      expect((await l.http.get(`/api/pilots/${p.id}/activities?policy=knitting`)).status).toBe(400);
      expect((await l.http.get(`/api/pilots/${p.id}/activities?from=yesterday`)).status).toBe(400);

      const page1 = await l.http.get(`/api/pilots/${p.id}/activities?limit=3`);
      expect(page1.body.items).toHaveLength(3);
      const page2 = await l.http.get(`/api/pilots/${p.id}/activities?limit=3&cursor=${page1.body.nextCursor}`);
      expect(page2.body.items.map((a: any) => a.title)).toEqual(['Atelier cuisine des restes']);
      expect(page2.body.nextCursor).toBeNull();

      const csv = await l.http.get(`/api/pilots/${p.id}/activities?format=csv&type=repair_cafe`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      expect(csv.headers.get('content-disposition')).toMatch(/activites\.csv/);
      const lines = csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toMatch(/^Date;Année du projet;Titre;Type;/);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('Repair café');
      expect(lines[1]).toContain(';41,5');
      const all = await l.http.get(`/api/pilots/${p.id}/activities?format=csv`);
      // A title that looks like a formula is neutralised.
      expect(all.text).toContain(`"'=HYPERLINK(""x"")"`);

      const res = await fetch(`${t2.baseUrl}/api/pilots/${p.id}/activities?format=xlsx&from=2024-01-01&to=2024-12-31`, {
        headers: {
          cookie: (l.http as any).cookies
            ? [...(l.http as any).cookies].map(([k, v]: [string, string]) => `${k}=${v}`).join('; ')
            : '',
        },
      });
      expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
      const sheet = wb.worksheets[0];
      expect(sheet.rowCount).toBe(4);
      expect(sheet.getRow(1).getCell(3).value).toBe('Titre');
    } finally {
      await t2.close();
    }
  });

  it('counts the current year on the overview and gives the figures by year, policy, type and month', async () => {
    const t3 = await createTestApp();
    try {
      const l = await signIn(t3, 'lead');
      const start = addDays(today, -400);
      const p = await createPilot(l.http, { startDate: start });
      const empty = await l.http.get(`/api/pilots/${p.id}/overview`);
      expect(empty.status).toBe(200);
      expect(empty.body.counts).toEqual({ actors: 0, links: 0, contributions: 0, activities: 0 });
      expect(empty.body.current.year).toBe(2);

      const actor = await createActor(l.http, p.id, { name: 'Association Terre', type: 'associative' });
      const contributor = await createActor(l.http, p.id, { name: 'Ferme du Lombaud', type: 'private' });
      await createActor(l.http, p.id, { name: 'Inactif', type: 'citizen' });
      await l.http.post(`/api/pilots/${p.id}/contributions`, {
        actorId: contributor.id,
        kind: 'equipment',
        description: 'Broyeur',
        valueCents: 150000,
        year: 2,
      });
      await l.http.post(`/api/pilots/${p.id}/contributions`, {
        actorId: actor.id,
        kind: 'skills',
        description: 'Animation',
        hours: 10,
        year: 1,
      });
      // Year 1.
      await logActivity(l.http, p.id, {
        date: addDays(start, 10),
        participants: 30,
        policies: ['waste_reduction', 'food'],
        type: 'workshop',
      });
      // Year 2 (current).
      await logActivity(l.http, p.id, {
        date: addDays(today, -5),
        participants: 20,
        volunteers: 4,
        volunteerHours: 12,
        type: 'repair_cafe',
        divertedKg: { repair: 30, reuse: 5.25 },
        actorIds: [actor.id],
      });
      await logActivity(l.http, p.id, {
        date: addDays(today, -2),
        participants: 15,
        policies: ['culture'],
        type: 'event',
      });

      const o = (await l.http.get(`/api/pilots/${p.id}/overview`)).body;
      expect(o.currentProjectYear).toBe(2);
      const cur = o.current.figures;
      expect(cur).toMatchObject({
        activities: 2,
        participants: 35,
        volunteers: 4,
        volunteerHours: 12,
        contributions: 1,
        contributionsValueCents: 150000,
        contributionHours: 0,
      });
      expect(cur.divertedKg).toEqual({ reuse: 5.25, repair: 30, compost: 0, recycling: 0, other: 0, total: 35.25 });
      // The association takes part in an activity, the farm contributes in year 2; the inactive one counts for nothing.
      expect(cur.activeActors).toBe(2);
      expect(cur.byType).toEqual([
        { type: 'event', activities: 1, participants: 15 },
        { type: 'repair_cafe', activities: 1, participants: 20 },
      ]);
      expect(o.years.map((y: any) => [y.year, y.figures.activities, y.figures.participants])).toEqual([
        [1, 1, 30],
        [2, 2, 35],
        [3, 0, 0],
      ]);
      expect(o.years[0].figures.byPolicy).toEqual([
        { policy: 'food', activities: 1, participants: 30 },
        { policy: 'waste_reduction', activities: 1, participants: 30 },
      ]);
      expect(o.total.figures.activities).toBe(3);
      // Contributions follow their project year: the association's skills in year 1, both over the whole life.
      expect(o.years[0].figures).toMatchObject({
        contributions: 1,
        contributionHours: 10,
        contributionsValueCents: 0,
        activeActors: 1,
      });
      expect(o.years[2].figures).toMatchObject({ contributions: 0, activeActors: 0 });
      expect(o.total.figures).toMatchObject({
        contributions: 2,
        contributionHours: 10,
        contributionsValueCents: 150000,
        activeActors: 2,
      });
      expect(o.charts.byMonth.reduce((s: number, m: any) => s + m.activities, 0)).toBe(4); // the food workshop counts under two policies
      expect(o.charts.contributionsByActorType.find((x: any) => x.type === 'private')).toMatchObject({
        actors: 1,
        contributions: 1,
        valueCents: 150000,
      });

      // The service figures answer for any range.
      const f = await t3.app.get(ActivitiesService).figures(p.id, { from: addDays(today, -3), to: today });
      // Only the farm's year-2 contribution: the association's activity is outside the range.
      expect(f).toMatchObject({ activities: 1, participants: 15, activeActors: 1 });
    } finally {
      await t3.close();
    }
  });

  it('deletes an activity, audited with what it was', async () => {
    const a = await logActivity(coord.http, pilot.id, { title: 'Doublon' });
    expect((await coord.http.delete(`/api/pilots/${pilot.id}/activities/${a.id}`)).status).toBe(204);
    expect((await coord.http.get(`/api/pilots/${pilot.id}/activities/${a.id}`)).status).toBe(404);
    const [row] = await t.sql<any>(`SELECT before FROM audit_log WHERE action = 'activity.delete' AND entity_id = $1`, [
      a.id,
    ]);
    expect(row.before.title).toBe('Doublon');
  });
});
