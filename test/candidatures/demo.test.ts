import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCallsDemo } from '../../src/candidatures/candidatures.demo';
import { todayInFrance } from '../../src/common/codes';
import { demoCalendar } from '../../src/demo-kit/demo-calendar';
import type { DemoRefs } from '../../src/demo-kit/demo.types';
import { insertUser } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

describe('calls demo seeder', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the call of the demo calendar, four candidatures at different stages, scores and the selected pilot', async () => {
    const user = async (role: 'lead' | 'coordinator' | 'committee' | 'reviewer', name: string) => ({
      ...(await insertUser(t, role, name)),
      name,
    });
    const lead = await user('lead', 'Camille Laporte');
    const refs: DemoRefs = {
      app: t.app,
      lead: { user: { ...lead, role: 'lead', pilotIds: [] }, requestId: 'demo-seed', ip: null, via: 'none' },
      users: {
        lead,
        coordinator: await user('coordinator', 'Julien'),
        committee: [await user('committee', 'Martine'), await user('committee', 'Karim')],
        reviewer: await user('reviewer', 'Sophie'),
      },
    };
    const out = await seedCallsDemo(refs);
    expect(out).toMatchObject({ callId: expect.any(String), pilotId: expect.any(String) });
    const [call] = await t.sql(`SELECT title, intention_deadline, engagement_deadline FROM calls WHERE id = $1`, [
      out!.callId,
    ]);
    const cal = demoCalendar();
    const intentionDeadline = cal.date('2023-06-02');
    expect(call).toEqual({
      title: `Projet K — appel à coopération ${intentionDeadline.slice(0, 4)}`,
      intention_deadline: intentionDeadline,
      engagement_deadline: cal.date('2023-09-01'),
    });
    expect(intentionDeadline < cal.start && cal.start < todayInFrance()).toBe(true);
    const statuses = await t.sql<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM candidatures WHERE call_id = $1 GROUP BY status ORDER BY status`,
      [out!.callId],
    );
    expect(statuses).toEqual([
      { status: 'intention_submitted', n: 1 },
      { status: 'not_selected', n: 2 },
      { status: 'selected', n: 1 },
    ]);
    // Two scores on each of the first two, one on Targon (the second member is recused), two on the open call.
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM candidature_evaluations`);
    expect(n).toBe(7);
    const conflicts = await t.sql<{ has_conflict: boolean; link: string | null }>(
      `SELECT has_conflict, link FROM candidature_conflicts WHERE has_conflict`,
    );
    expect(conflicts).toEqual([{ has_conflict: true, link: 'elected' }]);
    // The call in the committee's hands: scored by the first member only, so the second scores blind.
    const [open] = await t.sql<{ id: string; scored: number; members: number }>(
      `SELECT c.id, count(e.id)::int AS scored, count(DISTINCT e.member_id)::int AS members
         FROM calls c JOIN candidatures k ON k.call_id = c.id LEFT JOIN candidature_evaluations e ON e.candidature_id = k.id
        WHERE c.id <> $1 GROUP BY c.id`,
      [out!.callId],
    );
    expect(open).toMatchObject({ scored: 2, members: 1 });
    const [pilot] = await t.sql<{ start_date: string; call_id: string; inhabitants: number }>(
      `SELECT start_date, call_id, inhabitants FROM pilots WHERE id = $1`,
      [out!.pilotId],
    );
    expect(pilot).toEqual({ start_date: cal.start, call_id: out!.callId, inhabitants: 1280 });
    // Letters dated before the deadlines went through the deadline checks with the server-only clock.
    const [sg] = await t.sql<{ at: Date }>(
      `SELECT engagement_submitted_at AS at FROM candidatures WHERE status = 'selected'`,
    );
    expect(new Date(sg.at).toISOString()).toBe(new Date(cal.instant('2023-08-28T14:00:00Z')).toISOString());
  });
});
