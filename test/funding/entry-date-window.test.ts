import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { addDays } from '../../src/pilots/pilot-terms';
import { signIn, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';
import { createPilot, expense, postEntry } from './funding-helpers';

/**
 * The entry-date window (`entryDateWindow` in src/funding/entitlements.ts): an entry may be dated from one year
 * before the pilot's start date to today, both ends included. Each boundary is tried on the day and the day past it.
 */
describe('ledger: the dates an entry may carry', () => {
  let t: TestApp;
  let lead: SignedIn;

  const count = async (pilotId: string) =>
    (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_entries WHERE pilot_id = $1`, [pilotId]))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** An expense without a year, so only the date decides (it is booked in the date's project year). */
  const dated = (date: string) => {
    const { year: _omitted, ...body } = expense('operating', 1, 1_000, { date });
    return body;
  };

  it('accepts a date one year before the start to the day, and refuses the day before with 400 date_out_of_range', async () => {
    const pilotId = await createPilot(lead.http, { startDate: '2023-11-15' });
    const first = await postEntry(lead.http, pilotId, dated('2022-11-15'));
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ date: '2022-11-15', year: 1 });

    const before = await count(pilotId);
    const early = await postEntry(lead.http, pilotId, dated('2022-11-14'));
    expect(early.status, early.text).toBe(400);
    expect(early.body.errors).toEqual([
      expect.objectContaining({
        field: 'date',
        code: 'date_out_of_range',
        message: expect.stringContaining('hors de la période permise'),
      }),
    ]);
    expect(await count(pilotId)).toBe(before);
  });

  it('accepts today and refuses tomorrow, writing nothing', async () => {
    const today = todayInFrance();
    const pilotId = await createPilot(lead.http, { startDate: addDays(today, -100) });
    const now = await postEntry(lead.http, pilotId, dated(today));
    expect(now.status, now.text).toBe(201);
    expect(now.body.date).toBe(today);

    const before = await count(pilotId);
    const tomorrow = await postEntry(lead.http, pilotId, dated(addDays(today, 1)));
    expect(tomorrow.status, tomorrow.text).toBe(400);
    expect(tomorrow.body.errors).toEqual([expect.objectContaining({ field: 'date', code: 'date_out_of_range' })]);
    expect(await count(pilotId)).toBe(before);
  });

  it('follows the start date: moved a year later, the earliest date moves with it', async () => {
    const pilotId = await createPilot(lead.http, { startDate: '2023-11-15' });
    const moved = await lead.http.patch(`/api/pilots/${pilotId}`, { startDate: '2024-11-15' });
    expect(moved.status, moved.text).toBe(200);
    expect((await postEntry(lead.http, pilotId, dated('2023-11-14'))).status).toBe(400);
    const first = await postEntry(lead.http, pilotId, dated('2023-11-15'));
    expect(first.status, first.text).toBe(201);
  });
});
