import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { ERROR_MESSAGES_FR } from '../../src/common/errors/messages.fr';
import { addDays, addYears } from '../../src/pilots/pilot-terms';
import { createPilot } from '../factories/pilots';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

const PROBLEM = 'application/problem+json';

describe('the end of the three years', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinator: SignedIn;
  let over: Record<string, any>;
  let running: Record<string, any>;
  const today = todayInFrance();

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    // Three years and ten days ago: the last operating year ended nine days ago.
    over = await createPilot(lead.http, { name: 'Bilan — Cursan', startDate: addDays(addYears(today, -3), -10) });
    running = await createPilot(lead.http, { name: 'En cours — Sadirac' });
    const c = await insertUser(t, 'coordinator');
    await addMember(lead.http, over.id, c.id, 'coordinator');
    coordinator = await signInAs(t, c.email);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a pilot past its last operating year in « bilan », a running one in its year', async () => {
    expect(over).toMatchObject({ status: 'running', stage: 'bilan', closure: null, currentProjectYear: 4 });
    expect(over.programmeEnd).toBe(over.projectYears[2].to);
    expect(running).toMatchObject({ stage: 'running', currentProjectYear: 2 });
    const list = await lead.http.get('/api/pilots');
    expect(list.body.items.find((p: any) => p.id === over.id).stage).toBe('bilan');
    const home = await lead.http.get('/api/home');
    expect(home.body.lead.pilots.find((p: any) => p.id === over.id).stage).toBe('bilan');
  });

  it('refuses the decision to others, bad input, and before the end of the last year, writing nothing', async () => {
    const before = await t.sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'pilot.close'`);
    const asCoordinator = await coordinator.http.post(`/api/pilots/${over.id}/closure`, {
      outcome: 'autonomous',
      reason: 'La dynamique continue',
    });
    expect(asCoordinator.status).toBe(403);
    for (const body of [
      { outcome: 'maybe', reason: 'Pourquoi pas' },
      { outcome: 'ended', reason: '' },
      { outcome: 'ended', reason: 'Fin', decidedOn: '2025-02-30' },
      { outcome: 'ended', reason: 'Fin', decidedOn: addDays(today, 1) },
      { outcome: 'ended', reason: 'Fin', extra: true },
    ]) {
      const res = await lead.http.post(`/api/pilots/${over.id}/closure`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
    }
    const early = await lead.http.post(`/api/pilots/${running.id}/closure`, { outcome: 'ended', reason: 'Trop tôt' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'programme_not_over', detail: ERROR_MESSAGES_FR.programme_not_over });
    // Dated within the last operating year: still too early.
    const backdated = await lead.http.post(`/api/pilots/${over.id}/closure`, {
      outcome: 'ended',
      reason: 'Antidaté',
      decidedOn: over.programmeEnd,
    });
    expect(backdated.status).toBe(409);
    const unknown = await lead.http.post(`/api/pilots/00000000-0000-4000-8000-000000000000/closure`, {
      outcome: 'ended',
      reason: 'Inconnu',
    });
    expect(unknown.status).toBe(404);
    const after = await t.sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'pilot.close'`);
    expect(after[0].n).toBe(before[0].n);
    const still = await lead.http.get(`/api/pilots/${over.id}`);
    expect(still.body).toMatchObject({ status: 'running', stage: 'bilan', closure: null });
  });

  it('records the lead’s decision « autonome » once, with its date, reason and audit row', async () => {
    const decidedOn = addDays(over.programmeEnd, 2);
    const res = await lead.http.post(`/api/pilots/${over.id}/closure`, {
      outcome: 'autonomous',
      reason: '  L’association porte le tiers-lieu sans les fonds du Smicval.  ',
      decidedOn,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'autonomous',
      stage: 'autonomous',
      closure: {
        outcome: 'autonomous',
        decidedOn,
        reason: 'L’association porte le tiers-lieu sans les fonds du Smicval.',
        decidedBy: { id: lead.user.id, name: lead.user.name },
      },
    });
    const seen = await coordinator.http.get(`/api/pilots/${over.id}`);
    expect(seen.body.closure.outcome).toBe('autonomous');
    const audit = await t.sql(
      `SELECT user_id, before, after FROM audit_log WHERE action = 'pilot.close' AND pilot_id = $1`,
      [over.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      user_id: lead.user.id,
      before: { status: 'running' },
      after: { status: 'autonomous', decidedOn },
    });
    const again = await lead.http.post(`/api/pilots/${over.id}/closure`, { outcome: 'ended', reason: 'Changement' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'pilot_already_closed', detail: ERROR_MESSAGES_FR.pilot_already_closed });
  });

  it('records « terminé » on the day by default', async () => {
    const p = await createPilot(lead.http, { name: 'Terminé — Lorient', startDate: addYears(today, -4) });
    const res = await lead.http.post(`/api/pilots/${p.id}/closure`, {
      outcome: 'ended',
      reason: 'Le collectif s’est dissous.',
    });
    expect(res.status).toBe(200);
    expect(res.body.closure).toMatchObject({ outcome: 'ended', decidedOn: today });
    expect(res.body.stage).toBe('ended');
  });

  it('lets the coordinator write their part of the narrative as a draft the lead reads and edits', async () => {
    const empty = await coordinator.http.get(`/api/pilots/${over.id}/narrative-drafts/3`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ year: 3, highlights: '', difficulties: '', updatedBy: null });
    const saved = await coordinator.http.put(`/api/pilots/${over.id}/narrative-drafts/3`, {
      highlights: 'Ouverture de la recyclerie',
      difficulties: 'Bénévoles moins nombreux l’été',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      highlights: 'Ouverture de la recyclerie',
      updatedBy: { id: coordinator.user.id },
    });
    const read = await lead.http.get(`/api/pilots/${over.id}/narrative-drafts/3`);
    expect(read.body.difficulties).toBe('Bénévoles moins nombreux l’été');
    const edited = await lead.http.put(`/api/pilots/${over.id}/narrative-drafts/3`, {
      highlights: 'Ouverture de la recyclerie en mars',
      difficulties: 'Bénévoles moins nombreux l’été',
    });
    expect(edited.body).toMatchObject({
      highlights: 'Ouverture de la recyclerie en mars',
      updatedBy: { id: lead.user.id },
    });
    const audit = await t.sql(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.narrative_draft' AND pilot_id = $1`,
      [over.id],
    );
    expect(audit[0].n).toBe(2);
  });

  it('refuses drafts to reviewers, other pilots, bad years and bad input', async () => {
    const reviewer = await signIn(t, 'reviewer');
    expect((await reviewer.http.get(`/api/pilots/${over.id}/narrative-drafts/1`)).status).toBe(403);
    expect((await coordinator.http.get(`/api/pilots/${running.id}/narrative-drafts/1`)).status).toBe(404);
    expect(
      (
        await coordinator.http.put(`/api/pilots/${running.id}/narrative-drafts/1`, {
          highlights: 'x',
          difficulties: '',
        })
      ).status,
    ).toBe(404);
    for (const year of ['0', 'abc', '11'])
      expect((await coordinator.http.get(`/api/pilots/${over.id}/narrative-drafts/${year}`)).status).toBe(400);
    const beyond = await coordinator.http.get(`/api/pilots/${over.id}/narrative-drafts/4`);
    expect(beyond.status).toBe(422);
    for (const body of [
      { highlights: 'x' },
      { highlights: 'x', difficulties: 3 },
      { highlights: 'x'.repeat(20001), difficulties: '' },
    ]) {
      const res = await coordinator.http.put(`/api/pilots/${over.id}/narrative-drafts/1`, body);
      expect(res.status).toBe(400);
    }
    const rows = await t.sql(`SELECT year FROM narrative_drafts WHERE pilot_id = $1`, [over.id]);
    expect(rows.map((r: any) => r.year)).toEqual([3]);
  });
});
