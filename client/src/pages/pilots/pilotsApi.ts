import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import type { components, paths } from '../../api/schema';
import { queryKeys } from '../../api/queryKeys';
import { formatIndicator } from '../../i18n/format';

export type Pilot = components['schemas']['PilotDto'];
export type PilotSummary = components['schemas']['PilotSummaryDto'];
export type Amendment = components['schemas']['AmendmentHistoryItemDto'];
export type AmendmentHistory = components['schemas']['AmendmentHistoryDto'];
export type Actor = components['schemas']['ActorDto'];
export type Contribution = components['schemas']['ContributionDto'];
export type ActorLink = components['schemas']['ActorLinkDto'];
export type ActorNetwork = components['schemas']['ActorNetworkDto'];
export type Activity = components['schemas']['ActivityDto'];
export type CreateActivity = components['schemas']['CreateActivityDto'];
export type Overview = components['schemas']['PilotOverviewDto'];
export type Figures = components['schemas']['ActivityFiguresDto'];

/** Query keys: everything about one pilot starts with ['pilot', id], so one invalidation refreshes the tabs. */
export const pilotKeys = { ...queryKeys.pilot, list: queryKeys.pilots.list, pilot: queryKeys.pilot.record };

/** A refused request: the problem body, for problemMessage and problemFieldErrors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    // The French text, so any page that shows `error.message` speaks the catalogue's language.
    super(problemMessage(body));
  }
}

/** Unwraps an openapi-fetch answer: the data, or an ApiError carrying the problem. */
export function unwrap<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data !== undefined && r.response.ok) return r.data;
  throw new ApiError(r.response.status, r.error);
}

export async function fetchPilot(id: string): Promise<Pilot> {
  return unwrap(await api.GET('/api/pilots/{id}', { params: { path: { id } } }));
}

export async function fetchOverview(id: string): Promise<Overview> {
  return unwrap(await api.GET('/api/pilots/{id}/overview', { params: { path: { id } } }));
}

export async function fetchNetwork(id: string): Promise<ActorNetwork> {
  return unwrap(await api.GET('/api/pilots/{id}/network', { params: { path: { id } } }));
}

type ActivityQuery = NonNullable<paths['/api/pilots/{id}/activities']['get']['parameters']['query']>;
export type ActivityFilters = Pick<ActivityQuery, 'from' | 'to' | 'policy' | 'type'>;

/** The export link for the current filters (the browser downloads it with the session cookie). */
export function activitiesExportUrl(id: string, filters: ActivityFilters, format: 'csv' | 'xlsx'): string {
  const q = new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), format });
  return `/api/pilots/${id}/activities?${q.toString()}`;
}

export { todayInFrance } from '../../i18n/dates';

// The report's own formatter (figure() in src/common/format-fr.ts), so a pilot page and the report print a figure
// with the same characters: « 1 679 kg », never « 1,7 t » on one and « 1 679 kg » on the other.
export function formatCount(n: number): string {
  return formatIndicator('count', n);
}

export function formatKg(kg: number): string {
  return formatIndicator('kg', kg);
}

export function formatHours(h: number): string {
  return formatIndicator('hours', h);
}

// French messages for the pilots' own problem codes (the shared ones are in api/problem.ts).
const pilotProblems: Record<string, string> = {
  date_before_pilot_life:
    'Cette date est antérieure à la vie du projet (au plus six mois avant le démarrage de la convention).',
  date_in_future: 'Cette date est dans le futur : enregistrez l’activité une fois qu’elle a eu lieu.',
  volunteer_hours_implausible: 'Trop d’heures de bénévolat pour le nombre de bénévoles (24 h au plus par bénévole).',
  unknown_actor: 'Cet acteur ne fait pas partie de ce projet pilote.',
  actor_exists: 'Un acteur porte déjà ce nom dans ce projet pilote.',
  link_exists: 'Ces deux acteurs sont déjà reliés pour cette raison.',
  self_link: 'Un acteur ne peut pas être relié à lui-même.',
  year_out_of_range: 'Cette année de projet n’existe pas pour ce pilote.',
  amendment_before_start: 'Un avenant ne peut pas prendre effet avant le démarrage de la convention.',
  start_date_required: 'Un projet démarré a besoin de sa date de démarrage de convention.',
  start_after_amendment: 'Un avenant prend effet avant cette date de démarrage.',
  activity_not_found: 'Cette activité est introuvable.',
  actor_not_found: 'Cet acteur est introuvable.',
  contribution_not_found: 'Cette contribution est introuvable.',
  link_not_found: 'Ce lien est introuvable.',
  pilot_not_found: 'Ce projet pilote est introuvable.',
};

function isProblemBody(
  body: unknown,
): body is { code: string; detail?: string; errors?: { field: string; code: string; message: string }[] } {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

/** The French message of a refused request on a pilot's data. */
export function pilotProblemMessage(error: unknown, fallback = 'Une erreur est survenue.'): string {
  if (!(error instanceof ApiError)) return fallback;
  if (isProblemBody(error.body) && pilotProblems[error.body.code]) return pilotProblems[error.body.code]!;
  return problemMessage(error.body);
}

/** For answers without a body (204): throws the problem when refused. */
export function ensureOk(r: { error?: unknown; response: Response }): void {
  if (!r.response.ok) throw new ApiError(r.response.status, r.error);
}
