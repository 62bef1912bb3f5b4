import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import type { components } from '../../api/schema';
import { queryKeys } from '../../api/queryKeys';
import { targetVerdictLabels as targetVerdicts } from '../../i18n/labels';

export type Autonomy = components['schemas']['AutonomyDto'];
export type Milestone = components['schemas']['MilestoneDto'];
export type YearIndicators = components['schemas']['YearIndicatorsDto'];
export type IndicatorDefinition = components['schemas']['IndicatorDefinitionDto'];
export type WasteFigures = components['schemas']['WasteFiguresDto'];
export type References = components['schemas']['ReferencesDto'];
export type MilestoneStatus = Milestone['status'];
export type IndicatorKey = IndicatorDefinition['key'];

export { milestoneStatusLabels } from '../../i18n/labels';
/** Indicator values print through the shared formatter, exactly as in the report. */
export { formatIndicator } from '../../i18n/format';

/** The server's verdict of a target (the reports' words), capitalised for a badge. */
export const targetVerdictLabels = Object.fromEntries(
  Object.entries(targetVerdicts).map(([code, text]) => [code, text.charAt(0).toUpperCase() + text.slice(1)]),
) as Record<NonNullable<Milestone['targetVerdict']>, string>;

export const autonomyKeys = {
  autonomy: queryKeys.pilot.autonomy,
  waste: queryKeys.pilot.waste,
};

export async function fetchAutonomy(pilotId: string): Promise<Autonomy> {
  const { data, error } = await api.GET('/api/pilots/{id}/autonomy', { params: { path: { id: pilotId } } });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export async function fetchWaste(pilotId: string): Promise<WasteFigures> {
  const { data, error } = await api.GET('/api/pilots/{id}/waste', { params: { path: { id: pilotId } } });
  if (error) throw new Error(problemMessage(error));
  return data;
}

export async function fetchCatalogue(): Promise<IndicatorDefinition[]> {
  const { data, error } = await api.GET('/api/indicators');
  if (error) throw new Error(problemMessage(error));
  return data;
}

export async function fetchReferences(): Promise<References> {
  const { data, error } = await api.GET('/api/references/waste');
  if (error) throw new Error(problemMessage(error));
  return data;
}
