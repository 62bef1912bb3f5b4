import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import type { components } from '../../api/schema';

export type Report = components['schemas']['ReportDto'];
export type ReportPage = components['schemas']['ReportPageDto'];
export type Audience = Report['audience'];
export type ReportStatus = Report['status'];
export type Narrative = components['schemas']['NarrativeDto'];

export const audienceLabels: Record<Audience, string> = {
  ademe: 'ADEME',
  coopter: "COOP'TER",
  board: 'Bureau du Smicval',
};

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

export const reportKeys = {
  all: ['reports'] as const,
  pilot: (pilotId: string) => ['reports', 'pilot', pilotId] as const,
  call: (callId: string) => ['reports', 'call', callId] as const,
  mine: () => ['reports', 'mine'] as const,
};

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
  const { data, error } = await api.POST('/api/pilots/{id}/reports', { params: { path: { id: pilotId } }, body });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export async function createCallReport(
  callId: string,
  body: { audience: Audience; year?: number; narrative?: Narrative },
) {
  const { data, error } = await api.POST('/api/calls/{id}/reports', { params: { path: { id: callId } }, body });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export async function issueReport(id: string): Promise<Report> {
  const { data, error } = await api.POST('/api/reports/{id}/issue', { params: { path: { id } } });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export const fileUrl = (id: string, format: 'html' | 'pdf' | 'xlsx') => `/api/reports/${id}/${format}`;

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
  if (error) throw new Error(problemMessage(error));
  return data;
}
