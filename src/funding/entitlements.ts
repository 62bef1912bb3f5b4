import { addDays, addYears, inhabitantsAt, PilotTerms, projectYearOf, projectYearRange } from '../pilots/pilot-terms';

/**
 * The funding ledger's arithmetic, pure: what a pilot is entitled to, what its entries add up to, and
 * whether a new entry or a reversal is allowed. The funding services load terms and entries from PostgreSQL
 * (under the pilot’s lock for a write) and ask these functions; the unit and model tests drive them directly.
 */

export const FUNDS = ['investment', 'operating'] as const;
export type Fund = (typeof FUNDS)[number];

export const ENTRY_TYPES = ['disbursement', 'expense', 'cofinancing', 'in_kind', 'reversal'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];
/** Types a client may create directly (a reversal has its own route). */
export const CREATABLE_TYPES = ['disbursement', 'expense', 'cofinancing', 'in_kind'] as const;
export type CreatableType = (typeof CREATABLE_TYPES)[number];

export const EXPENSE_CATEGORIES = ['works', 'equipment', 'staff', 'services', 'communication', 'other'] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

export const SOURCE_KINDS = ['commune', 'actor', 'grant', 'own_revenue', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Days after its due date before an unpaid instalment counts as overdue (the payment window). */
export const PAYMENT_GRACE_DAYS = 30;

export type TermsForFunding = Pick<
  PilotTerms,
  | 'startDate'
  | 'initialInhabitants'
  | 'amendments'
  | 'investmentPerInhabitantCents'
  | 'operatingPerInhabitantPerYearCents'
  | 'operatingYears'
>;

/** What the maths needs of an entry (the stored row has more: references, supplier, …). */
export type CoreEntry = {
  id: string;
  type: EntryType;
  fund: Fund | null;
  year: number;
  amountCents: number;
  sourceKind?: SourceKind | null;
  reversesEntryId: string | null;
};

export type BaseEntitlement = {
  fund: Fund;
  year: number;
  dueDate: string | null;
  inhabitants: number;
  formulaCents: number;
};

export type Entitlement = BaseEntitlement & {
  /** What may be disbursed: the formula, but never below what was already paid (payments never change). */
  amountCents: number;
};

/** Due date of a fund-year: investment at the start date, operating at the start of each project year. */
export function dueDateOf(startDate: string, year: number): string {
  return projectYearRange(startDate, year).from;
}

/** Fund-years that exist for these terms: investment year 1; operating years 1..operatingYears. */
export function isFundYear(terms: Pick<TermsForFunding, 'operatingYears'>, fund: Fund, year: number): boolean {
  if (!Number.isInteger(year) || year < 1) return false;
  return fund === 'investment' ? year === 1 : year <= terms.operatingYears;
}

/**
 * Entitlement per fund and project year from the rates and the inhabitants in force on its due date.
 * Without a start date there is no due date yet: the figure in force on `today` is used, for display.
 */
export function baseEntitlements(terms: TermsForFunding, today: string): BaseEntitlement[] {
  const lines: BaseEntitlement[] = [];
  const at = (year: number) => (terms.startDate ? dueDateOf(terms.startDate, year) : null);
  const inv = inhabitantsAt(terms, at(1) ?? today);
  lines.push({
    fund: 'investment',
    year: 1,
    dueDate: at(1),
    inhabitants: inv,
    formulaCents: multiply(terms.investmentPerInhabitantCents, inv),
  });
  for (let year = 1; year <= terms.operatingYears; year++) {
    const n = inhabitantsAt(terms, at(year) ?? today);
    lines.push({
      fund: 'operating',
      year,
      dueDate: at(year),
      inhabitants: n,
      formulaCents: multiply(terms.operatingPerInhabitantPerYearCents, n),
    });
  }
  return lines;
}

function multiply(rateCents: number, count: number): number {
  const v = rateCents * count;
  if (!Number.isSafeInteger(v)) throw new RangeError('Entitlement out of the safe integer range');
  return v;
}

/** Ids of entries cancelled by a reversal. */
export function reversedIds(entries: CoreEntry[]): Set<string> {
  return new Set(
    entries.filter((e) => e.type === 'reversal' && e.reversesEntryId).map((e) => e.reversesEntryId as string),
  );
}

/** Entries that count: not reversals, not reversed. A reversal and its target cancel out exactly. */
export function activeEntries<T extends CoreEntry>(entries: T[]): T[] {
  const reversed = reversedIds(entries);
  return entries.filter((e) => e.type !== 'reversal' && !reversed.has(e.id));
}

/**
 * The same rule as `activeEntries`, as a SQL condition on the ledger row aliased `alias`, for the set-based read
 * models (the home sums every pilot's ledger in one statement).
 */
export function activeEntrySql(alias: string): string {
  return `${alias}.type <> 'reversal' AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_entry_id = ${alias}.id)`;
}

function sum(entries: CoreEntry[], pred: (e: CoreEntry) => boolean): number {
  let total = 0;
  for (const e of entries) if (pred(e)) total += e.amountCents;
  if (!Number.isSafeInteger(total)) throw new RangeError('Sum out of the safe integer range');
  return total;
}

export function disbursedFor(entries: CoreEntry[], fund: Fund, year: number): number {
  return sum(activeEntries(entries), (e) => e.type === 'disbursement' && e.fund === fund && e.year === year);
}

export function entitlements(terms: TermsForFunding, entries: CoreEntry[], today: string): Entitlement[] {
  const active = activeEntries(entries);
  return baseEntitlements(terms, today).map((b) => {
    const paid = sum(active, (e) => e.type === 'disbursement' && e.fund === b.fund && e.year === b.year);
    return { ...b, amountCents: Math.max(b.formulaCents, paid) };
  });
}

export type FundBalance = {
  entitledCents: number;
  disbursedCents: number;
  spentCents: number;
  /** Disbursed minus spent; negative when the commune advanced money ahead of Smicval's payments. */
  availableCents: number;
  /** Entitled minus disbursed: what Smicval still owes on this fund. */
  toDisburseCents: number;
  /** How much the commune advanced (spent beyond what it received), 0 when none. */
  advancedCents: number;
};

export type YearResources = {
  year: number;
  /** Operating disbursements + co-financing + in-kind of the year (what the autonomy ratio divides by). */
  operatingResourcesCents: number;
  smicvalOperatingCents: number;
  cofinancingCents: number;
  inKindCents: number;
  /** Co-financing and in-kind of the year by source kind (unspecified counts as `other`), for the stacked chart. */
  bySourceKindCents: Record<SourceKind, number>;
  spentCents: number;
  /** (co-financing + in-kind) / operating resources; null when nothing was recorded for the year. */
  autonomyRatio: number | null;
};

/**
 * The autonomy ratio, the programme's measure of a pilot's independence: its own resources (co-financing +
 * in-kind) over its operating resources (Smicval's operating disbursements + co-financing + in-kind), unrounded;
 * null when there are no operating resources. Over several years or pilots (the whole life, a wave) it is
 * consolidated — the sums of both terms, divided once — never an average of ratios.
 */
export function autonomyRatio(ownCents: number, operatingResourcesCents: number): number | null {
  return operatingResourcesCents > 0 ? ownCents / operatingResourcesCents : null;
}

export type InstalmentStatus = 'paid' | 'partial' | 'upcoming' | 'due' | 'overdue';

export type Instalment = {
  fund: Fund;
  year: number;
  dueDate: string | null;
  amountCents: number;
  paidCents: number;
  remainingCents: number;
  status: InstalmentStatus;
};

export type FundingFigures = {
  inhabitants: number;
  entitlements: Entitlement[];
  balances: Record<Fund, FundBalance>;
  years: YearResources[];
  schedule: Instalment[];
  totals: {
    entitledCents: number;
    disbursedCents: number;
    spentCents: number;
    cofinancingCents: number;
    inKindCents: number;
  };
};

function emptyKinds(): Record<SourceKind, number> {
  return { commune: 0, actor: 0, grant: 0, own_revenue: 0, other: 0 };
}

function instalmentStatus(dueDate: string | null, amount: number, paid: number, today: string): InstalmentStatus {
  if (paid >= amount) return 'paid';
  if (!dueDate || dueDate > today) return paid > 0 ? 'partial' : 'upcoming';
  if (addDays(dueDate, PAYMENT_GRACE_DAYS) < today) return 'overdue';
  return paid > 0 ? 'partial' : 'due';
}

/** Everything GET /funding shows, from the terms and the full list of entries (reversals included). */
export function computeFunding(terms: TermsForFunding, entries: CoreEntry[], today: string): FundingFigures {
  const active = activeEntries(entries);
  const ents = entitlements(terms, entries, today);
  const balances = {} as Record<Fund, FundBalance>;
  for (const fund of FUNDS) {
    const entitledCents = ents.filter((e) => e.fund === fund).reduce((s, e) => s + e.amountCents, 0);
    const disbursedCents = sum(active, (e) => e.type === 'disbursement' && e.fund === fund);
    const spentCents = sum(active, (e) => e.type === 'expense' && e.fund === fund);
    balances[fund] = {
      entitledCents,
      disbursedCents,
      spentCents,
      availableCents: disbursedCents - spentCents,
      toDisburseCents: entitledCents - disbursedCents,
      advancedCents: Math.max(0, spentCents - disbursedCents),
    };
  }
  const maxYear = Math.max(terms.operatingYears, ...active.map((e) => e.year));
  const years: YearResources[] = [];
  for (let year = 1; year <= maxYear; year++) {
    const inYear = active.filter((e) => e.year === year);
    const smicvalOperatingCents = sum(inYear, (e) => e.type === 'disbursement' && e.fund === 'operating');
    const cofinancingCents = sum(inYear, (e) => e.type === 'cofinancing');
    const inKindCents = sum(inYear, (e) => e.type === 'in_kind');
    const bySourceKindCents = emptyKinds();
    for (const e of inYear)
      if (e.type === 'cofinancing' || e.type === 'in_kind') bySourceKindCents[e.sourceKind ?? 'other'] += e.amountCents;
    const operatingResourcesCents = smicvalOperatingCents + cofinancingCents + inKindCents;
    years.push({
      year,
      operatingResourcesCents,
      smicvalOperatingCents,
      cofinancingCents,
      inKindCents,
      bySourceKindCents,
      spentCents: sum(inYear, (e) => e.type === 'expense'),
      autonomyRatio: autonomyRatio(cofinancingCents + inKindCents, operatingResourcesCents),
    });
  }
  const schedule = ents.map((e) => {
    const paidCents = sum(active, (x) => x.type === 'disbursement' && x.fund === e.fund && x.year === e.year);
    return {
      fund: e.fund,
      year: e.year,
      dueDate: e.dueDate,
      amountCents: e.amountCents,
      paidCents,
      remainingCents: e.amountCents - paidCents,
      status: instalmentStatus(e.dueDate, e.amountCents, paidCents, today),
    };
  });
  schedule.sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.fund.localeCompare(b.fund));
  return {
    inhabitants: inhabitantsAt(terms, today),
    entitlements: ents,
    balances,
    years,
    schedule,
    totals: {
      entitledCents: balances.investment.entitledCents + balances.operating.entitledCents,
      disbursedCents: balances.investment.disbursedCents + balances.operating.disbursedCents,
      spentCents: balances.investment.spentCents + balances.operating.spentCents,
      cofinancingCents: sum(active, (e) => e.type === 'cofinancing'),
      inKindCents: sum(active, (e) => e.type === 'in_kind'),
    },
  };
}

export type EntryRefusal =
  | { code: 'pilot_not_started' }
  | { code: 'year_out_of_range' }
  | { code: 'over_entitlement'; remainingCents: number }
  | { code: 'entry_not_found' }
  | { code: 'already_reversed' }
  | { code: 'reversal_not_reversible' };

/** Whether a new entry may be recorded given the entries already there (null = allowed). */
export function checkNewEntry(
  terms: TermsForFunding,
  entries: CoreEntry[],
  input: { type: CreatableType; fund: Fund | null; year: number; amountCents: number },
  today: string,
): EntryRefusal | null {
  if (input.type === 'disbursement' && !terms.startDate) return { code: 'pilot_not_started' };
  if (input.type === 'disbursement') {
    if (!input.fund || !isFundYear(terms, input.fund, input.year)) return { code: 'year_out_of_range' };
    const line = entitlements(terms, entries, today).find((e) => e.fund === input.fund && e.year === input.year);
    const remainingCents = (line?.amountCents ?? 0) - disbursedFor(entries, input.fund, input.year);
    if (input.amountCents > remainingCents)
      return { code: 'over_entitlement', remainingCents: Math.max(0, remainingCents) };
    return null;
  }
  if (input.year < 1 || input.year > terms.operatingYears) return { code: 'year_out_of_range' };
  return null;
}

/** Whether `targetId` may be reversed: it exists, is not itself a reversal, and was never reversed. */
export function checkReversal(entries: CoreEntry[], targetId: string): EntryRefusal | null {
  const target = entries.find((e) => e.id === targetId);
  if (!target) return { code: 'entry_not_found' };
  if (target.type === 'reversal') return { code: 'reversal_not_reversible' };
  if (reversedIds(entries).has(targetId)) return { code: 'already_reversed' };
  return null;
}

/**
 * The entry types whose project year must match their date. A disbursement is an instalment of a given
 * fund-year and may legitimately be paid in another year (year 2's instalment paid early), so it is not covered.
 */
export const DATED_YEAR_TYPES: readonly CreatableType[] = ['expense', 'cofinancing', 'in_kind'];

/**
 * The project year a date belongs to for the ledger: a date before the start counts as year 1 (the year
 * preparation money is filed under), a date after the last operating year as that last year (the closing
 * invoices of the « bilan »); without a start date every entry is year 1.
 */
export function ledgerYearOf(terms: Pick<TermsForFunding, 'startDate' | 'operatingYears'>, date: string): number {
  const y = projectYearOf(terms.startDate, date) ?? 1;
  return Math.min(Math.max(1, y), Math.max(1, terms.operatingYears));
}

/**
 * The year an entry is booked in and whether it contradicts its date. An omitted year is the date's project
 * year (an operating disbursement: the instalment of the year it is paid in; investment: year 1). An explicit
 * year contradicts the date only for DATED_YEAR_TYPES and only once the pilot has a start date.
 */
export function resolveEntryYear(
  terms: Pick<TermsForFunding, 'startDate' | 'operatingYears'>,
  input: { type: CreatableType; fund?: Fund | null; year?: number; date: string },
): { year: number; dateYear: number; contradicts: boolean } {
  const dateYear = ledgerYearOf(terms, input.date);
  if (input.year === undefined) {
    const year = input.type === 'disbursement' && input.fund === 'investment' ? 1 : dateYear;
    return { year, dateYear, contradicts: false };
  }
  const contradicts = terms.startDate !== null && DATED_YEAR_TYPES.includes(input.type) && input.year !== dateYear;
  return { year: input.year, dateYear, contradicts };
}

/** The earliest entry date without a start date: the platform's first date. */
const LEDGER_FIRST_DATE = '2000-01-01';

/**
 * The dates a ledger entry may carry, both ends included: from one year before the start date (preparation money
 * is recorded ahead of the convention) to today; never in the future. Without a start date, from 2000-01-01.
 */
export function entryDateWindow(
  terms: Pick<TermsForFunding, 'startDate'>,
  today: string,
): { from: string; to: string } {
  return { from: terms.startDate ? addYears(terms.startDate, -1) : LEDGER_FIRST_DATE, to: today };
}
