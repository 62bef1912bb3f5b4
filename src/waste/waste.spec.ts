import { describe, expect, it } from 'vitest';
import { number, percent } from '../common/format-fr';
import {
  changeVsBaseline,
  pilotPopulationOf,
  StoredWasteYear,
  tonnesToKg,
  wasteFigures,
  wasteYearBounds,
} from './waste';

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

const terms = {
  startDate: '2023-11-15',
  operatingYears: 3,
  initialInhabitants: 1200,
  amendments: [] as { id: string; inhabitants: number; effectiveDate: string; reason: string; createdAt: string }[],
};

function row(year: number, residualT: number | null, population: number | null = null): StoredWasteYear {
  return {
    year,
    population,
    kg: {
      residual: tonnesToKg(residualT),
      packaging: 60_000,
      glass: 36_000,
      biowaste: null,
      recyclingCentre: 240_000,
      reuse: 6_000,
    },
    updatedAt: '2024-01-01T00:00:00.000Z',
  };
}

describe('waste per inhabitant', () => {
  it('bounds the calendar years from the baseline (the year before the start) to the end of the last project year', () => {
    expect(wasteYearBounds(terms)).toEqual({ baselineYear: 2022, lastYear: 2026 });
    expect(wasteYearBounds({ startDate: '2024-01-01', operatingYears: 3 })).toEqual({
      baselineYear: 2023,
      lastYear: 2026,
    });
    expect(wasteYearBounds({ startDate: null, operatingYears: 3 })).toBeNull();
  });

  it('turns tonnes into kg per inhabitant per stream, with a total of the reported streams', () => {
    const f = wasteFigures(terms, [row(2022, 300)]);
    expect(f.baselineYear).toBe(2022);
    const y = f.years[0];
    expect(y.population).toBe(1200);
    expect(y.populationSource).toBe('pilot');
    expect(y.tonnes).toEqual({
      residual: 300,
      packaging: 60,
      glass: 36,
      biowaste: null,
      recyclingCentre: 240,
      reuse: 6,
    });
    expect(y.kgPerInhabitant).toEqual({
      residual: 250,
      packaging: 50,
      glass: 30,
      biowaste: null,
      recyclingCentre: 200,
      reuse: 5,
      total: 535,
    });
    expect(y.residualChangeVsBaseline).toBe(0);
  });

  it('compares residual waste per inhabitant with the baseline year, as a fraction', () => {
    const f = wasteFigures(terms, [row(2024, 264), row(2022, 300)]);
    expect(f.years.map((y) => y.year)).toEqual([2022, 2024]);
    expect(f.years[1].kgPerInhabitant.residual).toBe(220);
    expect(f.years[1].residualChangeVsBaseline).toBe(-0.12);
    expect(wasteFigures(terms, [row(2024, 264)]).years[0].residualChangeVsBaseline).toBeNull();
  });

  it('uses the entered population, else the pilot figure in force on 31 December (amendments included)', () => {
    const amended = {
      ...terms,
      amendments: [
        {
          id: 'a',
          inhabitants: 1500,
          effectiveDate: '2024-06-01',
          reason: 'recensement',
          createdAt: '2024-05-01T00:00:00Z',
        },
      ],
    };
    expect(pilotPopulationOf(amended, 2023)).toBe(1200);
    expect(pilotPopulationOf(amended, 2024)).toBe(1500);
    const f = wasteFigures(amended, [row(2022, 300), row(2024, 300), row(2023, 300, 1000)]);
    expect(f.years.map((y) => [y.population, y.kgPerInhabitant.residual])).toEqual([
      [1200, 250],
      [1000, 300],
      [1500, 200],
    ]);
    expect(f.years[2].residualChangeVsBaseline).toBe(-0.2);
  });

  it('keeps the figures exact: a change of exactly −2,6451 % stays so and reads « −2,6 % », rounded once at display', () => {
    const f = wasteFigures(terms, [row(2022, 1000, 4000), row(2024, 973.549, 4000)]);
    const y = f.years[1];
    expect(y.kgPerInhabitant.residual).toBe(973_549 / 4000);
    expect(y.residualChangeVsBaseline).toBe(-0.026451);
    expect(plain(percent(y.residualChangeVsBaseline))).toBe('-2,6 %');
    expect(plain(number(y.kgPerInhabitant.residual))).toBe('243,4');
    // The same figure stored to four decimals first (-0.0265) would have read one tenth lower.
    expect(plain(percent(Math.round(y.residualChangeVsBaseline! * 10_000) / 10_000))).toBe('-2,7 %');
  });

  it('never rounds kg per inhabitant: 1 000 kg for 3 inhabitants is 1000 / 3, printed 333,3', () => {
    const f = wasteFigures(terms, [row(2022, 1, 3)]);
    expect(f.years[0].kgPerInhabitant.residual).toBe(1000 / 3);
    expect(f.years[0].kgPerInhabitant.total).toBe((1000 + 60_000 + 36_000 + 240_000 + 6_000) / 3);
    expect(plain(number(f.years[0].kgPerInhabitant.residual))).toBe('333,3');
  });

  it('computes the change as one division of whole numbers: the double nearest the exact fraction', () => {
    // 176 / 250 − 1 with different populations: exactly −0.296, as a target « ≤ −29,6 % » expects.
    expect(changeVsBaseline(264_000, 1500, 300_000, 1200)).toBe(-0.296);
    expect(changeVsBaseline(973_549, 4000, 1_000_000, 4000)).toBe(-0.026451);
    expect(changeVsBaseline(300_000, 1200, 300_000, 1200)).toBe(0);
    expect(changeVsBaseline(null, 1200, 300_000, 1200)).toBeNull();
    expect(changeVsBaseline(300_000, 1200, null, 1200)).toBeNull();
    expect(changeVsBaseline(300_000, 1200, 0, 1200)).toBeNull();
  });
});
