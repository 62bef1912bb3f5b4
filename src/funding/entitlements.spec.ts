import { describe, expect, it } from 'vitest';
import { Amendment } from '../pilots/pilot-terms';
import {
  autonomyRatio,
  baseEntitlements,
  checkNewEntry,
  checkReversal,
  computeFunding,
  CoreEntry,
  entitlements,
  entryDateWindow,
  resolveEntryYear,
  TermsForFunding,
} from './entitlements';

const TERMS: TermsForFunding = {
  startDate: '2023-11-15',
  initialInhabitants: 1500,
  amendments: [],
  investmentPerInhabitantCents: 8000,
  operatingPerInhabitantPerYearCents: 2000,
  operatingYears: 3,
};

const amend = (inhabitants: number, effectiveDate: string, createdAt = '2024-01-01T00:00:00Z'): Amendment => ({
  id: `${inhabitants}-${effectiveDate}`,
  inhabitants,
  effectiveDate,
  reason: 'recensement',
  createdAt,
});

let n = 0;
const entry = (e: Partial<CoreEntry> & Pick<CoreEntry, 'type' | 'amountCents'>): CoreEntry => ({
  id: `e${++n}`,
  fund: null,
  year: 1,
  reversesEntryId: null,
  ...e,
});

describe('entitlements', () => {
  it('gives 150 000 € in year 1 and 210 000 € over three years for 1500 inhabitants at the default rates', () => {
    const lines = baseEntitlements(TERMS, '2026-01-01');
    const year1 = lines.filter((l) => l.year === 1).reduce((s, l) => s + l.formulaCents, 0);
    expect(year1).toBe(150_000_00);
    expect(lines.reduce((s, l) => s + l.formulaCents, 0)).toBe(210_000_00);
    expect(lines).toEqual([
      { fund: 'investment', year: 1, dueDate: '2023-11-15', inhabitants: 1500, formulaCents: 120_000_00 },
      { fund: 'operating', year: 1, dueDate: '2023-11-15', inhabitants: 1500, formulaCents: 30_000_00 },
      { fund: 'operating', year: 2, dueDate: '2024-11-15', inhabitants: 1500, formulaCents: 30_000_00 },
      { fund: 'operating', year: 3, dueDate: '2025-11-15', inhabitants: 1500, formulaCents: 30_000_00 },
    ]);
  });

  it('uses the rates copied onto the pilot and its number of operating years', () => {
    const lines = baseEntitlements(
      {
        ...TERMS,
        initialInhabitants: 800,
        investmentPerInhabitantCents: 9000,
        operatingPerInhabitantPerYearCents: 2550,
        operatingYears: 2,
      },
      '2026-01-01',
    );
    expect(lines.map((l) => [l.fund, l.year, l.formulaCents])).toEqual([
      ['investment', 1, 72_000_00],
      ['operating', 1, 20_400_00],
      ['operating', 2, 20_400_00],
    ]);
  });

  it('applies an amendment effective before (or on) a due date to that entitlement only', () => {
    const terms = { ...TERMS, amendments: [amend(1200, '2024-06-01')] };
    const lines = baseEntitlements(terms, '2026-01-01');
    expect(lines.map((l) => [l.fund, l.year, l.inhabitants, l.formulaCents])).toEqual([
      ['investment', 1, 1500, 120_000_00],
      ['operating', 1, 1500, 30_000_00],
      ['operating', 2, 1200, 24_000_00],
      ['operating', 3, 1200, 24_000_00],
    ]);
    const onDueDate = baseEntitlements({ ...TERMS, amendments: [amend(1000, '2024-11-15')] }, '2026-01-01');
    expect(onDueDate.find((l) => l.year === 2 && l.fund === 'operating')?.formulaCents).toBe(20_000_00);
  });

  it('takes the last recorded amendment when two share an effective date', () => {
    const terms = {
      ...TERMS,
      amendments: [
        amend(1400, '2024-01-01', '2024-01-02T00:00:00Z'),
        amend(1300, '2024-01-01', '2024-01-03T00:00:00Z'),
      ],
    };
    expect(baseEntitlements(terms, '2026-01-01').find((l) => l.year === 2)?.inhabitants).toBe(1300);
  });

  it('never lowers an entitlement below what was already paid (payments never change)', () => {
    const paid = entry({ type: 'disbursement', fund: 'operating', year: 2, amountCents: 30_000_00 });
    const terms = { ...TERMS, amendments: [amend(1000, '2024-01-01')] };
    const line = entitlements(terms, [paid], '2026-01-01').find((l) => l.fund === 'operating' && l.year === 2);
    expect(line).toMatchObject({ formulaCents: 20_000_00, amountCents: 30_000_00 });
    expect(
      checkNewEntry(terms, [paid], { type: 'disbursement', fund: 'operating', year: 2, amountCents: 1 }, '2026-01-01'),
    ).toEqual({ code: 'over_entitlement', remainingCents: 0 });
  });

  it('lets a raised figure be topped up on a fund-year already paid', () => {
    const paid = entry({ type: 'disbursement', fund: 'operating', year: 3, amountCents: 30_000_00 });
    const terms = { ...TERMS, amendments: [amend(1600, '2025-09-01')] };
    expect(
      checkNewEntry(
        terms,
        [paid],
        { type: 'disbursement', fund: 'operating', year: 3, amountCents: 2_000_00 },
        '2026-01-01',
      ),
    ).toBeNull();
    expect(
      checkNewEntry(
        terms,
        [paid],
        { type: 'disbursement', fund: 'operating', year: 3, amountCents: 2_000_01 },
        '2026-01-01',
      ),
    ).toMatchObject({ code: 'over_entitlement' });
  });

  it('without a start date shows the figure in force today and refuses disbursements', () => {
    const terms = { ...TERMS, startDate: null, amendments: [amend(900, '2025-01-01')] };
    expect(baseEntitlements(terms, '2026-01-01')[0]).toMatchObject({ dueDate: null, inhabitants: 900 });
    expect(
      checkNewEntry(terms, [], { type: 'disbursement', fund: 'investment', year: 1, amountCents: 1 }, '2026-01-01'),
    ).toEqual({ code: 'pilot_not_started' });
    expect(
      checkNewEntry(terms, [], { type: 'expense', fund: 'investment', year: 1, amountCents: 1 }, '2026-01-01'),
    ).toBeNull();
  });
});

describe('entry rules', () => {
  it('refuses investment disbursements outside year 1 and years beyond the operating years', () => {
    expect(
      checkNewEntry(TERMS, [], { type: 'disbursement', fund: 'investment', year: 2, amountCents: 1 }, '2026-01-01'),
    ).toEqual({ code: 'year_out_of_range' });
    expect(
      checkNewEntry(TERMS, [], { type: 'disbursement', fund: 'operating', year: 4, amountCents: 1 }, '2026-01-01'),
    ).toEqual({ code: 'year_out_of_range' });
    expect(
      checkNewEntry(TERMS, [], { type: 'cofinancing', fund: null, year: 4, amountCents: 1 }, '2026-01-01'),
    ).toEqual({ code: 'year_out_of_range' });
  });

  it('allows a disbursement up to exactly what is left, and counts reversed disbursements out', () => {
    const first = entry({ type: 'disbursement', fund: 'investment', year: 1, amountCents: 100_000_00 });
    const input = { type: 'disbursement', fund: 'investment', year: 1 } as const;
    expect(checkNewEntry(TERMS, [first], { ...input, amountCents: 20_000_00 }, '2026-01-01')).toBeNull();
    expect(checkNewEntry(TERMS, [first], { ...input, amountCents: 20_000_01 }, '2026-01-01')).toEqual({
      code: 'over_entitlement',
      remainingCents: 20_000_00,
    });
    const reversal = entry({
      type: 'reversal',
      fund: 'investment',
      year: 1,
      amountCents: 100_000_00,
      reversesEntryId: first.id,
    });
    expect(checkNewEntry(TERMS, [first, reversal], { ...input, amountCents: 120_000_00 }, '2026-01-01')).toBeNull();
  });

  it('does not cap expenses by what was disbursed, and shows the advance in the balance', () => {
    const d = entry({ type: 'disbursement', fund: 'operating', year: 1, amountCents: 10_000_00 });
    const x = entry({ type: 'expense', fund: 'operating', year: 1, amountCents: 15_000_00 });
    expect(
      checkNewEntry(TERMS, [d], { type: 'expense', fund: 'operating', year: 1, amountCents: 15_000_00 }, '2026-01-01'),
    ).toBeNull();
    const f = computeFunding(TERMS, [d, x], '2026-01-01');
    expect(f.balances.operating).toEqual({
      entitledCents: 90_000_00,
      disbursedCents: 10_000_00,
      spentCents: 15_000_00,
      availableCents: -5_000_00,
      toDisburseCents: 80_000_00,
      advancedCents: 5_000_00,
    });
  });

  it('reverses an entry once, and never a reversal', () => {
    const d = entry({ type: 'expense', fund: 'operating', year: 1, amountCents: 500 });
    const r = entry({ type: 'reversal', fund: 'operating', year: 1, amountCents: 500, reversesEntryId: d.id });
    expect(checkReversal([d], d.id)).toBeNull();
    expect(checkReversal([d, r], d.id)).toEqual({ code: 'already_reversed' });
    expect(checkReversal([d, r], r.id)).toEqual({ code: 'reversal_not_reversible' });
    expect(checkReversal([d, r], 'nope')).toEqual({ code: 'entry_not_found' });
  });
});

describe('funding figures', () => {
  it('computes the autonomy ratio per year, excluding reversed entries and the investment fund', () => {
    const entries = [
      entry({ type: 'disbursement', fund: 'investment', year: 1, amountCents: 120_000_00 }),
      entry({ type: 'disbursement', fund: 'operating', year: 1, amountCents: 30_000_00 }),
      entry({ type: 'cofinancing', year: 1, amountCents: 6_000_00, sourceKind: 'commune' }),
      entry({ type: 'in_kind', year: 1, amountCents: 4_000_00, sourceKind: 'actor' }),
      entry({ id: 'gone', type: 'cofinancing', year: 1, amountCents: 50_000_00, sourceKind: 'grant' }),
      entry({ type: 'reversal', year: 1, amountCents: 50_000_00, reversesEntryId: 'gone' }),
    ];
    const f = computeFunding(TERMS, entries, '2024-06-01');
    expect(f.years[0]).toMatchObject({
      year: 1,
      operatingResourcesCents: 40_000_00,
      smicvalOperatingCents: 30_000_00,
      cofinancingCents: 6_000_00,
      inKindCents: 4_000_00,
      bySourceKindCents: { commune: 6_000_00, actor: 4_000_00, grant: 0, own_revenue: 0, other: 0 },
      autonomyRatio: 0.25,
    });
    expect(f.years[1].autonomyRatio).toBeNull();
    expect(f.years.map((y) => y.year)).toEqual([1, 2, 3]);
  });

  it('classifies the schedule: paid, partial, upcoming, due within the payment window, overdue after it', () => {
    const entries = [
      entry({ type: 'disbursement', fund: 'investment', year: 1, amountCents: 120_000_00 }),
      entry({ type: 'disbursement', fund: 'operating', year: 1, amountCents: 10_000_00 }),
    ];
    const at = (today: string) =>
      computeFunding(TERMS, entries, today).schedule.map((i) => `${i.fund}${i.year}:${i.status}`);
    expect(at('2023-12-01')).toEqual([
      'investment1:paid',
      'operating1:partial',
      'operating2:upcoming',
      'operating3:upcoming',
    ]);
    expect(at('2024-11-20')).toEqual([
      'investment1:paid',
      'operating1:overdue',
      'operating2:due',
      'operating3:upcoming',
    ]);
    expect(at('2024-12-16')).toEqual([
      'investment1:paid',
      'operating1:overdue',
      'operating2:overdue',
      'operating3:upcoming',
    ]);
    const s = computeFunding(TERMS, entries, '2023-12-01').schedule[1];
    expect(s).toMatchObject({
      amountCents: 30_000_00,
      paidCents: 10_000_00,
      remainingCents: 20_000_00,
      dueDate: '2023-11-15',
    });
  });
});

describe('resolveEntryYear', () => {
  const start = { startDate: '2023-11-15', operatingYears: 3 };
  const none = { startDate: null, operatingYears: 3 };
  const e = (type: 'disbursement' | 'expense' | 'cofinancing' | 'in_kind', date: string, year?: number) => ({
    type,
    fund: type === 'disbursement' || type === 'expense' ? ('operating' as const) : null,
    date,
    year,
  });

  it('defaults an omitted year to the date’s project year, 1 before the start or without a start date', () => {
    expect(resolveEntryYear(start, e('expense', '2024-11-14'))).toEqual({ year: 1, dateYear: 1, contradicts: false });
    expect(resolveEntryYear(start, e('expense', '2024-11-15'))).toEqual({ year: 2, dateYear: 2, contradicts: false });
    expect(resolveEntryYear(start, e('cofinancing', '2023-01-01')).year).toBe(1);
    expect(resolveEntryYear(none, e('in_kind', '2026-01-01')).year).toBe(1);
    expect(resolveEntryYear(start, e('disbursement', '2025-01-10')).year).toBe(2);
    expect(resolveEntryYear(start, { type: 'disbursement', fund: 'investment', date: '2025-01-10' }).year).toBe(1);
    // After the last operating year: the closing invoices belong to the last year.
    expect(resolveEntryYear(start, e('expense', '2026-12-01')).year).toBe(3);
    expect(resolveEntryYear(start, e('expense', '2026-12-01', 3)).contradicts).toBe(false);
  });

  it('flags an explicit year other than the date’s for expense, co-financing and in-kind only', () => {
    expect(resolveEntryYear(start, e('expense', '2024-12-01', 1))).toEqual({ year: 1, dateYear: 2, contradicts: true });
    expect(resolveEntryYear(start, e('cofinancing', '2023-01-01', 2)).contradicts).toBe(true);
    expect(resolveEntryYear(start, e('in_kind', '2025-12-01', 3)).contradicts).toBe(false);
    expect(resolveEntryYear(start, e('disbursement', '2024-06-01', 2)).contradicts).toBe(false);
    expect(resolveEntryYear(none, e('expense', '2024-06-01', 2)).contradicts).toBe(false);
  });
});

describe('autonomyRatio', () => {
  it('is own resources (co-financing + in-kind) over operating resources, unrounded', () => {
    expect(autonomyRatio(1_000_000, 4_000_000)).toBe(0.25);
    expect(autonomyRatio(4_534_960, 10_000_000)).toBe(0.453496);
    expect(autonomyRatio(0, 3_000_000)).toBe(0);
  });

  it('is null without operating resources (no division by zero)', () => {
    expect(autonomyRatio(0, 0)).toBeNull();
  });

  it('consolidates several pilots by summing both terms, never by averaging their ratios', () => {
    // Pilot A: 1 M€ own of 4 M€ (25 %); pilot B: 1 M€ own of 2 M€ (50 %). The wave: 2 of 6, not 37,5 %.
    expect(autonomyRatio(1_000_000 + 1_000_000, 4_000_000 + 2_000_000)).toBe(2 / 6);
  });
});

describe('entryDateWindow', () => {
  it('runs from one year before the start date to today, both ends included', () => {
    expect(entryDateWindow({ startDate: '2023-11-15' }, '2025-06-30')).toEqual({
      from: '2022-11-15',
      to: '2025-06-30',
    });
    // A start on 29 February: one year before is 28 February.
    expect(entryDateWindow({ startDate: '2024-02-29' }, '2025-06-30').from).toBe('2023-02-28');
  });

  it('starts at 2000-01-01 while the pilot has no start date', () => {
    expect(entryDateWindow({ startDate: null }, '2025-06-30')).toEqual({ from: '2000-01-01', to: '2025-06-30' });
  });
});
