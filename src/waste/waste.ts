import { addDays, addYears, inhabitantsAt, PilotTerms } from '../pilots/pilot-terms';

/**
 * Waste per calendar year, pure: tonnes per stream → kg per inhabitant, and the change of residual waste
 * against the baseline year (the calendar year before the start date's year). Stored as whole kilograms.
 * The figures are exact, never rounded here: each display rounds them once, through src/common/format-fr.ts
 * (a figure rounded here and again at display could read « −2,7 % » for an exact −2,6451 %).
 */

export const WASTE_STREAMS = ['residual', 'packaging', 'glass', 'biowaste', 'recyclingCentre', 'reuse'] as const;
export type WasteStream = (typeof WASTE_STREAMS)[number];

export type Tonnes = Record<WasteStream, number | null>;

export type StoredWasteYear = {
  year: number;
  /** The figure entered for the year, or null to follow the pilot's inhabitants (amendments included). */
  population: number | null;
  kg: Record<WasteStream, number | null>;
  updatedAt: string;
};

export type WasteYear = {
  year: number;
  population: number;
  populationSource: 'entered' | 'pilot';
  tonnes: Tonnes;
  /** kg ÷ population, unrounded. */
  kgPerInhabitant: Record<WasteStream, number | null> & { total: number | null };
  /** Residual kg per inhabitant against the baseline year's, as an unrounded fraction (-0.1 = 10 % less); null without both. */
  residualChangeVsBaseline: number | null;
  updatedAt: string;
};

export type WasteFigures = {
  baselineYear: number | null;
  firstYear: number | null;
  lastYear: number | null;
  years: WasteYear[];
};

/** The calendar years a pilot may hold waste data for: its baseline year to the year its last project year ends in. */
export function wasteYearBounds(
  terms: Pick<PilotTerms, 'startDate' | 'operatingYears'>,
): { baselineYear: number; lastYear: number } | null {
  if (!terms.startDate) return null;
  const baselineYear = Number(terms.startDate.slice(0, 4)) - 1;
  const lastYear = Number(addDays(addYears(terms.startDate, terms.operatingYears), -1).slice(0, 4));
  return { baselineYear, lastYear };
}

/** Inhabitants of a calendar year when none was entered: the pilot's figure in force on 31 December of it. */
export function pilotPopulationOf(terms: Pick<PilotTerms, 'initialInhabitants' | 'amendments'>, year: number): number {
  return inhabitantsAt(terms, `${year}-12-31`);
}

export function tonnesToKg(tonnes: number | null | undefined): number | null {
  return tonnes === null || tonnes === undefined ? null : Math.round(tonnes * 1000);
}

function perInhabitant(kg: number | null, population: number): number | null {
  return kg === null ? null : kg / population;
}

/**
 * (kg ÷ population) ÷ (baseline kg ÷ baseline population) − 1, as one division of whole numbers:
 * (kg × baseline population − baseline kg × population) ÷ (baseline kg × population). The products are exact for
 * any real territory (below 2^53), so the result is the double nearest the exact fraction: −26 451 / 1 000 000 gives
 * −0.026451 (chained divisions give −0.026451000000000002) and a target of « ≤ −12 % » meets −0.12 itself.
 * Null without a positive baseline.
 */
export function changeVsBaseline(
  kg: number | null,
  population: number,
  baselineKg: number | null,
  baselinePopulation: number,
): number | null {
  if (kg === null || baselineKg === null || baselineKg <= 0) return null;
  const denominator = baselineKg * population;
  return (kg * baselinePopulation - denominator) / denominator;
}

export function wasteFigures(
  terms: Pick<PilotTerms, 'startDate' | 'operatingYears' | 'initialInhabitants' | 'amendments'>,
  rows: StoredWasteYear[],
): WasteFigures {
  const bounds = wasteYearBounds(terms);
  const sorted = [...rows].sort((a, b) => a.year - b.year);
  const populationOf = (r: StoredWasteYear) => r.population ?? pilotPopulationOf(terms, r.year);
  const baselineRow = bounds ? sorted.find((r) => r.year === bounds.baselineYear) : undefined;
  const years = sorted.map((r): WasteYear => {
    const population = populationOf(r);
    const kgPerInhabitant = Object.fromEntries(
      WASTE_STREAMS.map((s) => [s, perInhabitant(r.kg[s], population)]),
    ) as WasteYear['kgPerInhabitant'];
    const reported = WASTE_STREAMS.map((s) => r.kg[s]).filter((v): v is number => v !== null);
    kgPerInhabitant.total =
      reported.length > 0
        ? perInhabitant(
            reported.reduce((a, b) => a + b, 0),
            population,
          )
        : null;
    const change = baselineRow
      ? changeVsBaseline(r.kg.residual, population, baselineRow.kg.residual, populationOf(baselineRow))
      : null;
    return {
      year: r.year,
      population,
      populationSource: r.population === null ? 'pilot' : 'entered',
      tonnes: Object.fromEntries(WASTE_STREAMS.map((s) => [s, r.kg[s] === null ? null : r.kg[s]! / 1000])) as Tonnes,
      kgPerInhabitant,
      residualChangeVsBaseline: change,
      updatedAt: r.updatedAt,
    };
  });
  return {
    baselineYear: bounds?.baselineYear ?? null,
    firstYear: bounds?.baselineYear ?? null,
    lastYear: bounds?.lastYear ?? null,
    years,
  };
}
