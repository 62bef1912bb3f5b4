import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFundingDemo } from '../../src/funding/funding.demo';
import { demoCalendar } from '../../src/demo-kit/demo-calendar';
import { insertUser, signIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';
import { createPilot } from './funding-helpers';

describe('funding demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pays year-1 investment and operating and year-2 operating, with expenses of every category, co-financing and in-kind', async () => {
    const lead = await signIn(t, 'lead');
    const coordinator = await insertUser(t, 'coordinator');
    const pilotId = await createPilot(lead.http, { inhabitants: 1200, startDate: demoCalendar().start });
    const user = { id: lead.user.id, email: lead.user.email, name: lead.user.name };
    await seedFundingDemo({
      app: t.app,
      lead: { user: { ...lead.user, role: 'lead' }, requestId: 'demo', ip: null, via: 'none' },
      users: { lead: user, coordinator: { ...coordinator, name: 'Coordination' }, committee: [], reviewer: user },
      pilotId,
    });
    const f = (await lead.http.get(`/api/pilots/${pilotId}/funding`)).body;
    const status = Object.fromEntries(
      f.schedule.map((s: { fund: string; year: number; status: string }) => [`${s.fund}${s.year}`, s.status]),
    );
    expect(status).toMatchObject({ investment1: 'paid', operating1: 'paid', operating2: 'paid' });
    expect(status.operating3).not.toBe('paid');
    expect(f.years[0].autonomyRatio).toBeGreaterThan(0);
    expect(f.years[1].autonomyRatio).toBeGreaterThan(f.years[0].autonomyRatio);
    const ledger = (await lead.http.get(`/api/pilots/${pilotId}/ledger?limit=100`)).body.items as {
      type: string;
      category: string | null;
      sourceKind: string | null;
      receipt: unknown;
    }[];
    expect(new Set(ledger.filter((e) => e.type === 'expense').map((e) => e.category))).toEqual(
      new Set(['works', 'equipment', 'staff', 'services', 'communication', 'other']),
    );
    expect(ledger.filter((e) => e.type === 'cofinancing').map((e) => e.sourceKind)).toEqual(
      expect.arrayContaining(['commune', 'grant']),
    );
    expect(ledger.some((e) => e.type === 'in_kind')).toBe(true);
    expect(ledger.some((e) => e.type === 'reversal')).toBe(true);
    expect(ledger.some((e) => e.receipt !== null)).toBe(true);
  });
});
