import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { addDays } from '../../src/pilots/pilot-terms';
import { createPilot } from '../factories/pilots';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

/** The offline activity log sends each queued activity with its own Idempotency-Key: a retry never logs twice. */
describe('logging an activity with an Idempotency-Key', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coord: SignedIn;
  let reviewer: SignedIn;
  let pilotId: string;
  const today = todayInFrance();
  const activity = (title: string, extra: Record<string, unknown> = {}) => ({
    date: today,
    title,
    type: 'workshop',
    participants: 12,
    ...extra,
  });
  const post = (who: SignedIn, body: unknown, key?: string, pilot = pilotId) =>
    who.http.post(
      `/api/pilots/${pilot}/activities`,
      body,
      key === undefined ? {} : { headers: { 'idempotency-key': key } },
    );
  const count = async (title: string) =>
    (await t.sql(`SELECT count(*)::int AS n FROM activities WHERE pilot_id = $1 AND title = $2`, [pilotId, title]))[0]
      .n as number;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    pilotId = (await createPilot(lead.http, { startDate: addDays(today, -200) })).id;
    const c = await insertUser(t, 'coordinator');
    const r = await insertUser(t, 'reviewer');
    await addMember(lead.http, pilotId, c.id, 'coordinator');
    await addMember(lead.http, pilotId, r.id, 'reviewer');
    coord = await signInAs(t, c.email);
    reviewer = await signInAs(t, r.email);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('still logs an activity without a key (the key is optional on this route)', async () => {
    const res = await post(coord, activity('Sans clé'));
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(await count('Sans clé')).toBe(1);
  });

  it('replays the first response to a retry with the same key and body, and logs one activity', async () => {
    const key = randomUUID();
    const first = await post(coord, activity('Atelier compost', { notes: 'Au jardin partagé' }), key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same body with its keys in another order is the same request.
    const retry = await post(
      coord,
      { notes: 'Au jardin partagé', participants: 12, type: 'workshop', title: 'Atelier compost', date: today },
      key,
    );
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await count('Atelier compost')).toBe(1);
    const audits = await t.sql(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'activity.create' AND entity_id = $1`,
      [first.body.id],
    );
    expect(audits[0].n).toBe(1);
  });

  it('refuses the same key for another body with 422 idempotency_key_mismatch and a French message', async () => {
    const key = randomUUID();
    expect((await post(coord, activity('Collecte de printemps'), key)).status).toBe(201);
    const other = await post(coord, activity('Collecte de printemps', { participants: 40 }), key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_mismatch');
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body.detail).toBe('Cette activité a déjà été envoyée avec un autre contenu.');
    expect(await count('Collecte de printemps')).toBe(1);
    // The same key under another pilot is another request too.
    const otherPilot = (await createPilot(lead.http, { name: 'Autre pilote' })).id;
    await addMember(lead.http, otherPilot, coord.user.id, 'coordinator');
    expect((await post(coord, activity('Collecte de printemps'), key, otherPilot)).body.code).toBe(
      'idempotency_key_mismatch',
    );
  });

  it('keeps keys per user: another coordinator may send the same key for their own activity', async () => {
    const key = randomUUID();
    expect((await post(coord, activity('Clé partagée'), key)).status).toBe(201);
    const byLead = await post(lead, activity('Clé partagée'), key);
    expect(byLead.status).toBe(201);
    expect(byLead.headers.get('idempotent-replayed')).toBeNull();
    expect(await count('Clé partagée')).toBe(2);
  });

  it('logs exactly one activity for concurrent requests with one key, each answered with it', async () => {
    const key = randomUUID();
    const body = activity('Repair café simultané');
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(coord, body, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
    expect(await count('Repair café simultané')).toBe(1);
  });

  it('does not spend the key on a refusal: the corrected activity goes through with it', async () => {
    const key = randomUUID();
    const before = await post(coord, activity('Trop tôt', { date: addDays(today, -2000) }), key);
    expect(before.status).toBe(422);
    expect(before.body.code).toBe('date_before_pilot_life');
    // A retry of the refused request is refused the same way (nothing was stored for it).
    expect((await post(coord, activity('Trop tôt', { date: addDays(today, -2000) }), key)).body.code).toBe(
      'date_before_pilot_life',
    );
    const fixed = await post(coord, activity('Trop tôt'), key);
    expect(fixed.status).toBe(201);
    expect(await count('Trop tôt')).toBe(1);
  });

  it('refuses a malformed key with 400 idempotency_key_required and writes nothing', async () => {
    for (const key of ['', 'a'.repeat(201), 'deux mots', 'clé-accentuée']) {
      const res = await post(coord, activity('Clé invalide'), key);
      expect(res.status, JSON.stringify(key)).toBe(400);
      expect(res.body.code).toBe('idempotency_key_required');
    }
    expect(await count('Clé invalide')).toBe(0);
    expect(await t.sql(`SELECT 1 FROM activity_idempotency_keys WHERE key = 'deux mots'`)).toHaveLength(0);
  });

  it('checks roles and scope before the key: a reviewer gets 403, a stranger 404, and no key is stored', async () => {
    const key = randomUUID();
    expect((await post(reviewer, activity('Relecteur'), key)).status).toBe(403);
    const stranger = await signInAs(t, (await insertUser(t, 'coordinator')).email);
    expect((await post(stranger, activity('Inconnu'), key)).status).toBe(404);
    expect(await t.sql(`SELECT 1 FROM activity_idempotency_keys WHERE key = $1`, [key])).toHaveLength(0);
  });
});
