import type { FundingSummary, LedgerEntry } from '../funding/funding.service';
import type { FundingSection } from './report.types';

/** A sum that must stay an exact integer (cents, counts): refuses to go past what a double holds exactly. */
export function sumBy<T>(items: T[], f: (t: T) => number): number {
  let s = 0;
  for (const i of items) s += f(i);
  if (!Number.isSafeInteger(Math.round(s))) throw new RangeError('Sum out of range');
  return s;
}

type Group = { source: string; sourceKind: string | null; amountCents: number };

function bySource(entries: LedgerEntry[]): Group[] {
  const groups = new Map<string, Group>();
  for (const e of entries) {
    const source = e.source ?? 'Non précisée';
    const key = `${source}\u0000${e.sourceKind ?? ''}`;
    const g = groups.get(key) ?? { source, sourceKind: e.sourceKind ?? null, amountCents: 0 };
    g.amountCents += e.amountCents;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.amountCents - a.amountCents || a.source.localeCompare(b.source, 'fr'));
}

/** The funding section of a project year: the statement as it stands (reversed entries and reversals left out). */
export function fundingSectionOf(summary: FundingSummary, entries: LedgerEntry[], year: number): FundingSection {
  // A reversal and the entry it cancels both drop out: the statement shows what stands.
  const active = entries.filter((e) => e.type !== 'reversal' && !e.reversedByEntryId);
  const disb = active
    .filter((e) => e.type === 'disbursement')
    .sort((a, b) => a.date.localeCompare(b.date) || a.seq - b.seq);
  const expenses = active.filter((e) => e.type === 'expense');
  const categories = [...new Set(expenses.map((e) => e.category ?? 'other'))].sort();
  const cofinancingBySource = bySource(active.filter((x) => x.type === 'cofinancing'));
  const inKindBySource = bySource(active.filter((x) => x.type === 'in_kind'));
  const yearResources = summary.years.find((y) => y.year === year);
  const balance = (fund: 'investment' | 'operating') => {
    const b = summary.balances[fund];
    return {
      entitledCents: b.entitledCents,
      disbursedCents: b.disbursedCents,
      spentCents: b.spentCents,
      availableCents: b.availableCents,
    };
  };
  const ofFund = (fund: 'investment' | 'operating') =>
    sumBy(
      disb.filter((e) => e.fund === fund),
      (e) => e.amountCents,
    );
  return {
    inhabitants: summary.inhabitants,
    entitlements: summary.entitlements.map((e) => ({ fund: e.fund, year: e.year, amountCents: e.amountCents })),
    yearEntitledCents: sumBy(
      summary.entitlements.filter((e) => e.year === year),
      (e) => e.amountCents,
    ),
    disbursements: disb.map((e) => ({
      fund: e.fund,
      date: e.date,
      reference: e.reference,
      amountCents: e.amountCents,
    })),
    disbursedByFund: { investment: ofFund('investment'), operating: ofFund('operating') },
    disbursedCents: sumBy(disb, (e) => e.amountCents),
    expensesByCategory: categories.map((category) => {
      const of = expenses.filter((e) => (e.category ?? 'other') === category);
      const investmentCents = sumBy(
        of.filter((e) => e.fund === 'investment'),
        (e) => e.amountCents,
      );
      const totalCents = sumBy(of, (e) => e.amountCents);
      return { category, investmentCents, operatingCents: totalCents - investmentCents, totalCents };
    }),
    expensesCents: sumBy(expenses, (e) => e.amountCents),
    cofinancingBySource,
    cofinancingCents: sumBy(cofinancingBySource, (g) => g.amountCents),
    inKindBySource,
    inKindCents: sumBy(inKindBySource, (g) => g.amountCents),
    balances: { investment: balance('investment'), operating: balance('operating') },
    autonomyRatio: yearResources?.autonomyRatio ?? null,
    operatingResourcesCents: yearResources?.operatingResourcesCents ?? null,
    smicvalOperatingCents: yearResources?.smicvalOperatingCents ?? null,
    entryCount: entries.length,
  };
}
