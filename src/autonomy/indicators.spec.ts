import { describe, expect, it } from 'vitest';
import {
  ActivityInputs,
  computeYearIndicators,
  evaluateTarget,
  INDICATOR_KEYS,
  INDICATORS,
  wasteYearOf,
  YearInputs,
} from './indicators';

const activity: ActivityInputs = {
  activities: 7,
  participants: 184,
  volunteerHours: 62.5,
  activeActors: 9,
  contributions: 4,
  contributionsValueCents: 1_250_000,
  divertedKg: { reuse: 120.5, repair: 80, compost: 300, recycling: 0, other: 12.25, total: 512.75 },
};

function year(overrides: Partial<YearInputs> = {}): YearInputs {
  return {
    year: 1,
    from: '2023-11-15',
    to: '2024-11-14',
    autonomyRatio: 0.123456,
    activity,
    waste: { year: 2024, residualKgPerInhabitant: 190.4, residualChangeVsBaseline: -0.0833 },
    ...overrides,
  };
}

describe('indicator catalogue', () => {
  it('describes every indicator once, with a French label, a unit and how it is computed', () => {
    expect(INDICATORS.map((i) => i.key).sort()).toEqual([...INDICATOR_KEYS].sort());
    for (const i of INDICATORS) {
      expect(i.label.length).toBeGreaterThan(3);
      expect(i.computation.length).toBeGreaterThan(20);
    }
  });
});

describe('indicators of a project year', () => {
  const during = computeYearIndicators(year(), '2024-03-01');

  it('takes the autonomy ratio from the ledger figures exactly, rounding only at display', () => {
    expect(during.values.autonomyRatio).toBe(0.123456);
    expect(computeYearIndicators(year({ autonomyRatio: null }), '2024-03-01').values.autonomyRatio).toBeNull();
  });

  it('counts active actors, contributions and their value', () => {
    expect(during.values.activeActors).toBe(9);
    expect(during.values.contributions).toBe(4);
    expect(during.values.contributionsValueCents).toBe(1_250_000);
  });

  it('sums volunteer hours, activities and participants', () => {
    expect(during.values.volunteerHours).toBe(62.5);
    expect(during.values.activities).toBe(7);
    expect(during.values.participants).toBe(184);
  });

  it('gives waste diverted in total and by stream', () => {
    expect(during.values.divertedKg).toBe(512.75);
    expect(during.divertedKgByStream).toEqual({ reuse: 120.5, repair: 80, compost: 300, recycling: 0, other: 12.25 });
  });

  it('gives residual waste per inhabitant and its change against the baseline from the matching calendar year', () => {
    expect(during.wasteYear).toBe(2024);
    expect(during.values.residualKgPerInhabitant).toBe(190.4);
    expect(during.values.residualChangeVsBaseline).toBe(-0.0833);
    const noWaste = computeYearIndicators(year({ waste: null }), '2024-03-01');
    expect(noWaste.values.residualKgPerInhabitant).toBeNull();
    expect(noWaste.values.residualChangeVsBaseline).toBeNull();
  });

  it('measures nothing for a year that has not started, and says whether a year is over', () => {
    const before = computeYearIndicators(year(), '2023-11-14');
    expect(before.status).toBe('not_started');
    expect(Object.values(before.values).every((v) => v === null)).toBe(true);
    expect(before.divertedKgByStream).toBeNull();
    expect(during.status).toBe('in_progress');
    expect(computeYearIndicators(year(), '2024-11-15').status).toBe('ended');
    expect(computeYearIndicators(year(), '2024-11-14').status).toBe('in_progress');
  });

  it('ties a project year to the calendar year holding most of it', () => {
    expect(wasteYearOf('2023-11-15')).toBe(2024);
    expect(wasteYearOf('2023-03-01')).toBe(2023);
    expect(wasteYearOf('2023-07-15')).toBe(2024);
  });
});

describe('target evaluation', () => {
  const years = [
    computeYearIndicators(year(), '2025-01-10'),
    computeYearIndicators(year({ year: 2, from: '2024-11-15', to: '2025-11-14', autonomyRatio: null }), '2025-01-10'),
  ];

  it('is met or not from the data, with gte and lte', () => {
    expect(evaluateTarget({ indicator: 'activities', operator: 'gte', value: 5, year: 1 }, years)).toEqual({
      met: true,
      actual: 7,
      final: true,
    });
    expect(evaluateTarget({ indicator: 'activities', operator: 'gte', value: 8, year: 1 }, years).met).toBe(false);
    expect(
      evaluateTarget({ indicator: 'residualChangeVsBaseline', operator: 'lte', value: -0.05, year: 1 }, years).met,
    ).toBe(true);
    expect(
      evaluateTarget({ indicator: 'residualChangeVsBaseline', operator: 'lte', value: -0.1, year: 1 }, years).met,
    ).toBe(false);
    expect(evaluateTarget({ indicator: 'activities', operator: 'gte', value: 7, year: 1 }, years).met).toBe(true);
  });

  it('is not yet measurable without data, for a year not started, or for a year the pilot does not have', () => {
    expect(evaluateTarget({ indicator: 'autonomyRatio', operator: 'gte', value: 0.5, year: 2 }, years)).toEqual({
      met: null,
      actual: null,
      final: false,
    });
    const notStarted = [computeYearIndicators(year({ year: 3, from: '2025-11-15', to: '2026-11-14' }), '2025-01-10')];
    expect(evaluateTarget({ indicator: 'activities', operator: 'gte', value: 1, year: 3 }, notStarted).met).toBeNull();
    expect(evaluateTarget({ indicator: 'activities', operator: 'gte', value: 1, year: 4 }, years).met).toBeNull();
  });

  it('is provisional while the year runs', () => {
    const running = [computeYearIndicators(year(), '2024-06-01')];
    expect(evaluateTarget({ indicator: 'autonomyRatio', operator: 'lte', value: 0.2, year: 1 }, running)).toEqual({
      met: true,
      actual: 0.123456,
      final: false,
    });
  });
});
