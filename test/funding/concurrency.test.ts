import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';
import { createPilot, disbursement, expense, postEntry } from './funding-helpers';

describe('funding ledger under concurrency', () => {
  let t: TestApp;
  let lead: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('never commits more than the entitlement when 200 disbursements totalling twice it arrive at once', async () => {
    const pilotId = await createPilot(lead.http, { inhabitants: 1500 });
    const entitlement = 30_000_00; // operating, year 1
    // 200 requests of uneven amounts whose sum is exactly twice the entitlement.
    const amounts = Array.from({ length: 200 }, (_, i) => 20_000 + (i % 2 === 0 ? 7_000 : -7_000) + 10_000);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(2 * entitlement);
    const results = await Promise.all(
      amounts.map((a) => postEntry(lead.http, pilotId, disbursement('operating', 1, a))),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'over_entitlement')).toBe(true);
    const [{ sum, n }] = await t.sql<{ sum: number; n: number }>(
      `SELECT COALESCE(SUM(amount_cents), 0)::bigint AS sum, count(*)::int AS n FROM ledger_entries WHERE pilot_id = $1 AND type = 'disbursement'`,
      [pilotId],
    );
    expect(Number(sum)).toBeLessThanOrEqual(entitlement);
    expect(n).toBe(statuses.filter((s) => s === 201).length);
    expect(Number(sum)).toBe(results.filter((r) => r.status === 201).reduce((s, r) => s + r.body.amountCents, 0));
    // Refusals were real: what is left is smaller than the largest request (else every request would have fitted).
    expect(entitlement - Number(sum)).toBeLessThan(Math.max(...amounts));
    const funding = await lead.http.get(`/api/pilots/${pilotId}/funding`);
    expect(
      funding.body.schedule.find((s: { fund: string; year: number }) => s.fund === 'operating' && s.year === 1)
        .paidCents,
    ).toBe(Number(sum));
  }, 180_000);

  it('writes one entry per key when 50 keys are each retried 10 times concurrently', async () => {
    const pilotId = await createPilot(lead.http, { inhabitants: 1500 });
    const keys = Array.from({ length: 50 }, () => randomUUID());
    const bodies = new Map(
      keys.map((k, i) => [
        k,
        i % 2 === 0 ? disbursement('operating', 2, 100 + i) : expense('operating', 2, 100 + i, { date: '2025-01-10' }),
      ]),
    );
    const attempts = keys.flatMap((k) => Array.from({ length: 10 }, () => k));
    // Shuffle so retries of one key interleave with the others.
    for (let i = attempts.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [attempts[i], attempts[j]] = [attempts[j], attempts[i]];
    }
    const results = await Promise.all(
      attempts.map((k) => postEntry(lead.http, pilotId, bodies.get(k)!, k).then((r) => ({ k, r }))),
    );
    expect(results.filter(({ r }) => r.status !== 201).map(({ r }) => `${r.status} ${r.text}`)).toEqual([]);
    const rows = await t.sql<{ id: string; amount_cents: number }>(
      `SELECT id, amount_cents FROM ledger_entries WHERE pilot_id = $1`,
      [pilotId],
    );
    expect(rows).toHaveLength(50);
    // Every retry of a key got the same entry back.
    for (const k of keys) {
      const ids = new Set(results.filter((x) => x.k === k).map((x) => x.r.body.id));
      expect(ids.size).toBe(1);
    }
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM ledger_idempotency_keys WHERE user_id = $1 AND entry_id IS NOT NULL`,
      [lead.user.id],
    );
    expect(n).toBeGreaterThanOrEqual(50);
  }, 180_000);
});
