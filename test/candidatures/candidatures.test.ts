import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/pilots/pilot-terms';
import {
  createOpenCall,
  declareAndScore,
  engagementBody,
  intentionBody,
  scores,
  today,
} from '../factories/candidatures';
import { signIn, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

describe('calls and candidatures', () => {
  let t: TestApp;
  let lead: SignedIn;
  let member1: SignedIn;
  let member2: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    member1 = await signIn(t, 'committee');
    member2 = await signIn(t, 'committee');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A candidature with both letters, through the public pages. */
  async function engaged(
    callId: string,
    intention: Record<string, unknown> = {},
    engagement: Record<string, unknown> = {},
  ) {
    const pub = t.client();
    const created = await pub.post(`/api/public/calls/${callId}/candidatures`, intentionBody(intention));
    expect(created.status).toBe(201);
    const put = await pub.put(
      `/api/public/candidatures/${created.body.editToken}/engagement`,
      engagementBody(engagement),
    );
    expect(put.status).toBe(200);
    return { id: created.body.id as string, editToken: created.body.editToken as string };
  }

  it('walks the whole path: call → public intention → engagement by private link → two scores → ranking → decision → pilot', async () => {
    const call = await createOpenCall(lead.http, {
      title: 'Appel 2026',
      investmentPerInhabitantCents: 9000,
      webinars: [{ date: today(), startTime: '17:00', endTime: '18:00' }],
      contact: 'cheffe.projet@smicval.fr',
    });
    expect(call).toMatchObject({
      minInhabitants: 800,
      maxInhabitants: 1500,
      investmentPerInhabitantCents: 9000,
      operatingPerInhabitantPerYearCents: 2000,
      operatingYears: 3,
      intentionOpen: true,
    });

    // The public page of the call: no account, nothing about the candidatures.
    const anonymous = t.client();
    const pubCall = await anonymous.get(`/api/public/calls/${call.id}`);
    expect(pubCall.status).toBe(200);
    expect(pubCall.body).toMatchObject({ title: 'Appel 2026', intentionOpen: true, minInhabitants: 800 });
    expect(pubCall.body).not.toHaveProperty('candidatureCount');
    expect(pubCall.body).not.toHaveProperty('investmentPerInhabitantCents');

    const created = await anonymous.post(`/api/public/calls/${call.id}/candidatures`, intentionBody());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'intention_submitted', eligibility: { inBounds: true } });
    const token: string = created.body.editToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the SHA-256 of the link is stored.
    const [stored] = await t.sql<{ edit_token_hash: Buffer; source: string }>(
      `SELECT edit_token_hash, source FROM candidatures WHERE id = $1`,
      [created.body.id],
    );
    expect(stored.edit_token_hash.equals(createHash('sha256').update(token).digest())).toBe(true);
    expect(stored.source).toBe('online');
    const leaks = await t.sql(`SELECT 1 FROM candidatures c, audit_log a WHERE c::text LIKE $1 OR a::text LIKE $1`, [
      `%${token}%`,
    ]);
    expect(leaks).toHaveLength(0);

    const mine = await anonymous.get(`/api/public/candidatures/${token}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      id: created.body.id,
      engagementOpen: true,
      communes: [{ name: 'Saint-Genès-de-Lombaud' }],
    });
    expect(mine.body).not.toHaveProperty('editToken');

    const eng = await anonymous.put(`/api/public/candidatures/${token}/engagement`, engagementBody());
    expect(eng.status).toBe(200);
    expect(eng.body.status).toBe('engagement_submitted');

    const id = created.body.id;
    expect(
      (
        await declareAndScore(member1.http, id, {
          scores: scores(4),
          comment: 'Très bon dossier',
        })
      ).status,
    ).toBe(201);
    const second = await declareAndScore(member2.http, id, {
      scores: scores(2, { size: 5 }),
      comment: 'Acteurs peu impliqués',
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      memberId: member2.user.id,
      scores: { size: 5, grouping: 2 },
      comment: 'Acteurs peu impliqués',
    });

    const ranking = await member1.http.get(`/api/calls/${call.id}/ranking`);
    expect(ranking.status).toBe(200);
    const item = ranking.body.items.find((i: { candidatureId: string }) => i.candidatureId === id);
    // member1: 4.00, member2: (5 + 6×2)/7 = 2.43 → average 3.21, spread 1.57.
    expect(item).toMatchObject({
      averageScore: 3.21,
      spread: 1.57,
      evaluationCount: 2,
      eligibility: { inBounds: true },
    });
    expect(item.committeeSize).toBeGreaterThanOrEqual(2);
    expect(item.criteria.size).toBe(4.5);

    const list = await member2.http.get(`/api/calls/${call.id}/candidatures`);
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      id,
      averageScore: 3.21,
      evaluationCount: 2,
      eligibility: { inBounds: true },
    });
    expect(list.body.items[0].engagement.description).toContain('tiers-lieu');

    const decision = await lead.http.post(`/api/candidatures/${id}/decision`, {
      decision: 'selected',
      deliberationNumber: 'AG-2026-04',
      deliberationDate: today(),
    });
    expect(decision.status).toBe(200);
    const pilotId: string = decision.body.pilotId;
    expect(pilotId).toMatch(/^[0-9a-f-]{36}$/);

    const [pilot] = await t.sql<Record<string, any>>(`SELECT * FROM pilots WHERE id = $1`, [pilotId]);
    expect(pilot).toMatchObject({
      call_id: call.id,
      candidature_id: id,
      inhabitants: 1200,
      investment_per_inhabitant_cents: 9000,
      operating_per_inhabitant_per_year_cents: 2000,
      operating_years: 3,
      district: 'Centre-bourg',
      place: 'Ancienne poste, place de la mairie',
      coordinator_contact: 'Julien Mercier, secrétaire de mairie — 05 56 00 00 00',
    });
    expect(pilot.communes).toEqual([{ name: 'Saint-Genès-de-Lombaud', inseeCode: '33406' }]);
    expect(pilot.policies).toEqual(expect.arrayContaining(['waste_reduction', 'food', 'village_revitalisation']));
    expect(pilot.carried).toMatchObject({
      needs: 'Ingénierie de projet, petits travaux.',
      risks: 'Essoufflement des bénévoles.',
      mitigations: 'Animation par un coordinateur dédié.',
      resources: 'Accompagnement COOP’TER.',
      deliberationNumber: 'AG-2026-04',
    });
    const actors = await t.sql<{ name: string; type: string; description: string | null }>(
      `SELECT name, type, description FROM actors WHERE pilot_id = $1 ORDER BY name`,
      [pilotId],
    );
    expect(actors).toEqual([
      { name: 'Boulangerie du bourg', type: 'private', description: null },
      { name: 'Comité des fêtes', type: 'associative', description: 'Bénévoles' },
      { name: 'École élémentaire', type: 'public', description: 'Ateliers avec les élèves' },
    ]);

    const after = await lead.http.get(`/api/candidatures/${id}`);
    expect(after.body).toMatchObject({
      status: 'selected',
      pilotId,
      decision: { decision: 'selected', deliberationNumber: 'AG-2026-04' },
    });
    const audit = await t.sql(
      `SELECT 1 FROM audit_log WHERE action = 'candidature.decide' AND entity_id = $1 AND pilot_id = $2`,
      [id, pilotId],
    );
    expect(audit).toHaveLength(1);
    // Decided: no more scoring, no second decision.
    expect((await member1.http.post(`/api/candidatures/${id}/evaluations`, { scores: scores(5) })).body.code).toBe(
      'already_decided',
    );
    const again = await lead.http.post(`/api/candidatures/${id}/decision`, {
      decision: 'not_selected',
      deliberationNumber: 'AG-2',
      deliberationDate: today(),
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_decided');
  });

  it('keeps exactly one evaluation per member when a member scores twice (the second replaces the first)', async () => {
    const call = await createOpenCall(lead.http);
    const { id } = await engaged(call.id);
    expect((await declareAndScore(member1.http, id, { scores: scores(1), comment: 'Premier avis' })).status).toBe(201);
    const again = await declareAndScore(member1.http, id, {
      scores: scores(5),
      comment: 'Avis révisé',
    });
    expect(again.status).toBe(201);
    const rows = await t.sql<{ member_id: string; size: number; comment: string }>(
      `SELECT member_id, size, comment FROM candidature_evaluations WHERE candidature_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ member_id: member1.user.id, size: 5, comment: 'Avis révisé' }]);
    const list = await lead.http.get(`/api/candidatures/${id}/evaluations`);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ memberName: expect.any(String), average: 5 });
    expect((await member2.http.get(`/api/calls/${call.id}/candidatures`)).body.items[0].evaluationCount).toBe(1);
    const audits = await t.sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'candidature.evaluat%' ORDER BY id`,
      [id],
    );
    expect(audits.map((a) => a.action)).toEqual(['candidature.evaluate', 'candidature.evaluation_replace']);
  });

  it('refuses submissions after the deadline (end of the day, Paris) with 409 and a French message; the lead can reopen', async () => {
    const past = await lead.http.post('/api/calls', {
      title: 'Appel 2023',
      waveYear: 2023,
      intentionDeadline: '2023-06-02',
      engagementDeadline: '2023-09-01',
    });
    expect(past.status).toBe(201);
    expect(past.body).toMatchObject({
      intentionOpen: false,
      engagementOpen: false,
      intentionClosesAt: '2023-06-02T22:00:00.000Z',
    });
    const pub = await t.client().post(`/api/public/calls/${past.body.id}/candidatures`, intentionBody());
    expect(pub.status).toBe(409);
    expect(pub.body.code).toBe('deadline_passed');
    expect(pub.body.detail).toContain("lettres d'intention était le 2 juin 2023");
    expect((await lead.http.post(`/api/calls/${past.body.id}/candidatures`, intentionBody())).status).toBe(409);
    expect(await t.sql(`SELECT 1 FROM candidatures WHERE call_id = $1`, [past.body.id])).toHaveLength(0);

    // A candidature whose engagement deadline has since passed.
    const call = await createOpenCall(lead.http);
    const created = await t.client().post(`/api/public/calls/${call.id}/candidatures`, intentionBody());
    const token = created.body.editToken;
    const moved = await lead.http.patch(`/api/calls/${call.id}`, {
      intentionDeadline: addDays(today(), -3),
      engagementDeadline: addDays(today(), -1),
    });
    expect(moved.status).toBe(200);
    const late = await t.client().put(`/api/public/candidatures/${token}/engagement`, engagementBody());
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/lettres d'engagement était le .* : le dépôt n'est plus possible/);
    expect((await t.client().get(`/api/public/candidatures/${token}`)).body.engagementOpen).toBe(false);

    // Reopening needs a reason, is the lead's, and is recorded.
    expect((await lead.http.post(`/api/candidatures/${created.body.id}/reopen`, { phase: 'engagement' })).status).toBe(
      400,
    );
    expect(
      (await member1.http.post(`/api/candidatures/${created.body.id}/reopen`, { phase: 'engagement', reason: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (
        await lead.http.post(`/api/candidatures/${created.body.id}/reopen`, {
          phase: 'engagement',
          reason: 'x',
          until: addDays(today(), -1),
        })
      ).status,
    ).toBe(400);
    const reopened = await lead.http.post(`/api/candidatures/${created.body.id}/reopen`, {
      phase: 'engagement',
      reason: 'Courrier reçu en retard par la poste',
      until: addDays(today(), 2),
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.engagementReopenedUntil).toBe(addDays(today(), 2));
    const [audit] = await t.sql<{ after: { reason: string } }>(
      `SELECT after FROM audit_log WHERE action = 'candidature.reopen' AND entity_id = $1`,
      [created.body.id],
    );
    expect(audit.after.reason).toBe('Courrier reçu en retard par la poste');
    expect((await t.client().put(`/api/public/candidatures/${token}/engagement`, engagementBody())).status).toBe(200);
    // Another candidature of the same call stays closed.
    const [other] = await t.sql<{ id: string }>(
      `INSERT INTO candidatures (call_id, source, communes, inhabitants, intention, dossier_number) VALUES ($1, 'entered', '[{"name":"Cessac"}]', 900, '{"specifics":"","values":"","stakes":"","zeroWasteCommune":false}', 'K-2099-0001') RETURNING id`,
      [call.id],
    );
    expect((await lead.http.put(`/api/candidatures/${other.id}/engagement`, engagementBody())).status).toBe(409);
  });

  it('answers 404 for an invalid or unknown private link', async () => {
    const pub = t.client();
    expect((await pub.get('/api/public/candidatures/not-a-token')).status).toBe(404);
    const unknown = 'A'.repeat(43);
    const res = await pub.get(`/api/public/candidatures/${unknown}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('invalid_edit_token');
    expect((await pub.put(`/api/public/candidatures/${unknown}/engagement`, engagementBody())).status).toBe(404);
    expect((await pub.get(`/api/public/calls/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('refuses to select an out-of-bounds territory without a justification (422), and selects it with one', async () => {
    const call = await createOpenCall(lead.http);
    const { id } = await engaged(call.id, { inhabitants: 2400, communes: [{ name: 'Targon' }, { name: 'Soulignac' }] });
    const c = await lead.http.get(`/api/candidatures/${id}`);
    expect(c.body.eligibility).toEqual({
      inBounds: false,
      minInhabitants: 800,
      maxInhabitants: 1500,
      inhabitants: 2400,
    });
    const refused = await lead.http.post(`/api/candidatures/${id}/decision`, {
      decision: 'selected',
      deliberationNumber: 'AG-1',
      deliberationDate: today(),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('out_of_bounds_requires_justification');
    expect(await t.sql(`SELECT 1 FROM pilots WHERE candidature_id = $1`, [id])).toHaveLength(0);
    expect((await lead.http.get(`/api/candidatures/${id}`)).body.status).toBe('engagement_submitted');
    const ok = await lead.http.post(`/api/candidatures/${id}/decision`, {
      decision: 'selected',
      deliberationNumber: 'AG-1',
      deliberationDate: today(),
      justification: 'Deux communes voisines qui coopèrent déjà',
      pilotStartDate: today(),
    });
    expect(ok.status).toBe(200);
    const [pilot] = await t.sql<{ communes: unknown; start_date: string; carried: { justification: string } }>(
      `SELECT communes, start_date, carried FROM pilots WHERE id = $1`,
      [ok.body.pilotId],
    );
    expect(pilot.communes).toEqual([{ name: 'Targon' }, { name: 'Soulignac' }]);
    expect(pilot.start_date).toBe(today());
    expect(pilot.carried.justification).toBe('Deux communes voisines qui coopèrent déjà');
  });

  it('creates one pilot when two selections race', async () => {
    const call = await createOpenCall(lead.http);
    const { id } = await engaged(call.id);
    const body = { decision: 'selected', deliberationNumber: 'AG-R', deliberationDate: today() };
    const [a, b] = await Promise.all([
      lead.http.post(`/api/candidatures/${id}/decision`, body),
      lead.http.post(`/api/candidatures/${id}/decision`, body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await t.sql(`SELECT 1 FROM pilots WHERE candidature_id = $1`, [id])).toHaveLength(1);
  });

  it('moves status only along the allowed transitions', async () => {
    const call = await createOpenCall(lead.http);
    const created = await lead.http.post(
      `/api/calls/${call.id}/candidatures`,
      intentionBody({ communes: [{ name: 'Espiet' }] }),
    );
    expect(created.status).toBe(201);
    expect(created.body.editToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const id = created.body.id;
    const early = await lead.http.post(`/api/candidatures/${id}/decision`, {
      decision: 'selected',
      deliberationNumber: 'AG-3',
      deliberationDate: today(),
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('engagement_missing');
    const withdrawn = await lead.http.post(`/api/candidatures/${id}/decision`, {
      decision: 'withdrawn',
      deliberationNumber: 'AG-3',
      deliberationDate: today(),
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual({ id, status: 'withdrawn', pilotId: null });
    expect((await lead.http.put(`/api/candidatures/${id}/engagement`, engagementBody())).status).toBe(409);
    expect((await lead.http.post(`/api/candidatures/${id}/reopen`, { phase: 'engagement', reason: 'x' })).status).toBe(
      409,
    );
    expect(
      (await t.client().put(`/api/public/candidatures/${created.body.editToken}/engagement`, engagementBody())).status,
    ).toBe(409);
  });

  it('keeps calls and candidatures to the lead and the committee', async () => {
    const call = await createOpenCall(lead.http);
    const { id } = await engaged(call.id);
    const coordinator = await signIn(t, 'coordinator');
    const reviewer = await signIn(t, 'reviewer');
    for (const who of [coordinator, reviewer]) {
      expect((await who.http.get('/api/calls')).status).toBe(403);
      expect((await who.http.get(`/api/candidatures/${id}`)).status).toBe(403);
      expect((await who.http.post(`/api/candidatures/${id}/evaluations`, { scores: scores(3) })).status).toBe(403);
    }
    const decide = await coordinator.http.post(`/api/candidatures/${id}/decision`, {
      decision: 'selected',
      deliberationNumber: 'AG-9',
      deliberationDate: today(),
    });
    expect(decide.status).toBe(403);
    expect(
      (
        await member1.http.post(`/api/candidatures/${id}/decision`, {
          decision: 'selected',
          deliberationNumber: 'AG-9',
          deliberationDate: today(),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await member1.http.post('/api/calls', {
          title: 'x',
          waveYear: 2026,
          intentionDeadline: today(),
          engagementDeadline: today(),
        })
      ).status,
    ).toBe(403);
    expect((await member1.http.get('/api/calls')).status).toBe(200);
    expect((await t.client().get('/api/calls')).status).toBe(401);
    expect((await lead.http.get(`/api/candidatures/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect(await t.sql(`SELECT 1 FROM pilots WHERE candidature_id = $1`, [id])).toHaveLength(0);
  });

  it('rejects unknown fields and bad values with 400 and writes nothing', async () => {
    const call = await createOpenCall(lead.http);
    const count = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM candidatures`))[0].n;
    const before = await count();
    const pub = t.client();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...intentionBody(), status: 'selected' }, 'status'],
      [{ ...intentionBody(), intention: { ...intentionBody().intention, score: 5 } }, 'intention.score'],
      [intentionBody({ inhabitants: -5 }), 'inhabitants'],
      [intentionBody({ inhabitants: 12.5 }), 'inhabitants'],
      [intentionBody({ communes: [] }), 'communes'],
      [intentionBody({ communes: [{ name: 'X', inseeCode: '123' }] }), 'communes.0.inseeCode'],
      [intentionBody({ contactEmail: 'pas-un-email' }), 'contactEmail'],
    ];
    for (const [body, field] of cases) {
      const res = await pub.post(`/api/public/calls/${call.id}/candidatures`, body);
      expect(res.status, field).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count()).toBe(before);

    const { id, editToken } = await engaged(call.id);
    for (const [body, field] of [
      [engagementBody({ citizenInvolvement: 'referendum' }), 'citizenInvolvement'],
      [engagementBody({ hybridPolicies: ['space_travel'] }), 'hybridPolicies'],
      [engagementBody({ hybridPolicies: [] }), 'hybridPolicies'],
      [engagementBody({ description: '' }), 'description'],
      [engagementBody({ actors: [{ name: 'X', type: 'alien' }] }), 'actors.0.type'],
      [{ ...engagementBody(), budget: 100 }, 'budget'],
    ] as [Record<string, unknown>, string][]) {
      const res = await pub.put(`/api/public/candidatures/${editToken}/engagement`, body);
      expect(res.status, field).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    for (const body of [
      { scores: scores(6) },
      { scores: scores(-1) },
      { scores: { size: 3 } },
      { scores: scores(3), weight: 2 },
      { scores: scores(2.5) },
    ]) {
      expect((await declareAndScore(member1.http, id, body)).status).toBe(400);
    }
    expect(await t.sql(`SELECT 1 FROM candidature_evaluations WHERE candidature_id = $1`, [id])).toHaveLength(0);
    for (const body of [
      { decision: 'maybe', deliberationNumber: 'AG', deliberationDate: today() },
      { decision: 'selected', deliberationNumber: 'AG', deliberationDate: '2023-02-30' },
      { decision: 'selected', deliberationDate: today() },
      { decision: 'selected', deliberationNumber: 'AG', deliberationDate: today(), pilotId: 'x' },
    ]) {
      expect((await lead.http.post(`/api/candidatures/${id}/decision`, body)).status).toBe(400);
    }
    const badCalls = [
      { title: 'x', waveYear: 2026, intentionDeadline: today(), engagementDeadline: today(), secret: true },
      { title: 'x', waveYear: 1999, intentionDeadline: today(), engagementDeadline: today() },
      { title: 'x', waveYear: 2026, intentionDeadline: '2026-13-01', engagementDeadline: today() },
      { title: 'x', waveYear: 2026, intentionDeadline: addDays(today(), 5), engagementDeadline: today() },
      {
        title: 'x',
        waveYear: 2026,
        intentionDeadline: today(),
        engagementDeadline: today(),
        minInhabitants: 2000,
        maxInhabitants: 1000,
      },
      {
        title: 'x',
        waveYear: 2026,
        intentionDeadline: today(),
        engagementDeadline: today(),
        investmentPerInhabitantCents: -1,
      },
      {
        title: 'x',
        waveYear: 2026,
        intentionDeadline: today(),
        engagementDeadline: today(),
        webinars: [{ date: today(), startTime: '25:00' }],
      },
    ];
    for (const body of badCalls) expect((await lead.http.post('/api/calls', body)).status).toBe(400);
    expect((await lead.http.patch(`/api/calls/${call.id}`, { minInhabitants: 5000 })).status).toBe(400);
  });

  it('exports a call’s candidatures and scores as CSV and XLSX', async () => {
    const call = await createOpenCall(lead.http);
    const { id } = await engaged(call.id, { communes: [{ name: 'Faleyras' }] });
    await declareAndScore(member1.http, id, {
      scores: scores(3),
      comment: 'Bien, "prometteur"',
    });
    const csv = await member1.http.get(`/api/calls/${call.id}/candidatures?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toContain('Commune(s);Codes INSEE;Habitants');
    expect(lines[1]).toContain('Faleyras');
    expect(lines[1]).toContain('1/');
    const xlsx = await lead.http.get(`/api/calls/${call.id}/candidatures?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain('candidatures.xlsx');
    const scoresCsv = await lead.http.get(`/api/calls/${call.id}/evaluations?format=csv`);
    expect(scoresCsv.text).toContain('"Bien, ""prometteur"""');
    expect((await lead.http.get(`/api/calls/${call.id}/evaluations?format=xlsx`)).status).toBe(200);
    expect((await lead.http.get(`/api/calls/${call.id}/candidatures?format=pdf`)).status).toBe(400);
  });

  it('limits public submissions per address and per hour (429)', async () => {
    const call = await createOpenCall(lead.http);
    const pub = t.client();
    const headers = { 'x-forwarded-for': '203.0.113.77' };
    for (let i = 0; i < 10; i++) {
      const res = await pub.post(
        `/api/public/calls/${call.id}/candidatures`,
        intentionBody({ communes: [{ name: `Commune ${i}` }] }),
        { headers },
      );
      expect(res.status).toBe(201);
    }
    const blocked = await pub.post(`/api/public/calls/${call.id}/candidatures`, intentionBody(), { headers });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_submissions');
    expect(
      (
        await pub.post(`/api/public/calls/${call.id}/candidatures`, intentionBody(), {
          headers: { 'x-forwarded-for': '203.0.113.78' },
        })
      ).status,
    ).toBe(201);
  });
});
