import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { activeEntries, CoreEntry, EXPENSE_CATEGORIES, ExpenseCategory, Fund } from './entitlements';

export type CategorySpending = {
  category: ExpenseCategory;
  investmentCents: number;
  operatingCents: number;
  totalCents: number;
};

type ExpenseEntry = CoreEntry & { category: ExpenseCategory | null };

/**
 * What the expenses that stand (reversed ones and reversals left out, as in the funding summary) add up to per
 * category, each category listed in the catalogue's order, zero included. Pure; FundingSpending loads the entries.
 */
export function spendingByCategory(entries: ExpenseEntry[]): CategorySpending[] {
  const standing = activeEntries(entries).filter((e) => e.type === 'expense');
  const of = (category: ExpenseCategory, fund?: Fund) =>
    standing
      .filter((e) => (e.category ?? 'other') === category && (!fund || e.fund === fund))
      .reduce((s, e) => s + e.amountCents, 0);
  return EXPENSE_CATEGORIES.map((category) => {
    const investmentCents = of(category, 'investment');
    const totalCents = of(category);
    if (!Number.isSafeInteger(totalCents)) throw new RangeError('Sum out of the safe integer range');
    return { category, investmentCents, operatingCents: totalCents - investmentCents, totalCents };
  });
}

/** Spending per expense category over the pilot's whole ledger (the public page, the open data). */
@Injectable()
export class FundingSpending {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async byCategory(pilotId: string, m: EntityManager = this.db.manager): Promise<CategorySpending[]> {
    const entries: ExpenseEntry[] = await m.query(
      `SELECT id, type, fund, year, amount_cents AS "amountCents", category, reverses_entry_id AS "reversesEntryId"
         FROM ledger_entries WHERE pilot_id = $1 AND type IN ('expense', 'reversal') ORDER BY seq`,
      [pilotId],
    );
    return spendingByCategory(entries);
  }
}
