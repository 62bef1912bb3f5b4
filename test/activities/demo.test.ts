import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPilotLifeDemo } from '../../src/activities/activities.demo';
import { SYSTEM_CONTEXT } from '../../src/auth/auth.types';
import { demoCalendar } from '../../src/demo-kit/demo-calendar';
import { UsersService } from '../../src/users/users.service';
import { signInAs } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

describe('the pilot-life demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the pilot (when no candidature made it) in its second year, with forty activities, reachable by the demo coordinator', async () => {
    const users = t.app.get(UsersService);
    const mk = (role: 'lead' | 'coordinator' | 'reviewer', name: string) =>
      users.create(SYSTEM_CONTEXT, {
        email: `${role}@demo.example.org`,
        name,
        role,
        password: 'Demo-Mot-De-Passe-Solide-2023',
      });
    const [lead, coordinator, reviewer] = [
      await mk('lead', 'Camille'),
      await mk('coordinator', 'Julien'),
      await mk('reviewer', 'Sophie'),
    ];
    const ref = (u: { id: string; email: string; name: string }) => ({ id: u.id, email: u.email, name: u.name });
    const out = await seedPilotLifeDemo({
      app: t.app,
      lead: { user: { ...lead, role: 'lead' }, requestId: 'demo', ip: null, via: 'none' },
      users: { lead: ref(lead), coordinator: ref(coordinator), committee: [], reviewer: ref(reviewer) },
    });
    const pilotId = out && out.pilotId;
    expect(pilotId).toBeTruthy();

    const coord = await signInAs(t, coordinator.email, 'Demo-Mot-De-Passe-Solide-2023');
    const pilot = (await coord.http.get(`/api/pilots/${pilotId}`)).body;
    const cal = demoCalendar();
    expect(pilot).toMatchObject({
      startDate: cal.start,
      status: 'running',
      inhabitantsInForce: 1200,
      waveYear: Number(cal.date('2023-06-02').slice(0, 4)),
    });
    const network = (await coord.http.get(`/api/pilots/${pilotId}/network`)).body;
    expect(network.nodes).toHaveLength(8);
    expect(new Set(network.nodes.map((n: any) => n.type))).toEqual(
      new Set(['public', 'private', 'associative', 'citizen']),
    );
    expect(network.links).toHaveLength(5);
    expect(network.nodes.reduce((s: number, n: any) => s + n.contributions, 0)).toBe(15);
    const overview = (await coord.http.get(`/api/pilots/${pilotId}/overview`)).body;
    expect(overview.currentProjectYear).toBe(2);
    expect(overview.total.figures.activities).toBe(40);
    expect(overview.years[0].figures.activities).toBeGreaterThan(20);
    expect(overview.years[1].figures.activities).toBeGreaterThan(5);
    const reviewerSession = await signInAs(t, reviewer.email, 'Demo-Mot-De-Passe-Solide-2023');
    expect((await reviewerSession.http.get(`/api/pilots/${pilotId}/activities?limit=5`)).body.items).toHaveLength(5);
  });
});
