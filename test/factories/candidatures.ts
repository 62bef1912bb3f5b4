import { addDays } from '../../src/pilots/pilot-terms';
import { todayInFrance } from '../../src/common/codes';
import type { HttpClient, HttpResponse } from '../support/http-client';

export const today = () => todayInFrance();

/**
 * A call whose two phases are open (deadlines in the future, Paris time). Scoring opens per candidature once
 * its letter of engagement is in, so tests can score without waiting for the deadline.
 */
export async function createOpenCall(
  lead: HttpClient,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await lead.post('/api/calls', {
    title: 'Projet K — appel à coopération test',
    waveYear: Number(today().slice(0, 4)),
    intentionDeadline: addDays(today(), 10),
    engagementDeadline: addDays(today(), 40),
    scoringOpens: 'per_candidature',
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`create call failed: ${res.status} ${res.text}`);
  return res.body;
}

export const intentionBody = (overrides: Record<string, unknown> = {}) => ({
  communes: [{ name: 'Saint-Genès-de-Lombaud', inseeCode: '33406' }],
  inhabitants: 1200,
  intention: {
    specifics: 'Commune rurale de l’Entre-deux-Mers, beaucoup de jeunes familles.',
    values: 'Sobriété, solidarité entre générations.',
    stakes: 'Redynamiser le cœur de village, alimentation locale.',
    zeroWasteCommune: true,
  },
  contactName: 'Mairie de Saint-Genès',
  contactEmail: 'mairie@saint-genes.example.org',
  ...overrides,
});

export const engagementBody = (overrides: Record<string, unknown> = {}) => ({
  hybridPolicies: ['food', 'village_revitalisation'],
  articulation: 'Une cantine anti-gaspillage et une ressourcerie au cœur du bourg.',
  description: 'Un tiers-lieu du réemploi et de l’alimentation dans l’ancienne poste.',
  contribution: 'Du lien social et moins de déchets.',
  actors: [
    { name: 'École élémentaire', type: 'public', canBring: 'Ateliers avec les élèves' },
    { name: 'Comité des fêtes', type: 'associative', canBring: 'Bénévoles' },
    { name: 'Boulangerie du bourg', type: 'private' },
  ],
  contributions: 'Locaux, bénévoles, matériel.',
  existingLinks: 'Le comité des fêtes organise déjà une gratiferia.',
  citizenInvolvement: 'concertation',
  involvementPoints: 'Choix des activités du tiers-lieu.',
  district: 'Centre-bourg',
  place: 'Ancienne poste, place de la mairie',
  coordinator: 'Julien Mercier, secrétaire de mairie — 05 56 00 00 00',
  communeCommitment: 'Mise à disposition du bâtiment, un agent à mi-temps.',
  needs: 'Ingénierie de projet, petits travaux.',
  risks: 'Essoufflement des bénévoles.',
  mitigations: 'Animation par un coordinateur dédié.',
  resources: 'Accompagnement COOP’TER.',
  ...overrides,
});

export const scores = (v: number, overrides: Record<string, number> = {}) => ({
  size: v,
  grouping: v,
  cooperation: v,
  actors: v,
  values: v,
  capacity: v,
  leadership: v,
  ...overrides,
});

/** The member's conflict-of-interest declaration, required before scoring (no conflict unless told). */
export async function declare(
  member: HttpClient,
  candidatureId: string,
  body: Record<string, unknown> = { hasConflict: false },
): Promise<Record<string, any>> {
  const res = await member.put(`/api/candidatures/${candidatureId}/conflict`, body);
  if (res.status !== 200) throw new Error(`declaration failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Declares no conflict, then scores. */
export async function declareAndScore(
  member: HttpClient,
  candidatureId: string,
  body: Record<string, unknown>,
): Promise<HttpResponse> {
  await declare(member, candidatureId);
  return member.post(`/api/candidatures/${candidatureId}/evaluations`, body);
}
