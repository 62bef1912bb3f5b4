import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { addDays, addYears } from '../../src/pilots/pilot-terms';
import { PilotsService } from '../../src/pilots/pilots.service';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createPilot } from '../factories/pilots';
import { createTestApp, TestApp } from '../support/test-app';

describe('the pilot record', () => {
  let t: TestApp;
  let lead: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is created directly by the lead, with its actors, project years and audit row', async () => {
    const res = await lead.http.post('/api/pilots', {
      name: 'Créon — la ressourcerie',
      communes: [{ name: 'Créon', inseeCode: '33140' }, { name: 'Sadirac' }],
      inhabitants: 1450,
      inhabitantsSource: 'INSEE 2021',
      startDate: '2024-01-15',
      waveYear: 2024,
      policies: ['culture'],
      district: 'Centre-bourg',
      place: 'Ancienne poste',
      actors: [
        { name: 'Mairie de Créon', type: 'public' },
        { name: 'Les Ateliers du Bourg', type: 'associative', description: 'Repair café mensuel' },
        { name: 'les ateliers du bourg', type: 'associative' },
      ],
    });
    expect(res.status).toBe(201);
    const p = res.body;
    expect(p).toMatchObject({
      name: 'Créon — la ressourcerie',
      inhabitants: 1450,
      inhabitantsInForce: 1450,
      startDate: '2024-01-15',
      status: 'running',
      policies: ['waste_reduction', 'culture'],
      investmentPerInhabitantCents: 8000,
      operatingPerInhabitantPerYearCents: 2000,
      operatingYears: 3,
      lead: { id: lead.user.id },
      amendments: [],
    });
    expect(p.projectYears).toEqual([
      { year: 1, from: '2024-01-15', to: '2025-01-14' },
      { year: 2, from: '2025-01-15', to: '2026-01-14' },
      { year: 3, from: '2026-01-15', to: '2027-01-14' },
    ]);
    expect(p.lifeStart).toBe('2023-07-15');
    const actors = await lead.http.get(`/api/pilots/${p.id}/actors`);
    expect(actors.body.items.map((a: any) => a.name)).toEqual(['Les Ateliers du Bourg', 'Mairie de Créon']);
    const audit = await t.sql(`SELECT action FROM audit_log WHERE pilot_id = $1 ORDER BY id`, [p.id]);
    // With its start date, the pilot gets the default three-year roadmap in the same transaction.
    expect(audit.map((r) => r.action)).toEqual([
      'pilot.create',
      'actor.create',
      'actor.create',
      ...Array(6).fill('milestone.propose'),
    ]);
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM milestones WHERE pilot_id = $1`, [p.id]);
    expect(n).toBe(6);
  });

  it('proposes the default roadmap when a pilot created in preparation gets its start date', async () => {
    const created = await lead.http.post('/api/pilots', {
      name: 'Sans date',
      communes: [{ name: 'Haux' }],
      inhabitants: 900,
    });
    expect(created.status).toBe(201);
    const count = async () =>
      (
        await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM milestones WHERE pilot_id = $1`, [created.body.id])
      )[0].n;
    expect(await count()).toBe(0);
    expect((await lead.http.patch(`/api/pilots/${created.body.id}`, { startDate: '2025-01-15' })).status).toBe(200);
    expect(await count()).toBe(6);
  });

  it('starts in preparation without a start date, and refuses a started status without one', async () => {
    const p = await createPilot(lead.http, { startDate: undefined });
    expect(p.status).toBe('preparation');
    expect(p.currentProjectYear).toBeNull();
    expect(p.projectYears).toEqual([]);
    const bad = await lead.http.patch(`/api/pilots/${p.id}`, { status: 'running' });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('start_date_required');
    const ok = await lead.http.patch(`/api/pilots/${p.id}`, {
      status: 'running',
      startDate: '2025-02-01',
      place: 'Salle des fêtes',
      experts: [{ name: 'Élise Garnier', organisation: "COOP'TER" }],
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'running',
      startDate: '2025-02-01',
      place: 'Salle des fêtes',
      experts: [{ name: 'Élise Garnier', organisation: "COOP'TER" }],
    });
    const [row] = await t.sql(`SELECT before, after FROM audit_log WHERE action = 'pilot.update' AND pilot_id = $1`, [
      p.id,
    ]);
    expect(row.before).toMatchObject({ status: 'preparation', startDate: null });
    expect(row.after).toMatchObject({ status: 'running', startDate: '2025-02-01' });
  });

  it('keeps the amendments history and answers the figure in force at each date', async () => {
    const p = await createPilot(lead.http, { startDate: '2023-11-15', inhabitants: 1200 });
    const a1 = await lead.http.post(`/api/pilots/${p.id}/amendments`, {
      inhabitants: 1350,
      effectiveDate: '2024-06-01',
      reason: 'Avenant n°1 : recensement',
    });
    expect(a1.status).toBe(201);
    expect(a1.body).toMatchObject({ inhabitants: 1350, effectiveDate: '2024-06-01', createdBy: lead.user.id });
    await lead.http.post(`/api/pilots/${p.id}/amendments`, {
      inhabitants: 1500,
      effectiveDate: '2025-03-01',
      reason: 'Avenant n°2 : extension au hameau',
    });
    await lead.http.post(`/api/pilots/${p.id}/amendments`, {
      inhabitants: 1490,
      effectiveDate: '2025-03-01',
      reason: 'Avenant n°3 : correction',
    });

    const history = await lead.http.get(`/api/pilots/${p.id}/amendments`);
    expect(history.status).toBe(200);
    expect(history.body.initial).toBe(1200);
    expect(history.body.inForce).toBe(1490);
    expect(history.body.items.map((a: any) => [a.inhabitants, a.effectiveDate, a.inForce])).toEqual([
      [1350, '2024-06-01', false],
      [1500, '2025-03-01', false],
      [1490, '2025-03-01', true],
    ]);

    // What depends on the figure reads it at each date through the service.
    const pilots = t.app.get(PilotsService);
    expect(await pilots.inhabitantsAt(p.id, '2024-05-31')).toBe(1200);
    expect(await pilots.inhabitantsAt(p.id, '2024-06-01')).toBe(1350);
    expect(await pilots.inhabitantsAt(p.id, '2025-02-28')).toBe(1350);
    expect(await pilots.inhabitantsAt(p.id, '2025-03-01')).toBe(1490);
    expect((await lead.http.get(`/api/pilots/${p.id}`)).body.inhabitantsInForce).toBe(1490);
  });

  it('refuses an amendment before the start date, absurd figures and unknown fields, and never edits one', async () => {
    const p = await createPilot(lead.http, { startDate: '2023-11-15' });
    const early = await lead.http.post(`/api/pilots/${p.id}/amendments`, {
      inhabitants: 1300,
      effectiveDate: '2023-11-14',
      reason: 'trop tôt',
    });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('amendment_before_start');
    for (const inhabitants of [0, -5, 12.5, 50_000_000]) {
      const res = await lead.http.post(`/api/pilots/${p.id}/amendments`, {
        inhabitants,
        effectiveDate: '2024-01-01',
        reason: 'x',
      });
      expect(res.status).toBe(400);
    }
    const badDate = await lead.http.post(`/api/pilots/${p.id}/amendments`, {
      inhabitants: 1300,
      effectiveDate: '2024-02-30',
      reason: 'x',
    });
    expect(badDate.status).toBe(400);
    const unknown = await lead.http.post(`/api/pilots/${p.id}/amendments`, {
      inhabitants: 1300,
      effectiveDate: '2024-01-01',
      reason: 'x',
      approved: true,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ field: 'approved', code: 'unknown_field' }));
    // The figure itself is not a PATCH field: only an amendment changes it.
    const patch = await lead.http.patch(`/api/pilots/${p.id}`, { inhabitants: 2000 });
    expect(patch.status).toBe(400);
    await lead.http.post(`/api/pilots/${p.id}/amendments`, {
      inhabitants: 1300,
      effectiveDate: '2024-01-01',
      reason: 'Avenant',
    });
    await expect(t.sql(`UPDATE pilot_amendments SET inhabitants = 1 WHERE pilot_id = $1`, [p.id])).rejects.toThrow(
      /append-only/,
    );
    // Moving the start after an amendment would leave it before the start.
    const move = await lead.http.patch(`/api/pilots/${p.id}`, { startDate: '2024-03-01' });
    expect(move.status).toBe(422);
    expect(move.body.code).toBe('start_after_amendment');
  });

  it('refuses absurd creations with 400 and the list of fields', async () => {
    const res = await lead.http.post('/api/pilots', {
      name: '',
      communes: [],
      inhabitants: -3,
      startDate: '2023-13-01',
      policies: ['knitting'],
      foo: 1,
    });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: any) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'communes', 'inhabitants', 'startDate', 'policies', 'foo']));
    expect(await t.sql(`SELECT 1 FROM pilots WHERE name = ''`)).toHaveLength(0);
  });

  it('lists only the caller’s pilots, filtered in SQL; committee members have no access', async () => {
    const a = await createPilot(lead.http, { name: 'Pilote A', waveYear: 2023 });
    const b = await createPilot(lead.http, { name: 'Pilote B', waveYear: 2031, startDate: undefined });
    const coordinator = await insertUser(t, 'coordinator');
    await addMember(lead.http, a.id, coordinator.id, 'coordinator');
    const coord = await signInAs(t, coordinator.email);

    const mine = await coord.http.get('/api/pilots');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((p: any) => p.id)).toEqual([a.id]);
    expect((await coord.http.get(`/api/pilots/${b.id}`)).status).toBe(404);
    expect((await coord.http.get(`/api/pilots/${a.id}`)).body.members).toEqual([
      expect.objectContaining({ userId: coordinator.id, role: 'coordinator' }),
    ]);

    const all = await lead.http.get('/api/pilots?waveYear=2031');
    expect(all.body.items.map((p: any) => p.id)).toEqual([b.id]);
    const preparing = await lead.http.get('/api/pilots?status=preparation');
    expect(preparing.body.items.map((p: any) => p.id)).toContain(b.id);
    expect(preparing.body.items.map((p: any) => p.id)).not.toContain(a.id);

    const committee = await signIn(t, 'committee');
    expect((await committee.http.get('/api/pilots')).status).toBe(403);
    expect((await committee.http.get(`/api/pilots/${a.id}`)).status).toBe(403);
    // Only the lead writes the record.
    expect((await coord.http.patch(`/api/pilots/${a.id}`, { place: 'Mairie' })).status).toBe(403);
    expect(
      (
        await coord.http.post(`/api/pilots/${a.id}/amendments`, {
          inhabitants: 1300,
          effectiveDate: '2024-06-01',
          reason: 'x',
        })
      ).status,
    ).toBe(403);
    expect(
      (await coord.http.post('/api/pilots', { name: 'X', communes: [{ name: 'X' }], inhabitants: 1000 })).status,
    ).toBe(403);
  });

  it('pages the list with a cursor', async () => {
    const fresh = await createTestApp();
    try {
      const l = await signIn(fresh, 'lead');
      for (const name of ['Aubiac', 'Baurech', 'Camblanes', 'Donzac', 'Escoussans'])
        await createPilot(l.http, { name });
      const first = await l.http.get('/api/pilots?limit=2');
      expect(first.body.items.map((p: any) => p.name)).toEqual(['Aubiac', 'Baurech']);
      const second = await l.http.get(`/api/pilots?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((p: any) => p.name)).toEqual(['Camblanes', 'Donzac']);
      const third = await l.http.get(`/api/pilots?limit=2&cursor=${second.body.nextCursor}`);
      expect(third.body.items.map((p: any) => p.name)).toEqual(['Escoussans']);
      expect(third.body.nextCursor).toBeNull();
    } finally {
      await fresh.close();
    }
  });

  it('counts the current project year from the start date', async () => {
    const today = todayInFrance();
    const p = await createPilot(lead.http, { startDate: addDays(addYears(today, -1), -1) });
    expect(p.currentProjectYear).toBe(2);
    const future = await createPilot(lead.http, { startDate: addDays(today, 30) });
    expect(future.status).toBe('preparation');
    expect(future.currentProjectYear).toBe(0);
  });
});
