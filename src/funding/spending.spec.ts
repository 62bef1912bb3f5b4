import { describe, expect, it } from 'vitest';
import { spendingByCategory } from './spending.service';

const e = (id: string, type: string, amountCents: number, extra: Record<string, unknown> = {}) =>
  ({ id, type, fund: 'investment', year: 1, amountCents, category: null, reversesEntryId: null, ...extra }) as never;

describe('spendingByCategory', () => {
  it('adds up the standing expenses per category and fund, every category listed', () => {
    const rows = spendingByCategory([
      e('a', 'expense', 10_000, { category: 'works' }),
      e('b', 'expense', 2_550, { category: 'works', fund: 'operating' }),
      e('c', 'expense', 999, { category: 'staff', fund: 'operating' }),
      e('d', 'expense', 5_000, { category: 'equipment' }),
      e('r', 'reversal', 5_000, { reversesEntryId: 'd' }),
    ]);
    expect(rows.map((r) => r.category)).toEqual(['works', 'equipment', 'staff', 'services', 'communication', 'other']);
    expect(rows[0]).toEqual({ category: 'works', investmentCents: 10_000, operatingCents: 2_550, totalCents: 12_550 });
    expect(rows[1].totalCents).toBe(0);
    expect(rows[2]).toMatchObject({ investmentCents: 0, operatingCents: 999, totalCents: 999 });
  });
});
