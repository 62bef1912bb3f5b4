import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import type { components, paths } from '../../api/schema';
import { queryKeys } from '../../api/queryKeys';

export type Home = components['schemas']['HomeDto'];
export type PilotSummary = components['schemas']['HomePilotDto'];
export type CoordinatorPilot = components['schemas']['CoordinatorPilotDto'];
export type CallInProgress = components['schemas']['CallInProgressDto'];
export type CommitteeCall = components['schemas']['CommitteeCallDto'];
export type TodoItem = components['schemas']['TodoItemDto'];
export type HomeNotification = components['schemas']['HomeNotificationDto'];
export type SearchResults = components['schemas']['SearchResultsDto'];

export const HOME_KEY = queryKeys.home;

/** The lead's page of pilots and its filters (sent to the server, which pages and filters in SQL). */
export type LeadQuery = NonNullable<paths['/api/home']['get']['parameters']['query']>;

export function useHome(lead: LeadQuery = {}) {
  // Only what differs from the defaults goes in the URL (and the key): every role's first view is `/api/home`.
  const query = Object.fromEntries(
    Object.entries(lead).filter(([k, v]) => v !== undefined && v !== '' && !(k === 'page' && v === 1)),
  ) as LeadQuery;
  return useQuery({
    queryKey: queryKeys.homePage(query),
    queryFn: async (): Promise<Home> => {
      const { data, error } = await api.GET('/api/home', { params: { query } });
      if (error) throw new Error(problemMessage(error));
      return data;
    },
    refetchInterval: 60_000,
    // The table keeps the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}

export async function search(q: string): Promise<SearchResults> {
  const { data, error } = await api.GET('/api/search', { params: { query: { q } } });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export const phaseLabels: Record<CallInProgress['phase'], string> = {
  intention: "Lettres d'intention",
  engagement: "Lettres d'engagement",
  selection: 'Sélection par le comité',
};

export const todoKindLabels: Record<TodoItem['kind'], string> = {
  milestone_late: 'Jalon en retard',
  milestone_due: 'Jalon à échéance',
  waste_missing: 'Données déchets manquantes',
  report_due: 'Rapport annuel',
  instalment_due: 'Versement attendu',
};

/** « dans 3 jours », « aujourd'hui », « dépassée ». */
export function countdown(daysLeft: number | null): string {
  if (daysLeft === null) return '';
  if (daysLeft < 0) return 'échéance dépassée';
  if (daysLeft === 0) return "se termine aujourd'hui";
  return daysLeft === 1 ? 'encore 1 jour' : `encore ${daysLeft} jours`;
}

/** « Année 2 »; after the last operating year, the programme is over (never « Année 4 » of a 3-year programme). */
export function projectYearLabel(p: { projectYear: number | null; operatingYears: number }): string {
  if (p.projectYear === null) return 'Sans date de démarrage';
  if (p.projectYear === 0) return 'Préparation';
  if (p.projectYear > p.operatingYears) return 'Programme terminé';
  return `Année ${p.projectYear}`;
}
