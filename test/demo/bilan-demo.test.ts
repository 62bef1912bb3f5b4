import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { DEMO_USERS, seedDemo } from '../../src/demo/demo.seed';
import { demoBilanStart, demoCalendar } from '../../src/demo-kit/demo-calendar';
import { signInAs } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

describe('the demo seeded today', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has its first pilot in year 2 and a second one in « bilan », with a life in proportion', async () => {
    const demoLead = DEMO_USERS.find((u) => u.key === 'lead')!;
    const lead = await signInAs(t, demoLead.email, demoLead.password);
    const { items } = (await lead.http.get('/api/pilots')).body;
    expect(items).toHaveLength(2);
    const bilan = items.find((p: any) => p.name.startsWith('Tizac'));
    const first = items.find((p: any) => p !== bilan);
    expect(first).toMatchObject({ startDate: demoCalendar().start, currentProjectYear: 2, stage: 'running' });
    expect(bilan).toMatchObject({ startDate: demoBilanStart(), status: 'running', stage: 'bilan' });

    const pilot = (await lead.http.get(`/api/pilots/${bilan.id}`)).body;
    expect(pilot.programmeEnd < todayInFrance()).toBe(true);
    expect(pilot.closure).toBeNull();
    const overview = (await lead.http.get(`/api/pilots/${bilan.id}/overview`)).body;
    // Two activities a quarter over the three years.
    expect(overview.total.figures.activities).toBe(24);
    const perYear = overview.years.map((y: any) => y.figures.activities);
    expect(perYear.slice(0, 3)).toEqual([8, 8, 8]);
    const funding = (await lead.http.get(`/api/pilots/${bilan.id}/funding`)).body;
    expect(funding.schedule.map((i: any) => i.status)).toEqual(['paid', 'paid', 'paid', 'paid']);
    const home = (await lead.http.get('/api/home')).body;
    const onHome = home.lead.pilots.find((p: any) => p.id === bilan.id);
    expect(onHome).toMatchObject({ stage: 'bilan', lateMilestones: [] });
    expect(onHome.instalmentsDue).toEqual([]);
    // The ratio of its last year: the commune and the shop's sales carry a large share of the running costs.
    expect(onHome.autonomy[2].ratio).toBeGreaterThan(0.3);
    const waste = await t.sql(`SELECT count(*)::int AS n FROM waste_years WHERE pilot_id = $1`, [bilan.id]);
    expect(waste[0].n).toBeGreaterThanOrEqual(3);
  });
});
