import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPilot, logActivity } from '../factories/pilots';
import { insertUser, signIn, signInAs } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

describe('invariants under races', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  /** Two signed-in leads, the only active ones on the platform. */
  async function twoLeads() {
    const a = await insertUser(t, 'lead');
    const b = await insertUser(t, 'lead');
    await t.sql(`UPDATE users SET active = false WHERE role = 'lead' AND id NOT IN ($1, $2)`, [a.id, b.id]);
    return {
      a: { ...a, http: (await signInAs(t, a.email)).http },
      b: { ...b, http: (await signInAs(t, b.email)).http },
    };
  }

  const activeLeads = async () =>
    (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'lead' AND active`))[0].n;

  it('keeps one active lead when two leads demote each other at the same moment (repeated)', async () => {
    for (let round = 0; round < 5; round++) {
      const { a, b } = await twoLeads();
      const [ab, ba] = await Promise.all([
        a.http.patch(`/api/users/${b.id}`, { role: 'committee' }),
        b.http.patch(`/api/users/${a.id}`, { role: 'committee' }),
      ]);
      // The second request may find its author already demoted (403) or be refused as the last lead (409).
      expect([ab.status, ba.status].filter((s) => s === 200)).toHaveLength(1);
      const refused = [ab, ba].find((r) => r.status !== 200)!;
      expect([403, 409]).toContain(refused.status);
      if (refused.status === 409) expect(refused.body.code).toBe('last_lead');
      expect(await activeLeads()).toBe(1);
    }
  });

  it('keeps one active lead when two leads disable each other at the same moment (repeated)', async () => {
    for (let round = 0; round < 5; round++) {
      const { a, b } = await twoLeads();
      const [ab, ba] = await Promise.all([
        a.http.patch(`/api/users/${b.id}`, { active: false }),
        b.http.patch(`/api/users/${a.id}`, { active: false }),
      ]);
      // The second request may find its author already disabled (401) or be refused as the last lead (409).
      expect([ab.status, ba.status].filter((s) => s === 200)).toHaveLength(1);
      expect([ab.status, ba.status].every((s) => s === 200 || s === 409 || s === 401)).toBe(true);
      expect(await activeLeads()).toBe(1);
    }
  });

  it('deletes an activity once under ten parallel deletes: one 204, nine 404, one audit row', async () => {
    const lead = await signIn(t, 'lead');
    const pilot = await createPilot(lead.http);
    const activity = await logActivity(lead.http, pilot.id);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => lead.http.delete(`/api/pilots/${pilot.id}/activities/${activity.id}`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([204, ...Array(9).fill(404)]);
    expect(results.find((r) => r.status === 404)!.body.code).toBe('activity_not_found');
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'activity.delete' AND entity_id = $1`,
      [activity.id],
    );
    expect(n).toBe(1);
    expect((await lead.http.delete(`/api/pilots/${pilot.id}/activities/${activity.id}`)).status).toBe(404);
  });
});
