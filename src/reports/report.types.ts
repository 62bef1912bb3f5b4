/** The report's shapes: the snapshot is the single source every output (HTML, PDF, XLSX) is rendered from. */
export const AUDIENCES = ['ademe', 'coopter', 'board'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_FORMATS = ['html', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type ReportStage = 'snapshot' | 'html' | 'pdf' | 'xlsx' | 'store';

export type Narrative = { highlights: string; difficulties: string; outlook: string };

/** A section whose feature is missing or failed says so explicitly instead of breaking the report. */
export type Unavailable = { available: false; reason: string };
export type Section<T> = ({ available: true } & T) | Unavailable;

export type Fund = 'investment' | 'operating';
export type FundBalance = { entitledCents: number; disbursedCents: number; spentCents: number; availableCents: number };

export type FundingSection = {
  inhabitants: number;
  /** Every entitlement of the pilot (all years), and the total of the report's year. */
  entitlements: { fund: Fund; year: number; amountCents: number }[];
  yearEntitledCents: number;
  /** Ledger entries of the report's project year, reversals netted out. */
  disbursements: { fund: Fund | null; date: string; reference: string; amountCents: number }[];
  disbursedByFund: Record<Fund, number>;
  disbursedCents: number;
  expensesByCategory: { category: string; investmentCents: number; operatingCents: number; totalCents: number }[];
  expensesCents: number;
  cofinancingBySource: { source: string; sourceKind: string | null; amountCents: number }[];
  cofinancingCents: number;
  inKindBySource: { source: string; sourceKind: string | null; amountCents: number }[];
  inKindCents: number;
  /** Balances per fund, cumulated to date (as the funding page shows them). */
  balances: Record<Fund, FundBalance>;
  autonomyRatio: number | null;
  operatingResourcesCents: number | null;
  smicvalOperatingCents: number | null;
  entryCount: number;
};

export type ActivitiesSection = {
  count: number;
  participants: number;
  volunteers: number;
  volunteerHours: number;
  divertedKg: { reuse: number; repair: number; compost: number; recycling: number; other: number; total: number };
  byType: { type: string; count: number; participants: number }[];
  byPolicy: { policy: string; count: number; participants: number }[];
  notable: { date: string; title: string; type: string; participants: number }[];
  list: {
    date: string;
    title: string;
    type: string;
    policies: string[];
    participants: number;
    volunteers: number;
    volunteerHours: number;
    participationLevel: string | null;
    /** Number of photos of the activity (absent in snapshots taken before photos were counted). */
    photos?: number;
  }[];
  /** A few photos of the year's activities, newest first, as bounded JPEG thumbnails (base64). */
  photos?: ReportPhoto[];
};

/** A photo printed in the report, carried by the snapshot itself so rendering reads nothing else. */
export type ReportPhoto = {
  activityTitle: string;
  date: string;
  contentType: 'image/jpeg';
  width: number;
  height: number;
  base64: string;
};

export type ActorsSection = {
  count: number;
  byType: { type: string; count: number }[];
  list: { name: string; type: string; contributions: number }[];
  contributions: {
    actor: string;
    kind: string;
    description: string;
    valueCents: number | null;
    hours: number | null;
    year: number | null;
  }[];
  contributionsValueCents: number;
  contributionsHours: number;
};

/**
 * A national figure the pilot is compared with, like for like: residual waste (OMR) with the national OMR, the
 * total of the streams the pilot reported with the national household waste (DMA), each with its source and year.
 */
export type WasteReference = {
  compares: 'residual' | 'total';
  label: string;
  kgPerInhabitant: number;
  year: number;
  source: string;
};

export type WasteSection = {
  baselineYear: number | null;
  years: {
    year: number;
    population: number;
    kgPerInhabitant: Record<string, number>;
    residualChangeVsBaseline: number | null;
  }[];
  /** The streams the pilot reported in at least one year (their sum is the pilot's total). */
  reportedStreams: string[];
  references: WasteReference[];
};

export type IndicatorUnit = 'ratio' | 'count' | 'hours' | 'kg' | 'kgPerInhabitant' | 'cents';

export type MilestoneTarget = {
  indicator: string;
  label: string;
  operator: 'gte' | 'lte';
  value: number;
  unit: IndicatorUnit;
  year: number;
};

export type AutonomySection = {
  /** The calendar year whose waste figures stand for the report's project year. */
  wasteYear: number | null;
  indicators: { key: string; label: string; value: number | null; unit: IndicatorUnit; definition: string }[];
  milestones: {
    title: string;
    dueDate: string | null;
    status: string;
    late: boolean;
    targetMet: boolean | null;
    /** The target's year is over: the verdict is final. */
    targetFinal: boolean;
    targetActual: number | null;
    target: MilestoneTarget | null;
  }[];
};

/** The handful of figures the API returns as `figures` and the cover page shows. Null: not available. */
export type KeyFigures = {
  inhabitants: number | null;
  yearEntitledCents: number | null;
  disbursedCents: number | null;
  expensesCents: number | null;
  cofinancingCents: number | null;
  inKindCents: number | null;
  autonomyRatio: number | null;
  activities: number | null;
  participants: number | null;
  volunteerHours: number | null;
  actors: number | null;
  contributions: number | null;
  residualKgPerInhabitant: number | null;
  residualChangeVsBaseline: number | null;
  /** The calendar year of the two waste figures above (the one the indicator table uses for the project year). */
  wasteYear?: number | null;
};

export type PilotInfo = {
  id: string;
  name: string;
  communes: string[];
  inhabitants: number;
  startDate: string | null;
  status: string;
  district: string | null;
  place: string | null;
  policies: string[];
  lead: string | null;
  experts: string[];
  waveYear: number | null;
};

export type PilotSnapshot = {
  schema: 1;
  kind: 'pilot';
  audience: Audience;
  version: number;
  year: number;
  period: { from: string; to: string } | null;
  /** Day the figures were gathered (Europe/Paris); part of the snapshot, so rendering never reads the clock. */
  asOf: string;
  pilot: PilotInfo;
  narrative: Narrative;
  keyFigures: KeyFigures;
  signature?: Signature;
  logo?: ReportLogo;
  sections: {
    funding: Section<FundingSection>;
    activities: Section<ActivitiesSection>;
    actors: Section<ActorsSection>;
    waste: Section<WasteSection>;
    autonomy: Section<AutonomySection>;
  };
};

export type WaveSnapshot = {
  schema: 1;
  kind: 'wave';
  audience: Audience;
  version: number;
  /** Project year compared across pilots; null: everything to date. */
  year: number | null;
  asOf: string;
  call: { id: string; title: string; waveYear: number | null };
  narrative: Narrative;
  keyFigures: KeyFigures;
  signature?: Signature;
  logo?: ReportLogo;
  pilots: {
    id: string;
    name: string;
    communes: string[];
    startDate: string | null;
    status: string;
    keyFigures: KeyFigures;
    missing: string[];
  }[];
};

/** One project year of the final report: the year's key figures as its yearly report prints them. */
export type FinalYear = {
  year: number;
  period: { from: string; to: string };
  keyFigures: KeyFigures;
  /** Actors who made at least one contribution recorded for that year. */
  contributingActors: number | null;
  /** Milestones whose target year is this one, and how many of them reached their target. */
  milestonesDue: number;
  milestonesMet: number;
};

/** The organisation's logo, carried by the snapshot itself (base64), so rendering reads nothing else. */
export type ReportLogo = { contentType: string; sha256: string; base64: string };

/** The name, role and day of the lead who issued the report; part of the snapshot, so the bytes stay reproducible. */
export type Signature = { name: string; role: string; date: string };

/**
 * The programme's final report (« bilan »): every project year of one pilot side by side, its waste history
 * against the baseline, every milestone with its verdict and the lead's conclusions.
 */
export type FinalSnapshot = {
  schema: 1;
  kind: 'final';
  audience: Audience;
  version: number;
  period: { from: string; to: string };
  asOf: string;
  pilot: PilotInfo;
  narrative: Narrative;
  /** The whole programme (every year): entitlements, disbursements, expenses, own resources, activities. */
  keyFigures: KeyFigures;
  years: FinalYear[];
  waste: Section<WasteSection>;
  milestones: Section<{ items: AutonomySection['milestones'] }>;
  signature?: Signature;
  logo?: ReportLogo;
};

export type ReportSnapshot = PilotSnapshot | WaveSnapshot | FinalSnapshot;
export type ReportKind = ReportSnapshot['kind'];

export const EMPTY_NARRATIVE: Narrative = { highlights: '', difficulties: '', outlook: '' };
