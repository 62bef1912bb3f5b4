import { describe, expect, it } from 'vitest';
import { pilotPopulationOf, StoredWasteYear, tonnesToKg, wasteFigures, wasteYearBounds } from './waste';

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
});
