import type { ActorType, DivertedStream, PilotStatus } from '../common/codes';
import type { ExpenseCategory, Fund } from '../funding/entitlements';
import type { PilotStage } from '../pilots/pilot-terms';
import type { WasteStream } from '../waste/waste';

export const LICENCES = {
  'etalab-2.0': {
    name: 'Licence Ouverte 2.0',
    url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
  },
  'odbl-1.0': {
    name: 'Open Database License (ODbL) 1.0',
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
  },
  'cc-by-4.0': {
    name: 'Creative Commons Attribution 4.0 (CC BY 4.0)',
    url: 'https://creativecommons.org/licenses/by/4.0/deed.fr',
  },
} as const;
export type LicenceId = keyof typeof LICENCES;
export const LICENCE_IDS = Object.keys(LICENCES) as LicenceId[];
export const DEFAULT_LICENCE: LicenceId = 'etalab-2.0';

export type Licence = { id: LicenceId; name: string; url: string };

export function licenceOf(id: LicenceId): Licence {
  return { id, ...LICENCES[id] };
}

/** GET/PUT /api/pilots/:id/publication. */
export type Publication = {
  pilotId: string;
  published: boolean;
  /** The stable address: /territoires/<slug> and /api/open-data/pilots/<slug>; proposed from the communes until set. */
  slug: string;
  licence: LicenceId;
  licenceName: string;
  includeReports: boolean;
  publishedAt: string | null;
  pagePath: string;
  dataPath: string;
};

export type PublicationInput = {
  published: boolean;
  slug?: string;
  licence?: LicenceId;
  includeReports?: boolean;
};

/** An amount in both machine units: integer cents and euros (a number with at most two decimals). */
type Money<K extends string> = { [P in `${K}Cents` | `${K}Euros`]: number };

export type PublicFundYear = { year: number; autonomyRatio: number | null } & Money<'operatingResources'> &
  Money<'smicvalOperating'> &
  Money<'cofinancing'> &
  Money<'inKind'> &
  Money<'spent'>;

export type PublicDiverted = Record<DivertedStream, number> & { total: number };

export type PublicActivityFigures = {
  activities: number;
  participants: number;
  volunteerHours: number;
  divertedKg: PublicDiverted;
};

/** The open-data document of one published pilot (docs/open-data.schema.json describes it). */
export type PublicPilotData = {
  schemaVersion: 1;
  slug: string;
  pageUrl: string;
  dataUrl: string;
  licence: Licence;
  publisher: string;
  publishedAt: string | null;
  asOf: string;
  pilot: {
    name: string;
    communes: { name: string; inseeCode: string | null }[];
    inhabitants: number;
    waveYear: number | null;
    startDate: string | null;
    programmeEnd: string | null;
    currentProjectYear: number | null;
    status: PilotStatus;
    stage: PilotStage;
    policies: string[];
  };
  actors: {
    total: number;
    byType: { type: ActorType; actors: number }[];
    /** Only the actors that agreed to appear, by name. */
    named: { name: string; type: ActorType }[];
  };
  funding: {
    inhabitants: number;
    funds: ({ fund: Fund } & Money<'entitled'> & Money<'disbursed'> & Money<'spent'>)[];
    spentByCategory: ({ category: ExpenseCategory } & Money<'spent'>)[];
    years: PublicFundYear[];
  } & Money<'entitled'> &
    Money<'disbursed'> &
    Money<'spent'> &
    Money<'cofinancing'> &
    Money<'inKind'>;
  activities: {
    total: PublicActivityFigures;
    years: ({ year: number; from: string; to: string } & PublicActivityFigures)[];
    byType: { type: string; activities: number; participants: number }[];
    recent: { date: string; title: string; type: string; participants: number; divertedKg: number }[];
  };
  waste: {
    baselineYear: number | null;
    years: {
      year: number;
      population: number;
      kgPerInhabitant: Record<WasteStream, number | null> & { total: number | null };
      residualChangeVsBaseline: number | null;
    }[];
  };
  milestones: {
    total: number;
    done: number;
    met: { title: string; dueDate: string; completedOn: string | null; targetMet: boolean | null }[];
  };
  reports: {
    id: string;
    title: string;
    kind: 'pilot' | 'final';
    year: number | null;
    audience: string;
    version: number;
    issuedAt: string;
    pdfUrl: string;
    pdfBytes: number;
    pdfSha256: string;
  }[];
};

/** One published pilot in the catalogue (GET /api/open-data/pilots). */
export type PublicPilotEntry = {
  slug: string;
  name: string;
  communes: string[];
  inhabitants: number;
  stage: PilotStage;
  startDate: string | null;
  publishedAt: string | null;
  licence: Licence;
  pageUrl: string;
  dataUrl: string;
};

export type OpenDataCatalogue = {
  publisher: string;
  licence: Licence;
  items: PublicPilotEntry[];
};
