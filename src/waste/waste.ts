import { addDays, addYears, inhabitantsAt, PilotTerms } from '../pilots/pilot-terms';

/**
 * Waste per calendar year, pure: tonnes per stream → kg per inhabitant, and the change of residual waste
 * against the baseline year (the calendar year before the start date's year). Stored as whole kilograms.
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
  kgPerInhabitant: Record<WasteStream, number | null> & { total: number | null };
  /** Residual kg per inhabitant against the baseline year's, as a fraction (-0.1 = 10 % less); null without both. */
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
  return kg === null ? null : Math.round((kg / population) * 10) / 10;
}

export function wasteFigures(
  terms: Pick<PilotTerms, 'startDate' | 'operatingYears' | 'initialInhabitants' | 'amendments'>,
  rows: StoredWasteYear[],
): WasteFigures {
  const bounds = wasteYearBounds(terms);
  const sorted = [...rows].sort((a, b) => a.year - b.year);
  const populationOf = (r: StoredWasteYear) => r.population ?? pilotPopulationOf(terms, r.year);
  const baselineRow = bounds ? sorted.find((r) => r.year === bounds.baselineYear) : undefined;
  const baselineResidual =
    baselineRow && baselineRow.kg.residual !== null ? baselineRow.kg.residual / populationOf(baselineRow) : null;
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
    const residual = r.kg.residual !== null ? r.kg.residual / population : null;
    const change =
      residual !== null && baselineResidual !== null && baselineResidual > 0
        ? Math.round((residual / baselineResidual - 1) * 10_000) / 10_000
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
