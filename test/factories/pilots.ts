import { addDays } from '../../src/pilots/pilot-terms';
import { todayInFrance } from '../../src/common/codes';
import type { HttpClient } from '../support/http-client';

/** A pilot created directly by a lead; by default running since about a year. */
export async function createPilot(
  lead: HttpClient,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await lead.post('/api/pilots', {
    name: 'Saint-Genès-de-Lombaud — tiers-lieu du réemploi',
    communes: [{ name: 'Saint-Genès-de-Lombaud', inseeCode: '33406' }],
    inhabitants: 1200,
    inhabitantsSource: 'INSEE, population municipale 2021',
    startDate: addDays(todayInFrance(), -400),
    waveYear: 2023,
    policies: ['food', 'village_revitalisation'],
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`create pilot failed: ${res.status} ${res.text}`);
  return res.body;
}

export async function createActor(
  http: HttpClient,
  pilotId: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await http.post(`/api/pilots/${pilotId}/actors`, {
    name: `Acteur ${Math.random().toString(36).slice(2, 8)}`,
    type: 'associative',
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`create actor failed: ${res.status} ${res.text}`);
  return res.body;
}

export async function logActivity(
  http: HttpClient,
  pilotId: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await http.post(`/api/pilots/${pilotId}/activities`, {
    date: addDays(todayInFrance(), -3),
    title: 'Atelier compostage',
    type: 'workshop',
    participants: 12,
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`log activity failed: ${res.status} ${res.text}`);
  return res.body;
}
