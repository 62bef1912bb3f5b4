import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAutonomyDemo } from '../../src/autonomy/autonomy.demo';
import { todayInFrance } from '../../src/common/codes';
import { demoCalendar } from '../../src/demo-kit/demo-calendar';
import { createPilot } from '../factories/pilots';
import { signIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

describe('autonomy demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the demo pilot its waste baseline and years, and a roadmap with exactly one late milestone', async () => {
    const lead = await signIn(t, 'lead');
    const cal = demoCalendar();
    const pilotId = (await createPilot(lead.http, { startDate: cal.start, inhabitants: 1200 })).id;
    const u = { id: lead.user.id, email: lead.user.email, name: lead.user.name };
    await seedAutonomyDemo({
      app: t.app,
      lead: { user: { ...lead.user, role: 'lead' }, requestId: 'demo-test', ip: null, via: 'none' },
      users: { lead: u, coordinator: u, committee: [u], reviewer: u },
      pilotId,
    });
    const waste = (await lead.http.get(`/api/pilots/${pilotId}/waste`)).body;
    // The baseline is the year before the start; every calendar year already over has its tonnage.
    const thisYear = Number(todayInFrance().slice(0, 4));
    expect(waste.baselineYear).toBe(Number(cal.start.slice(0, 4)) - 1);
    expect(waste.years.map((y: { year: number }) => y.year)).toEqual(
      [2022, 2023, 2024].map(cal.year).filter((y) => y < thisYear),
    );
    expect(waste.years.length).toBeGreaterThanOrEqual(2);
    expect(waste.years[0].kgPerInhabitant.residual).toBe(232);
    expect(waste.years.at(-1).residualChangeVsBaseline).toBeLessThan(0);
    const { milestones } = (await lead.http.get(`/api/pilots/${pilotId}/autonomy`)).body;
    expect(milestones).toHaveLength(6);
    expect(milestones.filter((m: { late: boolean }) => m.late)).toHaveLength(1);
    expect(milestones.filter((m: { status: string }) => m.status === 'done').length).toBeGreaterThan(0);
  });
});
