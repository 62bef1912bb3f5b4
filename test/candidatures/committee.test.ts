import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/pilots/pilot-terms';
import {
  createOpenCall,
  declare,
  declareAndScore,
  engagementBody,
  intentionBody,
  scores,
  today,
} from '../factories/candidatures';
import { signIn, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('a fair committee', () => {
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

  /** A candidature with both letters, entered by the lead. */
  async function engaged(callId: string, intention: Record<string, unknown> = {}) {
    const created = await lead.http.post(`/api/calls/${callId}/candidatures`, intentionBody(intention));
    expect(created.status).toBe(201);
    expect((await lead.http.put(`/api/candidatures/${created.body.id}/engagement`, engagementBody())).status).toBe(200);
    return created.body.id as string;
  }

  /** Moves both deadlines into the past: the engagement phase is closed. */
  async function closeLetters(callId: string) {
    const res = await lead.http.patch(`/api/calls/${callId}`, {
      intentionDeadline: addDays(today(), -20),
      engagementDeadline: addDays(today(), -1),
    });
    expect(res.status).toBe(200);
  }

  it('keeps scores blind: a member sees the others’ scores only after submitting their own; the lead sees all', async () => {
    const call = await createOpenCall(lead.http);
    const id = await engaged(call.id);
    expect((await declareAndScore(member1.http, id, { scores: scores(4), comment: 'Très bon dossier' })).status).toBe(
      201,
    );

    // member2 has not scored: no scores, no comment, no average anywhere.
    await declare(member2.http, id);
    expect((await member2.http.get(`/api/candidatures/${id}/evaluations`)).body).toEqual([]);
    const sheet = await member2.http.get(`/api/candidatures/${id}/scoring-sheet`);
    expect(sheet.status).toBe(200);
    expect(sheet.body).toMatchObject({ scoresVisible: false, evaluations: [], evaluationCount: 1, myEvaluation: null });
    expect(JSON.stringify(sheet.body)).not.toContain('Très bon dossier');
    const view = await member2.http.get(`/api/candidatures/${id}`);
    expect(view.body).toMatchObject({ scoresHidden: true, averageScore: null, spread: null, evaluationCount: 1 });
    const list = await member2.http.get(`/api/calls/${call.id}/candidatures`);
    expect(list.body.items[0]).toMatchObject({ scoresHidden: true, averageScore: null });
    const ranking = await member2.http.get(`/api/calls/${call.id}/ranking`);
    const item = ranking.body.items[0];
    expect(item).toMatchObject({ scoresHidden: true, averageScore: null, spread: null });
    expect(item.criteria.size).toBeNull();
    expect(item.members.every((m: { average: number | null }) => m.average === null)).toBe(true);
    expect((await member2.http.get(`/api/calls/${call.id}/evaluations`)).body).toEqual([]);
    const csv = await member2.http.get(`/api/calls/${call.id}/evaluations?format=csv`);
    expect(csv.text).not.toContain('Très bon dossier');

    // The lead sees everything without scoring.
    expect((await lead.http.get(`/api/candidatures/${id}/evaluations`)).body).toHaveLength(1);
    expect((await lead.http.get(`/api/candidatures/${id}`)).body).toMatchObject({
      scoresHidden: false,
      averageScore: 4,
    });

    // Once member2 has scored, both scores and comments show.
    expect((await member2.http.post(`/api/candidatures/${id}/evaluations`, { scores: scores(2) })).status).toBe(201);
    const after = await member2.http.get(`/api/candidatures/${id}/evaluations`);
    expect(after.body.map((e: { comment: string }) => e.comment)).toContain('Très bon dossier');
    const again = (await member2.http.get(`/api/calls/${call.id}/ranking`)).body.items[0];
    expect(again).toMatchObject({ scoresHidden: false, averageScore: 3, spread: 2 });
  });

  it('refuses to score without a declaration, and recuses a member who declares a conflict (403), audited', async () => {
    const call = await createOpenCall(lead.http);
    const id = await engaged(call.id);
    const missing = await member1.http.post(`/api/candidatures/${id}/evaluations`, { scores: scores(3) });
    expect(missing.status).toBe(409);
    expect(missing.body.code).toBe('conflict_declaration_required');

    // member2 scored, then discovers a link: the declaration withdraws the score.
    expect((await declareAndScore(member2.http, id, { scores: scores(5) })).status).toBe(201);
    const declared = await declare(member2.http, id, {
      hasConflict: true,
      link: 'elected',
      reason: 'Conseillère municipale de la commune',
    });
    expect(declared).toMatchObject({ hasConflict: true, link: 'elected', memberId: member2.user.id });
    expect(await t.sql(`SELECT 1 FROM candidature_evaluations WHERE candidature_id = $1`, [id])).toHaveLength(0);

    const refused = await member2.http.post(`/api/candidatures/${id}/evaluations`, { scores: scores(5) });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('recused_member');
    expect(refused.body.detail).toContain('récusé');
    expect(await t.sql(`SELECT 1 FROM candidature_evaluations WHERE candidature_id = $1`, [id])).toHaveLength(0);

    // member1 scores; the recused member still sees nothing.
    expect((await declareAndScore(member1.http, id, { scores: scores(3) })).status).toBe(201);
    expect((await member2.http.get(`/api/candidatures/${id}/evaluations`)).body).toEqual([]);
    expect((await member2.http.get(`/api/candidatures/${id}/scoring-sheet`)).body).toMatchObject({
      recused: true,
      scoresVisible: false,
    });

    // The ranking says « récusé » for that member; the lead reads every declaration, a member only theirs.
    const ranking = await lead.http.get(`/api/calls/${call.id}/ranking`);
    const states = Object.fromEntries(
      ranking.body.items[0].members.map((m: { memberId: string; state: string }) => [m.memberId, m.state]),
    );
    expect(states[member2.user.id]).toBe('recused');
    expect(states[member1.user.id]).toBe('scored');
    // The recused member is not counted among those expected to score it (n/N).
    expect(ranking.body.items[0].committeeSize).toBe(ranking.body.committeeSize - 1);
    expect((await lead.http.get(`/api/candidatures/${id}`)).body.committeeSize).toBe(ranking.body.committeeSize - 1);
    const all = await lead.http.get(`/api/candidatures/${id}/conflicts`);
    expect(all.body).toHaveLength(2);
    expect((await lead.http.get(`/api/candidatures/${id}/scoring-sheet`)).body.declarations).toHaveLength(2);
    const own = await member1.http.get(`/api/candidatures/${id}/conflicts`);
    expect(own.body).toEqual([expect.objectContaining({ memberId: member1.user.id, hasConflict: false })]);

    const audits = await t.sql<{ action: string; after: Record<string, unknown> }>(
      `SELECT action, after FROM audit_log WHERE entity_id = $1 AND action = 'candidature.conflict_declare' ORDER BY id`,
      [id],
    );
    expect(audits).toHaveLength(3);
    expect(audits[1].after).toMatchObject({ hasConflict: true, link: 'elected', withdrawnEvaluation: { size: 5 } });
  });

  it('opens scoring after the engagement deadline, or per candidature once its letter is in, as the call says', async () => {
    const call = await createOpenCall(lead.http, { scoringOpens: 'after_engagement_deadline' });
    expect(call.scoringOpens).toBe('after_engagement_deadline');
    const id = await engaged(call.id);
    await declare(member1.http, id);
    const early = await member1.http.post(`/api/candidatures/${id}/evaluations`, { scores: scores(3) });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('scoring_not_open');
    expect(early.body.detail).toContain('La notation ouvrira le');
    expect(await t.sql(`SELECT 1 FROM candidature_evaluations WHERE candidature_id = $1`, [id])).toHaveLength(0);
    expect((await member1.http.get(`/api/candidatures/${id}/scoring-sheet`)).body).toMatchObject({
      scoringOpen: false,
    });
    await closeLetters(call.id);
    expect((await member1.http.post(`/api/candidatures/${id}/evaluations`, { scores: scores(3) })).status).toBe(201);

    // Per candidature: a letter of intention alone cannot be scored, the letter of engagement opens it.
    const perCall = await createOpenCall(lead.http);
    const k = await lead.http.post(`/api/calls/${perCall.id}/candidatures`, intentionBody());
    await declare(member1.http, k.body.id);
    const noLetter = await member1.http.post(`/api/candidatures/${k.body.id}/evaluations`, { scores: scores(3) });
    expect(noLetter.status).toBe(409);
    expect(noLetter.body.detail).toContain('lettre d’engagement');
    await lead.http.put(`/api/candidatures/${k.body.id}/engagement`, engagementBody());
    expect((await member1.http.post(`/api/candidatures/${k.body.id}/evaluations`, { scores: scores(3) })).status).toBe(
      201,
    );
  });

  it('gives each criterion a 0–5 rubric from the call text, which the lead may change per call', async () => {
    const call = await createOpenCall(lead.http);
    expect(Object.keys(call.rubric)).toHaveLength(7);
    expect(call.rubric.size).toHaveLength(6);
    expect(call.rubric.size[5].replace(/\u202f/g, ' ')).toContain('de 800 à 1 500 habitants');
    const levels = ['Rien', 'Peu', 'Un peu', 'Assez', 'Bien', 'Très bien'];
    const patched = await lead.http.patch(`/api/calls/${call.id}`, { rubric: { leadership: levels } });
    expect(patched.status).toBe(200);
    expect(patched.body.rubric.leadership).toEqual(levels);
    expect(patched.body.rubric.size).toEqual(call.rubric.size);
    const id = await engaged(call.id);
    expect((await member1.http.get(`/api/candidatures/${id}/scoring-sheet`)).body.rubric.leadership).toEqual(levels);
    const audit = await t.sql(`SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'call.update'`, [call.id]);
    expect(audit).toHaveLength(1);
  });

  it("quotes the call's own range of inhabitants in the size criterion's default levels", async () => {
    const call = await createOpenCall(lead.http, { minInhabitants: 500, maxInhabitants: 3000 });
    const span = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
    expect(span(call.rubric.size[0])).toBe('Territoire très éloigné de la fourchette de 500 à 3 000 habitants');
    expect(span(call.rubric.size[5])).toBe('Dans la fourchette de 500 à 3 000 habitants, périmètre clair');
    // Moving the range moves the levels that quote it, unless the lead has written that criterion's levels.
    const moved = await lead.http.patch(`/api/calls/${call.id}`, { maxInhabitants: 2500 });
    expect(moved.status).toBe(200);
    expect(span(moved.body.rubric.size[5])).toBe('Dans la fourchette de 500 à 2 500 habitants, périmètre clair');
    const own = ['0', '1', '2', '3', '4', 'Entre 500 et 2 500 habitants'];
    const written = await lead.http.patch(`/api/calls/${call.id}`, { rubric: { size: own }, maxInhabitants: 2800 });
    expect(written.body.rubric.size).toEqual(own);
  });

  it('ranks candidatures outside the bounds after eligible ones and shows a spread only from two scores', async () => {
    const call = await createOpenCall(lead.http);
    const big = await engaged(call.id, { communes: [{ name: 'Targon' }], inhabitants: 2200 });
    const small = await engaged(call.id, { communes: [{ name: 'Espiet' }], inhabitants: 1050 });
    await declareAndScore(member1.http, big, { scores: scores(5) });
    await declareAndScore(member1.http, small, { scores: scores(2) });
    const ranking = await lead.http.get(`/api/calls/${call.id}/ranking`);
    expect(ranking.body.items.map((i: { candidatureId: string }) => i.candidatureId)).toEqual([small, big]);
    expect(ranking.body.items[1].eligibility.inBounds).toBe(false);
    expect(ranking.body.items[0]).toMatchObject({ evaluationCount: 1, spread: null });
  });

  it('moves a call to « clos » once its decision is taken', async () => {
    const call = await createOpenCall(lead.http);
    expect(call.status).toBe('intention');
    const id = await engaged(call.id);
    const dropout = await lead.http.post(`/api/calls/${call.id}/candidatures`, intentionBody());
    await closeLetters(call.id);
    expect((await lead.http.get(`/api/calls/${call.id}`)).body.status).toBe('selection');
    const inProgress = async () =>
      ((await lead.http.get('/api/home')).body.lead.calls as { id: string }[]).some((c) => c.id === call.id);
    expect(await inProgress()).toBe(true);
    await lead.http.post(`/api/candidatures/${id}/decision`, {
      decision: 'not_selected',
      deliberationNumber: 'AG-1',
      deliberationDate: today(),
    });
    // The commune that never sent its letter of engagement does not hold the call open.
    expect(dropout.status).toBe(201);
    expect((await lead.http.get(`/api/calls/${call.id}`)).body.status).toBe('closed');
    const list = await member1.http.get('/api/calls');
    expect(list.body.items.find((c: { id: string }) => c.id === call.id).status).toBe('closed');
    // The home page no longer lists it as in progress.
    expect(await inProgress()).toBe(false);
  });

  it('refuses bad input with 400 writing nothing, other roles with 403, unknown ids with 404', async () => {
    const call = await createOpenCall(lead.http);
    const id = await engaged(call.id);
    for (const [body, field] of [
      [{ hasConflict: true, reason: 'Maire' }, 'link'],
      [{ hasConflict: true, link: 'elected' }, 'reason'],
      [{ hasConflict: true, link: 'cousin', reason: 'x' }, 'link'],
      [{ hasConflict: 'yes' }, 'hasConflict'],
      [{ hasConflict: false, extra: 1 }, 'extra'],
      [{ hasConflict: true, link: 'other', reason: 'x'.repeat(501) }, 'reason'],
    ] as [Record<string, unknown>, string][]) {
      const res = await member1.http.put(`/api/candidatures/${id}/conflict`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await t.sql(`SELECT 1 FROM candidature_conflicts WHERE candidature_id = $1`, [id])).toHaveLength(0);
    for (const body of [
      { rubric: { size: ['a', 'b', 'c'] } },
      { rubric: { size: ['', '', '', '', '', ''] } },
      { rubric: { nope: ['a', 'b', 'c', 'd', 'e', 'f'] } },
      { scoringOpens: 'whenever' },
    ]) {
      expect((await lead.http.patch(`/api/calls/${call.id}`, body)).status, JSON.stringify(body)).toBe(400);
    }
    const [stored] = await t.sql<{ rubric: unknown; scoring_opens: string }>(
      `SELECT rubric, scoring_opens FROM calls WHERE id = $1`,
      [call.id],
    );
    expect(stored).toEqual({ rubric: null, scoring_opens: 'per_candidature' });

    const coordinator = await signIn(t, 'coordinator');
    const reviewer = await signIn(t, 'reviewer');
    for (const who of [coordinator, reviewer]) {
      expect((await who.http.put(`/api/candidatures/${id}/conflict`, { hasConflict: false })).status).toBe(403);
      expect((await who.http.get(`/api/candidatures/${id}/conflicts`)).status).toBe(403);
      expect((await who.http.get(`/api/candidatures/${id}/scoring-sheet`)).status).toBe(403);
    }
    expect((await member1.http.patch(`/api/calls/${call.id}`, { scoringOpens: 'per_candidature' })).status).toBe(403);
    expect(await t.sql(`SELECT 1 FROM candidature_conflicts WHERE candidature_id = $1`, [id])).toHaveLength(0);

    for (const path of ['conflicts', 'scoring-sheet', 'evaluations']) {
      expect((await member1.http.get(`/api/candidatures/${UNKNOWN}/${path}`)).status, path).toBe(404);
    }
    expect((await member1.http.put(`/api/candidatures/${UNKNOWN}/conflict`, { hasConflict: false })).status).toBe(404);
    expect((await member1.http.get(`/api/calls/${UNKNOWN}/ranking`)).status).toBe(404);

    // Decided: declarations are closed too.
    await lead.http.post(`/api/candidatures/${id}/decision`, {
      decision: 'withdrawn',
      deliberationNumber: 'AG-2',
      deliberationDate: today(),
    });
    expect((await member1.http.put(`/api/candidatures/${id}/conflict`, { hasConflict: false })).status).toBe(409);
  });
});
