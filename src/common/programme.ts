/**
 * The programme's terms as Smicval's call for cooperation sets them: eligible territories of 800 to 1 500
 * inhabitants, 80 € per inhabitant once (investment) and 20 € per inhabitant per year (operating) for 3 years.
 * They are the defaults of every new call and of a pilot created without a call; a call may set its own.
 * Pure TypeScript with no imports: the client's call form reads the same values.
 */
export const PROGRAMME_DEFAULTS = {
  minInhabitants: 800,
  maxInhabitants: 1500,
  investmentPerInhabitantCents: 80_00,
  operatingPerInhabitantPerYearCents: 20_00,
  operatingYears: 3,
} as const;
