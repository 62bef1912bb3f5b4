import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Amendment } from '../pilots/pilot-terms';
import {
  checkNewEntry,
  checkReversal,
  computeFunding,
  CoreEntry,
  Fund,
  FUNDS,
  SourceKind,
  TermsForFunding,
} from './entitlements';

/**
 * Model-based test of the ledger rules: random sequences of entries, reversals and amendments are applied
 * to the real rules (checkNewEntry / checkReversal / computeFunding, which LedgerWritesService runs under the
 * pilot's lock) and compared after every step with a deliberately naive model that recomputes everything
 * from the raw list of accepted operations.
 */

const TODAY = '2026-06-01';
const START = '2023-11-15';

type Real = { terms: TermsForFunding; entries: CoreEntry[] };

/** The naive model: plain lists, nothing shared with the code under test but the input. */
type Model = { amendments: Amendment[]; entries: CoreEntry[] };

function modelInhabitants(m: Model, initial: number, date: string): number {
  let best: Amendment | null = null;
  for (const a of m.amendments) {
    if (a.effectiveDate > date) continue;
    if (
      !best ||
      a.effectiveDate > best.effectiveDate ||
      (a.effectiveDate === best.effectiveDate && a.createdAt >= best.createdAt)
    )
      best = a;
  }
  return best ? best.inhabitants : initial;
}

function modelIsCancelled(m: Model, e: CoreEntry): boolean {
  return e.type === 'reversal' || m.entries.some((r) => r.type === 'reversal' && r.reversesEntryId === e.id);
}

function modelSum(m: Model, pred: (e: CoreEntry) => boolean): number {
  return m.entries.filter((e) => !modelIsCancelled(m, e) && pred(e)).reduce((s, e) => s + e.amountCents, 0);
}

const DUE: Record<string, string> = {
  'investment:1': START,
  'operating:1': START,
  'operating:2': '2024-11-15',
  'operating:3': '2025-11-15',
};

function modelEntitlement(m: Model, terms: TermsForFunding, fund: Fund, year: number): number {
  const rate = fund === 'investment' ? terms.investmentPerInhabitantCents : terms.operatingPerInhabitantPerYearCents;
  const formula = rate * modelInhabitants(m, terms.initialInhabitants, DUE[`${fund}:${year}`]);
  const paid = modelSum(m, (e) => e.type === 'disbursement' && e.fund === fund && e.year === year);
  return Math.max(formula, paid);
}

type Op =
  | { kind: 'disbursement'; fund: Fund; year: number; amountCents: number }
  /** Disburses exactly what the model says is left, plus delta: hits the boundary the rule is about. */
  | { kind: 'rest'; fund: Fund; year: number; delta: number }
  | { kind: 'expense'; fund: Fund; year: number; amountCents: number }
  | { kind: 'cofinancing' | 'in_kind'; year: number; amountCents: number; sourceKind: SourceKind }
  | { kind: 'reversal'; pick: number }
  | { kind: 'amendment'; inhabitants: number; effectiveDate: string };

const fundYear = fc.oneof(
  fc.constant({ fund: 'investment' as Fund, year: 1 }),
  fc.record({ fund: fc.constant('operating' as Fund), year: fc.integer({ min: 1, max: 4 }) }),
);
const amount = fc.oneof(fc.integer({ min: 1, max: 5_000_00 }), fc.integer({ min: 1, max: 130_000_00 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ kind: fc.constant('disbursement' as const), amountCents: amount })
      .chain((r) => fundYear.map((fy) => ({ ...r, ...fy }))),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ kind: fc.constant('rest' as const), delta: fc.constantFrom(-1, 0, 1) })
      .chain((r) => fundYear.map((fy) => ({ ...r, ...fy }))),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ kind: fc.constant('expense' as const), amountCents: amount })
      .chain((r) => fundYear.map((fy) => ({ ...r, ...fy }))),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('cofinancing' as const, 'in_kind' as const),
      year: fc.integer({ min: 1, max: 4 }),
      amountCents: amount,
      sourceKind: fc.constantFrom<SourceKind>('commune', 'actor', 'grant', 'own_revenue', 'other'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reversal' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('amendment' as const),
      inhabitants: fc.integer({ min: 100, max: 3000 }),
      effectiveDate: fc.constantFrom(
        '2023-01-01',
        '2023-11-15',
        '2024-03-01',
        '2024-11-15',
        '2025-06-01',
        '2026-01-01',
      ),
    }),
  },
);

function checkInvariants(real: Real, model: Model): void {
  const f = computeFunding(real.terms, real.entries, TODAY);
  for (const fund of FUNDS) {
    const disbursed = modelSum(model, (e) => e.type === 'disbursement' && e.fund === fund);
    const spent = modelSum(model, (e) => e.type === 'expense' && e.fund === fund);
    const years = fund === 'investment' ? [1] : [1, 2, 3];
    const entitled = years.reduce((s, y) => s + modelEntitlement(model, real.terms, fund, y), 0);
    // Balances equal the sum of the entries.
    expect(f.balances[fund]).toEqual({
      entitledCents: entitled,
      disbursedCents: disbursed,
      spentCents: spent,
      availableCents: disbursed - spent,
      toDisburseCents: entitled - disbursed,
      advancedCents: Math.max(0, spent - disbursed),
    });
    // Nothing negative where it cannot be.
    for (const k of ['entitledCents', 'disbursedCents', 'spentCents', 'toDisburseCents', 'advancedCents'] as const)
      expect(f.balances[fund][k]).toBeGreaterThanOrEqual(0);
  }
  // Disbursed ≤ entitled per fund-year, and the schedule agrees.
  for (const line of f.entitlements) {
    const paid = modelSum(model, (e) => e.type === 'disbursement' && e.fund === line.fund && e.year === line.year);
    expect(paid).toBeLessThanOrEqual(line.amountCents);
    expect(line.amountCents).toBe(modelEntitlement(model, real.terms, line.fund, line.year));
    const inst = f.schedule.find((s) => s.fund === line.fund && s.year === line.year);
    expect(inst).toMatchObject({ paidCents: paid, remainingCents: line.amountCents - paid });
    expect(inst!.remainingCents).toBeGreaterThanOrEqual(0);
  }
  // A reversal at most once per entry, never of a reversal, always of an existing entry.
  const targets = real.entries.filter((e) => e.type === 'reversal').map((e) => e.reversesEntryId);
  expect(new Set(targets).size).toBe(targets.length);
  for (const t of targets) expect(real.entries.find((e) => e.id === t)?.type).not.toBe('reversal');
  // Per-year resources and autonomy ratio.
  for (const y of f.years) {
    const smicval = modelSum(model, (e) => e.type === 'disbursement' && e.fund === 'operating' && e.year === y.year);
    const others = modelSum(model, (e) => (e.type === 'cofinancing' || e.type === 'in_kind') && e.year === y.year);
    expect(y.smicvalOperatingCents).toBe(smicval);
    expect(y.cofinancingCents + y.inKindCents).toBe(others);
    expect(Object.values(y.bySourceKindCents).reduce((a, b) => a + b, 0)).toBe(others);
    expect(y.operatingResourcesCents).toBe(smicval + others);
    if (smicval + others === 0) expect(y.autonomyRatio).toBeNull();
    else {
      expect(y.autonomyRatio).toBeCloseTo(others / (smicval + others), 12);
      expect(y.autonomyRatio!).toBeGreaterThanOrEqual(0);
      expect(y.autonomyRatio!).toBeLessThanOrEqual(1);
    }
  }
}

describe('ledger model', () => {
  it('keeps balances, entitlements and reversals consistent over random sequences', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 800, max: 1500 }),
        fc.array(op, { minLength: 1, maxLength: 40 }),
        (initial, ops) => {
          const terms: TermsForFunding = {
            startDate: START,
            initialInhabitants: initial,
            amendments: [],
            investmentPerInhabitantCents: 8000,
            operatingPerInhabitantPerYearCents: 2000,
            operatingYears: 3,
          };
          const real: Real = { terms, entries: [] };
          const model: Model = { amendments: [], entries: [] };
          let seq = 0;
          for (const o of ops) {
            seq++;
            if (o.kind === 'rest') {
              const exists = (o.fund === 'investment' && o.year === 1) || (o.fund === 'operating' && o.year <= 3);
              if (!exists) continue;
              const left =
                modelEntitlement(model, real.terms, o.fund, o.year) -
                modelSum(model, (e) => e.type === 'disbursement' && e.fund === o.fund && e.year === o.year);
              const amountCents = left + o.delta;
              if (amountCents <= 0) continue;
              const refusal = checkNewEntry(
                real.terms,
                real.entries,
                { type: 'disbursement', fund: o.fund, year: o.year, amountCents },
                TODAY,
              );
              expect(refusal === null).toBe(o.delta <= 0);
              if (!refusal) {
                const e: CoreEntry = {
                  id: `e${seq}`,
                  type: 'disbursement',
                  fund: o.fund,
                  year: o.year,
                  amountCents,
                  reversesEntryId: null,
                };
                real.entries.push(e);
                model.entries.push(e);
              }
            } else if (o.kind === 'amendment') {
              const a: Amendment = {
                id: `a${seq}`,
                inhabitants: o.inhabitants,
                effectiveDate: o.effectiveDate,
                reason: 'avenant',
                createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
              };
              real.terms = { ...real.terms, amendments: [...real.terms.amendments, a] };
              model.amendments.push(a);
            } else if (o.kind === 'reversal') {
              if (real.entries.length === 0) continue;
              const target = real.entries[o.pick % real.entries.length];
              const refusal = checkReversal(real.entries, target.id);
              const modelRefuses =
                target.type === 'reversal' || real.entries.some((e) => e.reversesEntryId === target.id);
              expect(refusal !== null).toBe(modelRefuses);
              if (!refusal) {
                const r: CoreEntry = {
                  id: `e${seq}`,
                  type: 'reversal',
                  fund: target.fund,
                  year: target.year,
                  amountCents: target.amountCents,
                  reversesEntryId: target.id,
                };
                real.entries.push(r);
                model.entries.push(r);
              }
            } else {
              const fund = o.kind === 'disbursement' || o.kind === 'expense' ? o.fund : null;
              const refusal = checkNewEntry(
                real.terms,
                real.entries,
                { type: o.kind, fund, year: o.year, amountCents: o.amountCents },
                TODAY,
              );
              if (o.kind === 'disbursement') {
                const exists = (o.fund === 'investment' && o.year === 1) || (o.fund === 'operating' && o.year <= 3);
                const left = exists
                  ? modelEntitlement(model, real.terms, o.fund, o.year) -
                    modelSum(model, (e) => e.type === 'disbursement' && e.fund === o.fund && e.year === o.year)
                  : 0;
                expect(refusal === null).toBe(exists && o.amountCents <= left);
              } else {
                expect(refusal === null).toBe(o.year <= 3);
              }
              if (!refusal) {
                const e: CoreEntry = {
                  id: `e${seq}`,
                  type: o.kind,
                  fund,
                  year: o.year,
                  amountCents: o.amountCents,
                  reversesEntryId: null,
                  sourceKind: 'sourceKind' in o ? o.sourceKind : null,
                };
                real.entries.push(e);
                model.entries.push(e);
              }
            }
            checkInvariants(real, model);
          }
        },
      ),
      { numRuns: 300 },
    );
    // Generous: the shared CI machine can be slow, and 300 sequences of up to 40 steps take a few seconds.
  }, 60_000);
});
