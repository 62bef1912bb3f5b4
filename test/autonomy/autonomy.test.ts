import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { addDays } from '../../src/pilots/pilot-terms';
import { createPilot, logActivity } from '../factories/pilots';
import { addMember, signIn, SignedIn, signInAs } from '../factories/users';
import { fetchBytes } from '../funding/funding-helpers';
import { VALID_PDF } from '../support/files';
import { createTestApp, TestApp } from '../support/test-app';

const ledger = (http: SignedIn['http'], pilotId: string, body: Record<string, unknown>) =>
  http.post(`/api/pilots/${pilotId}/ledger`, body, { headers: { 'idempotency-key': randomUUID() } });

describe('autonomy: indicators and milestones', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinator: SignedIn;
  let reviewer: SignedIn;
  let pilotId: string;
  const today = todayInFrance();

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    coordinator = await signIn(t, 'coordinator');
    reviewer = await signIn(t, 'reviewer');
    // Started 400 days ago: year 1 is over, year 2 is running.
    pilotId = (await createPilot(lead.http, { startDate: addDays(today, -400) })).id;
    await addMember(lead.http, pilotId, coordinator.user.id, 'coordinator');
    await addMember(lead.http, pilotId, reviewer.user.id, 'reviewer');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the indicator catalogue and the waste references with their sources', async () => {
    const cat = await reviewer.http.get('/api/indicators');
    expect(cat.status).toBe(200);
    expect(cat.body.map((i: { key: string }) => i.key)).toEqual(
      expect.arrayContaining([
        'autonomyRatio',
        'activeActors',
        'volunteerHours',
        'divertedKg',
        'residualKgPerInhabitant',
        'residualChangeVsBaseline',
      ]),
    );
    expect(cat.body.find((i: { key: string }) => i.key === 'autonomyRatio')).toMatchObject({
      label: "Taux d'autonomie financière",
      unit: 'ratio',
    });
    const refs = await coordinator.http.get('/api/references/waste');
    expect(refs.status).toBe(200);
    for (const r of refs.body.references) {
      expect(r.source.length).toBeGreaterThan(10);
      expect(r.year).toBeGreaterThan(2000);
    }
    expect(refs.body.references.find((r: { key: string }) => r.key === 'kamikatsuSortingRate').value).toBe(0.8);
  });

  it('proposes the default three-year roadmap once, even to concurrent first readers, with late milestones derived', async () => {
    const reads = await Promise.all([
      lead.http.get(`/api/pilots/${pilotId}/autonomy`),
      coordinator.http.get(`/api/pilots/${pilotId}/autonomy`),
      reviewer.http.get(`/api/pilots/${pilotId}/autonomy`),
    ]);
    for (const r of reads) expect(r.status).toBe(200);
    const { milestones, indicators } = reads[0].body;
    expect(milestones).toHaveLength(6);
    expect((await t.sql(`SELECT count(*)::int AS n FROM milestones WHERE pilot_id = $1`, [pilotId]))[0].n).toBe(6);
    expect(milestones[0]).toMatchObject({
      title: 'Instance de gouvernance installée',
      status: 'planned',
      late: true,
      targetMet: null,
    });
    const autonomyTarget = milestones.find(
      (m: { target: { indicator: string } | null }) => m.target?.indicator === 'autonomyRatio',
    );
    expect(autonomyTarget).toMatchObject({
      target: { operator: 'gte', value: 0.5, year: 2 },
      late: false,
      targetMet: null,
    });
    expect(indicators.years.map((y: { status: string }) => y.status)).toEqual(['ended', 'in_progress', 'not_started']);
    expect(indicators.currentYear).toBe(2);
  });

  it('flips a milestone target to met when the ledger data change', async () => {
    const created = await lead.http.post(`/api/pilots/${pilotId}/milestones`, {
      title: 'Autonomie de 40 % en année 2',
      dueDate: addDays(today, 200),
      owner: 'Commune',
      target: { indicator: 'autonomyRatio', operator: 'gte', value: 0.4, year: 2 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ targetMet: null, targetActual: null, late: false, status: 'planned' });
    const find = async () =>
      (await lead.http.get(`/api/pilots/${pilotId}/autonomy`)).body.milestones.find(
        (m: { id: string }) => m.id === created.body.id,
      );

    expect(
      (
        await ledger(lead.http, pilotId, {
          type: 'disbursement',
          fund: 'operating',
          year: 2,
          amountCents: 12_000_00,
          date: addDays(today, -2),
          reference: 'MANDAT-Y2',
        })
      ).status,
    ).toBe(201);
    expect(await find()).toMatchObject({ targetMet: false, targetActual: 0 });

    const cofinancing = await ledger(coordinator.http, pilotId, {
      type: 'cofinancing',
      year: 2,
      amountCents: 9_000_00,
      date: addDays(today, -1),
      reference: 'DELIB-Y2',
      source: 'Budget communal',
      sourceKind: 'commune',
    });
    expect(cofinancing.status).toBe(201);
    const after = await find();
    expect(after.targetMet).toBe(true);
    expect(after.targetActual).toBeCloseTo(9 / 21, 4);
    const y2 = (await lead.http.get(`/api/pilots/${pilotId}/autonomy`)).body.indicators.years[1];
    expect(y2.values.autonomyRatio).toBeCloseTo(0.4286, 4);

    // A reversal of the co-financing brings it back below the target.
    expect(
      (
        await lead.http.post(
          `/api/pilots/${pilotId}/ledger/${cofinancing.body.id}/reversal`,
          { reason: 'Erreur de saisie' },
          { headers: { 'idempotency-key': randomUUID() } },
        )
      ).status,
    ).toBe(201);
    expect((await find()).targetMet).toBe(false);
  });

  it('computes activity indicators per project year from the activities logged', async () => {
    await logActivity(coordinator.http, pilotId, {
      date: addDays(today, -5),
      participants: 30,
      volunteers: 4,
      volunteerHours: 12,
      divertedKg: { reuse: 40, repair: 0, compost: 10, recycling: 0, other: 0 },
    });
    await logActivity(coordinator.http, pilotId, { date: addDays(today, -4), participants: 8 });
    const years = (await reviewer.http.get(`/api/pilots/${pilotId}/autonomy`)).body.indicators.years;
    expect(years[1].values).toMatchObject({ activities: 2, participants: 38, volunteerHours: 12, divertedKg: 50 });
    expect(years[1].divertedKgByStream).toMatchObject({ reuse: 40, compost: 10 });
    expect(years[0].values.activities).toBe(0);
    expect(years[2].values.activities).toBeNull();
  });

  it('lets the coordinator update status and evidence, not the roadmap itself', async () => {
    const ms = (await coordinator.http.get(`/api/pilots/${pilotId}/autonomy`)).body.milestones;
    const first = ms[0];
    const done = await coordinator.http.patch(`/api/milestones/${first.id}`, {
      status: 'done',
      evidence: { text: 'Comité installé le 12 janvier', url: 'https://mairie.example.org/cr-comite.pdf' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      late: false,
      evidence: { text: 'Comité installé le 12 janvier', url: 'https://mairie.example.org/cr-comite.pdf', file: null },
    });
    expect(done.body.completedAt).not.toBeNull();

    const retitle = await coordinator.http.patch(`/api/milestones/${first.id}`, {
      status: 'in_progress',
      title: 'Autre titre',
    });
    expect(retitle.status).toBe(403);
    expect(retitle.body.code).toBe('milestone_field_forbidden');
    const [row] = await t.sql(`SELECT title, status FROM milestones WHERE id = $1`, [first.id]);
    expect(row).toEqual({ title: 'Instance de gouvernance installée', status: 'done' });

    expect(
      (await coordinator.http.post(`/api/pilots/${pilotId}/milestones`, { title: 'X', dueDate: today })).status,
    ).toBe(403);
    expect((await coordinator.http.delete(`/api/milestones/${first.id}`)).status).toBe(403);
    const audit = await t.sql(`SELECT after FROM audit_log WHERE action = 'milestone.update' AND entity_id = $1`, [
      first.id,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('refuses any milestone change from a reviewer, and hides another pilot’s milestones', async () => {
    const ms = (await reviewer.http.get(`/api/pilots/${pilotId}/autonomy`)).body.milestones;
    const before = await t.sql(`SELECT status, evidence_text FROM milestones WHERE id = $1`, [ms[1].id]);
    expect((await reviewer.http.patch(`/api/milestones/${ms[1].id}`, { status: 'done' })).status).toBe(403);
    expect((await reviewer.http.post(`/api/pilots/${pilotId}/milestones`, { title: 'X', dueDate: today })).status).toBe(
      403,
    );
    expect((await reviewer.http.delete(`/api/milestones/${ms[1].id}`)).status).toBe(403);
    expect(await t.sql(`SELECT status, evidence_text FROM milestones WHERE id = $1`, [ms[1].id])).toEqual(before);

    const other = await signIn(t, 'coordinator');
    const otherPilot = (await createPilot(lead.http, { name: 'Autre pilote' })).id;
    await addMember(lead.http, otherPilot, other.user.id, 'coordinator');
    const { http } = await signInAs(t, other.user.email);
    expect((await http.patch(`/api/milestones/${ms[1].id}`, { status: 'done' })).status).toBe(404);
    expect((await http.get(`/api/pilots/${pilotId}/autonomy`)).status).toBe(404);
  });

  it('refuses bad milestone input with a 400 and writes nothing', async () => {
    const count = async () => (await t.sql(`SELECT count(*)::int AS n FROM milestones`))[0].n;
    const before = await count();
    const bad: [Record<string, unknown>, string][] = [
      [
        { title: 'Cible', dueDate: today, target: { indicator: 'happiness', operator: 'gte', value: 1, year: 1 } },
        'target.indicator',
      ],
      [
        { title: 'Cible', dueDate: today, target: { indicator: 'activities', operator: 'gt', value: 1, year: 1 } },
        'target.operator',
      ],
      [
        { title: 'Cible', dueDate: today, target: { indicator: 'activities', operator: 'gte', value: 1, year: 4 } },
        'target.year',
      ],
      [{ title: 'Date', dueDate: '2025-02-30' }, 'dueDate'],
      [{ title: '', dueDate: today }, 'title'],
      [{ title: 'Statut', dueDate: today, status: 'late' }, 'status'],
      [{ title: 'Champ', dueDate: today, priority: 1 }, 'priority'],
    ];
    for (const [body, field] of bad) {
      const res = await lead.http.post(`/api/pilots/${pilotId}/milestones`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const ms = (await lead.http.get(`/api/pilots/${pilotId}/autonomy`)).body.milestones;
    expect(
      (await lead.http.patch(`/api/milestones/${ms[0].id}`, { evidence: { url: 'javascript:alert(1)' } })).status,
    ).toBe(400);
    expect(await count()).toBe(before);
  });

  it('keeps an evidence file and serves it back as an attachment', async () => {
    const ms = (await coordinator.http.get(`/api/pilots/${pilotId}/autonomy`)).body.milestones;
    const pdf = VALID_PDF;
    const res = await coordinator.http.patch(`/api/milestones/${ms[1].id}`, {
      evidence: {
        file: { name: 'délibération.pdf', contentType: 'application/pdf', dataBase64: pdf.toString('base64') },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.evidence.file).toEqual({
      name: 'délibération.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    const file = await fetchBytes(t, reviewer.user.email, `/api/milestones/${ms[1].id}/evidence-file`);
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('application/pdf');
    expect(Buffer.from(file.bytes).equals(pdf)).toBe(true);
  });

  it('lets the lead retarget and delete milestones, audited', async () => {
    const ms = (await lead.http.get(`/api/pilots/${pilotId}/autonomy`)).body.milestones;
    const target = ms.find((m: { target: unknown }) => m.target);
    const res = await lead.http.patch(`/api/milestones/${target.id}`, {
      target: { indicator: 'activities', operator: 'gte', value: 2, year: 2 },
      dueDate: addDays(today, 10),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ targetMet: true, targetActual: 2 });
    expect((await lead.http.patch(`/api/milestones/${target.id}`, { target: null })).body).toMatchObject({
      target: null,
      targetMet: null,
    });
    expect((await lead.http.delete(`/api/milestones/${target.id}`)).status).toBe(204);
    expect(await t.sql(`SELECT 1 FROM milestones WHERE id = $1`, [target.id])).toHaveLength(0);
    expect(
      await t.sql(`SELECT 1 FROM audit_log WHERE action = 'milestone.delete' AND entity_id = $1`, [target.id]),
    ).toHaveLength(1);
    // Deleting does not bring the default roadmap back.
    const again = (await lead.http.get(`/api/pilots/${pilotId}/autonomy`)).body.milestones;
    expect(again.find((m: { id: string }) => m.id === target.id)).toBeUndefined();
  });
});
