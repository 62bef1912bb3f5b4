import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { unwrap } from '../pilots/pilotsApi';
import type { components } from '../../api/schema';
import { queryKeys } from '../../api/queryKeys';

export type Report = components['schemas']['ReportDto'];
export type ReportPage = components['schemas']['ReportPageDto'];
export type Audience = Report['audience'];
export type ReportStatus = Report['status'];
export type Narrative = components['schemas']['NarrativeDto'];

export { audienceLabels } from '../../i18n/labels';

export const reportStatusLabels: Record<ReportStatus, string> = {
  queued: 'En attente',
  running: 'En cours de production',
  done: 'Prêt',
  failed: 'Échec',
};

export const stageLabels: Record<string, string> = {
  snapshot: 'Collecte des chiffres',
  html: 'Mise en page',
  pdf: 'Impression PDF',
  xlsx: 'Annexe tableur',
  store: 'Enregistrement',
};

export const reportKeys = queryKeys.reports;

/** A list is "live" while one of its reports is still being produced: it is polled until they end. */
export function isInProgress(items: Report[] | undefined): boolean {
  return (items ?? []).some((r) => r.status === 'queued' || r.status === 'running');
}

export async function fetchPilotReports(pilotId: string): Promise<ReportPage> {
  const { data, error } = await api.GET('/api/pilots/{id}/reports', {
    params: { path: { id: pilotId }, query: { limit: 100 } },
  });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export async function fetchCallReports(callId: string): Promise<ReportPage> {
  const { data, error } = await api.GET('/api/calls/{id}/reports', {
    params: { path: { id: callId }, query: { limit: 100 } },
  });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export async function fetchMyReports(): Promise<ReportPage> {
  const { data, error } = await api.GET('/api/reports', { params: { query: { limit: 100 } } });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export async function createPilotReport(
  pilotId: string,
  body: { year: number; audience: Audience; narrative?: Narrative },
) {
  // An ApiError carries the problem itself, so the form puts per-field refusals on its fields.
  return unwrap(await api.POST('/api/pilots/{id}/reports', { params: { path: { id: pilotId } }, body }));
}

export async function createCallReport(
  callId: string,
  body: { audience: Audience; year?: number; narrative?: Narrative },
) {
  return unwrap(await api.POST('/api/calls/{id}/reports', { params: { path: { id: callId } }, body }));
}

export async function issueReport(id: string): Promise<Report> {
  const { data, error } = await api.POST('/api/reports/{id}/issue', { params: { path: { id } } });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export const fileUrl = (id: string, format: 'html' | 'pdf' | 'xlsx') => `/api/reports/${id}/${format}`;

export type ReportReviews = components['schemas']['ReportReviewsDto'];
export type ReportComment = components['schemas']['ReportCommentDto'];
export type ReviewDecision = NonNullable<ReportComment['decision']>;

export const decisionLabels: Record<ReviewDecision, string> = {
  approve: 'Approuvé',
  changes_requested: 'Modifications demandées',
};

/** « Rapport annuel — année 2 » or « Bilan du programme »: what a report is, in a line. */
export function reportKindLabel(r: Pick<Report, 'kind' | 'year'>): string {
  if (r.kind === 'final') return 'Bilan du programme';
  if (r.kind === 'wave') return r.year ? `Rapport de vague — année ${r.year}` : 'Rapport de vague';
  return `Rapport annuel — année ${r.year}`;
}

export const reviewKeys = { report: (id: string) => ['reports', 'one', id] as const };

export async function fetchReport(id: string): Promise<Report> {
  const { data, error } = await api.GET('/api/reports/{id}', { params: { path: { id } } });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export async function fetchReviews(id: string): Promise<ReportReviews> {
  const { data, error } = await api.GET('/api/reports/{id}/reviews', { params: { path: { id } } });
  if (error) throw new Error(problemMessage(error));
  return data;
}

/** Throws the problem itself, so the form can put field errors beside the field. */
export async function postComment(id: string, body: { body?: string; decision?: ReviewDecision }) {
  const { data, error } = await api.POST('/api/reports/{id}/comments', { params: { path: { id } }, body });
  if (error) throw error;
  return data;
}

export async function createFinalReport(pilotId: string, audience: 'ademe' | 'board') {
  const { data, error } = await api.POST('/api/pilots/{id}/reports', {
    params: { path: { id: pilotId } },
    body: { kind: 'final', audience },
  });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export type NarrativeDraft = components['schemas']['NarrativeDraftDto'];

export const draftKeys = {
  draft: (pilotId: string, year: number) => ['reports', 'pilot', pilotId, 'draft', year] as const,
};

/** The coordinator's part of a year's narrative (faits marquants, difficultés): empty until someone writes it. */
export async function fetchNarrativeDraft(pilotId: string, year: number): Promise<NarrativeDraft> {
  const { data, error } = await api.GET('/api/pilots/{id}/narrative-drafts/{year}', {
    params: { path: { id: pilotId, year } },
  });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export async function saveNarrativeDraft(
  pilotId: string,
  year: number,
  body: { highlights: string; difficulties: string },
): Promise<NarrativeDraft> {
  const { data, error } = await api.PUT('/api/pilots/{id}/narrative-drafts/{year}', {
    params: { path: { id: pilotId, year } },
    body,
  });
  // The problem travels with the French message, so its per-field refusals reach the form's fields.
  if (error) throw Object.assign(new Error(problemMessage(error)), { problem: error as unknown });
  return data;
}
