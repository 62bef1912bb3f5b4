import { DIVERTED_STREAMS, DivertedStream } from '../common/codes';
import { addDays } from '../pilots/pilot-terms';

/**
 * The indicator catalogue and its arithmetic, pure: AutonomyService gathers the figures of each project year
 * from the funding, activities and waste services and asks these functions; the unit specs drive them directly.
 */

export const INDICATOR_KEYS = [
  'autonomyRatio',
  'activeActors',
  'contributions',
  'contributionsValueCents',
  'volunteerHours',
  'activities',
  'participants',
  'divertedKg',
  'residualKgPerInhabitant',
  'residualChangeVsBaseline',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export const INDICATOR_UNITS = ['ratio', 'count', 'cents', 'hours', 'kg', 'kg_per_inhabitant'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export type IndicatorDefinition = {
  key: IndicatorKey;
  label: string;
  unit: IndicatorUnit;
  /** Which way is progress: a card's trend arrow is green when the value moves this way. */
  better: 'higher' | 'lower';
  source: 'funding' | 'activities' | 'waste';
  computation: string;
};

export const INDICATORS: IndicatorDefinition[] = [
  {
    key: 'autonomyRatio',
    label: "Taux d'autonomie financière",
    unit: 'ratio',
    better: 'higher',
    source: 'funding',
    computation:
      "Part des ressources de fonctionnement de l'année de projet qui ne viennent pas de Smicval : (cofinancements + apports en nature) / (versements du fonds de fonctionnement + cofinancements + apports en nature), d'après le registre financier.",
  },
  {
    key: 'activeActors',
    label: 'Acteurs actifs',
    unit: 'count',
    better: 'higher',
    source: 'activities',
    computation:
      "Nombre d'acteurs distincts ayant une contribution ou ayant participé à une activité pendant l'année de projet.",
  },
  {
    key: 'contributions',
    label: 'Contributions',
    unit: 'count',
    better: 'higher',
    source: 'activities',
    computation: "Nombre de contributions des acteurs rattachées à l'année de projet.",
  },
  {
    key: 'contributionsValueCents',
    label: 'Valeur des contributions',
    unit: 'cents',
    better: 'higher',
    source: 'activities',
    computation: "Somme des valeurs déclarées des contributions des acteurs rattachées à l'année de projet.",
  },
  {
    key: 'volunteerHours',
    label: 'Heures de bénévolat',
    unit: 'hours',
    better: 'higher',
    source: 'activities',
    computation: "Somme des heures bénévoles déclarées sur les activités de l'année de projet.",
  },
  {
    key: 'activities',
    label: 'Activités',
    unit: 'count',
    better: 'higher',
    source: 'activities',
    computation: "Nombre d'activités menées pendant l'année de projet.",
  },
  {
    key: 'participants',
    label: 'Participants',
    unit: 'count',
    better: 'higher',
    source: 'activities',
    computation: "Somme des participants déclarés sur les activités de l'année de projet.",
  },
  {
    key: 'divertedKg',
    label: 'Déchets évités',
    unit: 'kg',
    better: 'higher',
    source: 'activities',
    computation:
      "Somme des kilogrammes détournés par les activités de l'année (réemploi, réparation, compostage, recyclage, autre), détaillée par flux.",
  },
  {
    key: 'residualKgPerInhabitant',
    label: 'Ordures ménagères résiduelles par habitant',
    unit: 'kg_per_inhabitant',
    better: 'lower',
    source: 'waste',
    computation:
      "Tonnage d'OMR de l'année civile rattachée à l'année de projet (celle qui en contient la plus grande part), divisé par la population de cette année civile.",
  },
  {
    key: 'residualChangeVsBaseline',
    label: "Évolution des OMR par habitant depuis l'année de référence",
    unit: 'ratio',
    better: 'lower',
    source: 'waste',
    computation:
      "OMR par habitant de l'année civile rattachée / OMR par habitant de l'année de référence (l'année civile précédant le démarrage) − 1 ; −0,1 = 10 % de moins.",
  },
];

/** The slice of ActivitiesService.figures that the indicators read. */
export type ActivityInputs = {
  activities: number;
  participants: number;
  volunteerHours: number;
  activeActors: number;
  contributions: number;
  contributionsValueCents: number;
  divertedKg: Record<DivertedStream, number> & { total: number };
};

export type WasteInputs = {
  year: number;
  residualKgPerInhabitant: number | null;
  residualChangeVsBaseline: number | null;
};

export type YearInputs = {
  year: number;
  from: string;
  to: string;
  /** Funding's figure for the project year: null when nothing was recorded. */
  autonomyRatio: number | null;
  activity: ActivityInputs | null;
  /** The calendar year's waste figures, null when none were entered. */
  waste: WasteInputs | null;
};

export type YearStatus = 'not_started' | 'in_progress' | 'ended';

export type YearIndicators = {
  year: number;
  from: string;
  to: string;
  status: YearStatus;
  /** The calendar year whose waste figures stand for this project year. */
  wasteYear: number;
  values: Record<IndicatorKey, number | null>;
  divertedKgByStream: Record<DivertedStream, number> | null;
};

/** The calendar year holding most of a project year: the one its middle day falls in. */
export function wasteYearOf(from: string): number {
  return Number(addDays(from, 182).slice(0, 4));
}

export function yearStatus(from: string, to: string, today: string): YearStatus {
  if (today < from) return 'not_started';
  return today > to ? 'ended' : 'in_progress';
}

type Compute = (i: YearInputs) => number | null;

/** One function per indicator; null means "no data to measure it". */
export const COMPUTE: Record<IndicatorKey, Compute> = {
  // Exact: rounding happens once, at display (a ratio rounded here then again for display could read 45,4 % where
  // the funding page, which formats the exact figure, reads 45,3 %).
  autonomyRatio: (i) =>
    typeof i.autonomyRatio === 'number' && Number.isFinite(i.autonomyRatio) ? i.autonomyRatio : null,
  activeActors: (i) => i.activity?.activeActors ?? null,
  contributions: (i) => i.activity?.contributions ?? null,
  contributionsValueCents: (i) => i.activity?.contributionsValueCents ?? null,
  volunteerHours: (i) => (i.activity ? round(i.activity.volunteerHours, 2) : null),
  activities: (i) => i.activity?.activities ?? null,
  participants: (i) => i.activity?.participants ?? null,
  divertedKg: (i) => (i.activity ? round(i.activity.divertedKg.total, 3) : null),
  residualKgPerInhabitant: (i) => i.waste?.residualKgPerInhabitant ?? null,
  residualChangeVsBaseline: (i) => i.waste?.residualChangeVsBaseline ?? null,
};

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Every indicator of one project year; a year that has not started yet measures nothing. */
export function computeYearIndicators(i: YearInputs, today: string): YearIndicators {
  const status = yearStatus(i.from, i.to, today);
  const values = Object.fromEntries(
    INDICATOR_KEYS.map((k) => [k, status === 'not_started' ? null : COMPUTE[k](i)]),
  ) as Record<IndicatorKey, number | null>;
  const divertedKgByStream =
    status === 'not_started' || !i.activity
      ? null
      : (Object.fromEntries(DIVERTED_STREAMS.map((s) => [s, round(i.activity!.divertedKg[s] ?? 0, 3)])) as Record<
          DivertedStream,
          number
        >);
  return { year: i.year, from: i.from, to: i.to, status, wasteYear: wasteYearOf(i.from), values, divertedKgByStream };
}

export const TARGET_OPERATORS = ['gte', 'lte'] as const;
export type TargetOperator = (typeof TARGET_OPERATORS)[number];
export type Target = { indicator: IndicatorKey; operator: TargetOperator; value: number; year: number };

export type TargetEvaluation = {
  /** true / false once the indicator can be measured for the target's year, null before (not yet measurable). */
  met: boolean | null;
  actual: number | null;
  /** The year is over: the verdict will not change unless past data are corrected. */
  final: boolean;
};

/** Evaluates a measurable target against the computed years: never typed in, always from the data. */
export function evaluateTarget(target: Target, years: YearIndicators[]): TargetEvaluation {
  const y = years.find((x) => x.year === target.year);
  const actual = y ? y.values[target.indicator] : null;
  if (!y || y.status === 'not_started' || actual === null) return { met: null, actual: null, final: false };
  const met = target.operator === 'gte' ? actual >= target.value : actual <= target.value;
  return { met, actual, final: y.status === 'ended' };
}
