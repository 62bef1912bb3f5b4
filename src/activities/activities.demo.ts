import { ActorsService } from '../actors/actors.service';
import type { ActorType, ActivityType, ContributionKind, ParticipationLevel, Policy } from '../common/codes';
import { todayInFrance } from '../common/codes';
import type { DemoSeeder } from '../demo-kit/demo.types';
import { demoCalendar } from '../demo-kit/demo-calendar';
import { addDays } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import { UsersService } from '../users/users.service';
import { ActivitiesService } from './activities.service';

const ACTORS: { key: string; name: string; type: ActorType; description: string; contact?: string }[] = [
  {
    key: 'mairie',
    name: 'Mairie de Saint-Genès-de-Lombaud',
    type: 'public',
    description: 'Porteuse du projet : salle des fêtes, agent technique, ancienne poste.',
    contact: 'mairie@saint-genes.demo',
  },
  {
    key: 'ecole',
    name: 'École élémentaire des Tilleuls',
    type: 'public',
    description: 'Ateliers avec les élèves, composteur de la cantine.',
  },
  {
    key: 'recyclerie',
    name: 'Recyclerie de l’Entre-deux-Mers',
    type: 'associative',
    description: 'Collectes de réemploi, boutique solidaire, animation du repair café.',
    contact: '05 56 00 00 00',
  },
  {
    key: 'comite',
    name: 'Comité des fêtes',
    type: 'associative',
    description: 'Fêtes de village zéro déchet, prêt de vaisselle réutilisable.',
  },
  {
    key: 'ferme',
    name: 'Ferme du Lombaud',
    type: 'private',
    description: 'Maraîchage bio : compost, paniers, invendus pour la cantine.',
  },
  {
    key: 'boulangerie',
    name: 'Boulangerie Au Pain Doré',
    type: 'private',
    description: 'Vente en vrac et contenants consignés.',
  },
  {
    key: 'bricoleurs',
    name: 'Les Bricoleurs du dimanche',
    type: 'citizen',
    description: 'Collectif d’habitants bénévoles du repair café.',
  },
  {
    key: 'parents',
    name: 'Collectif des parents d’élèves',
    type: 'citizen',
    description: 'Goûters zéro déchet, bourse aux jouets.',
  },
];

const CONTRIBUTIONS: {
  actor: string;
  kind: ContributionKind;
  description: string;
  valueCents?: number;
  hours?: number;
  year: number;
}[] = [
  {
    actor: 'mairie',
    kind: 'land',
    description: 'Mise à disposition de l’ancienne poste pour le tiers-lieu',
    valueCents: 720000,
    year: 1,
  },
  {
    actor: 'mairie',
    kind: 'people',
    description: 'Agent technique deux demi-journées par mois',
    hours: 96,
    valueCents: 288000,
    year: 1,
  },
  {
    actor: 'mairie',
    kind: 'money',
    description: 'Budget communal pour le mobilier du tiers-lieu',
    valueCents: 450000,
    year: 1,
  },
  {
    actor: 'ecole',
    kind: 'activities',
    description: 'Séquence pédagogique « zéro déchet » en CM1-CM2',
    hours: 24,
    year: 1,
  },
  {
    actor: 'recyclerie',
    kind: 'skills',
    description: 'Animation du repair café et formation des bénévoles',
    hours: 60,
    valueCents: 180000,
    year: 1,
  },
  {
    actor: 'recyclerie',
    kind: 'equipment',
    description: 'Prêt d’outillage et d’un camion pour les collectes',
    valueCents: 150000,
    year: 1,
  },
  {
    actor: 'comite',
    kind: 'equipment',
    description: 'Gobelets et vaisselle réutilisables pour les fêtes',
    valueCents: 90000,
    year: 1,
  },
  { actor: 'ferme', kind: 'activities', description: 'Visites de la ferme et ateliers compost', hours: 18, year: 1 },
  { actor: 'ferme', kind: 'equipment', description: 'Broyeur à végétaux partagé', valueCents: 240000, year: 1 },
  { actor: 'boulangerie', kind: 'skills', description: 'Atelier pain perdu et anti-gaspillage', hours: 6, year: 1 },
  { actor: 'bricoleurs', kind: 'people', description: 'Bénévoles du repair café', hours: 140, year: 1 },
  { actor: 'parents', kind: 'people', description: 'Organisation de la bourse aux jouets', hours: 40, year: 1 },
  { actor: 'mairie', kind: 'people', description: 'Coordination communale (élue référente)', hours: 80, year: 2 },
  {
    actor: 'recyclerie',
    kind: 'skills',
    description: 'Accompagnement de la boutique de réemploi du tiers-lieu',
    hours: 45,
    valueCents: 135000,
    year: 2,
  },
  { actor: 'bricoleurs', kind: 'people', description: 'Permanences du repair café', hours: 90, year: 2 },
];

const LINKS: [string, string, string][] = [
  ['recyclerie', 'bricoleurs', 'Animent ensemble le repair café mensuel'],
  ['ecole', 'parents', 'Goûters zéro déchet et bourse aux jouets'],
  ['ferme', 'ecole', 'Invendus et compost pour la cantine'],
  ['comite', 'mairie', 'Fêtes de village sans vaisselle jetable'],
  ['boulangerie', 'ferme', 'Circuit court : farine et pain en vrac'],
];

type DemoActivity = {
  day: number;
  title: string;
  type: ActivityType;
  policies: Policy[];
  participants: number;
  volunteers?: number;
  hours?: number;
  actors?: string[];
  level?: ParticipationLevel;
  kg?: { reuse?: number; repair?: number; compost?: number; recycling?: number; other?: number };
  notes?: string;
};

const W: Policy = 'waste_reduction';

/** About forty activities over the first year and a half, by days after the convention start. */
const ACTIVITIES: DemoActivity[] = [
  {
    day: -40,
    title: 'Réunion publique de lancement',
    type: 'governance_meeting',
    policies: [W, 'village_revitalisation'],
    participants: 85,
    actors: ['mairie'],
    level: 'information',
  },
  {
    day: 6,
    title: 'Premier comité de pilotage',
    type: 'governance_meeting',
    policies: [W],
    participants: 14,
    actors: ['mairie', 'recyclerie', 'ecole'],
    level: 'concertation',
  },
  {
    day: 20,
    title: 'Atelier « Imaginons le tiers-lieu »',
    type: 'workshop',
    policies: [W, 'village_revitalisation'],
    participants: 42,
    volunteers: 4,
    hours: 12,
    actors: ['mairie'],
    level: 'concertation',
  },
  {
    day: 45,
    title: 'Article dans le bulletin municipal',
    type: 'communication',
    policies: [W],
    participants: 0,
    actors: ['mairie'],
    level: 'information',
  },
  {
    day: 60,
    title: 'Atelier compost à l’école',
    type: 'workshop',
    policies: [W, 'education'],
    participants: 48,
    volunteers: 2,
    hours: 4,
    actors: ['ecole', 'ferme'],
    kg: { compost: 35 },
  },
  {
    day: 75,
    title: 'Premier repair café',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 26,
    volunteers: 6,
    hours: 24,
    actors: ['recyclerie', 'bricoleurs'],
    kg: { repair: 48 },
  },
  {
    day: 104,
    title: 'Repair café {mois}',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 21,
    volunteers: 5,
    hours: 20,
    actors: ['recyclerie', 'bricoleurs'],
    kg: { repair: 37 },
  },
  {
    day: 118,
    title: 'Atelier cuisine des restes',
    type: 'workshop',
    policies: [W, 'food', 'health'],
    participants: 16,
    volunteers: 2,
    hours: 6,
    actors: ['boulangerie', 'ferme'],
    kg: { other: 12 },
  },
  {
    day: 128,
    title: 'Collecte de printemps (réemploi)',
    type: 'collection',
    policies: [W, 'social_inclusion'],
    participants: 64,
    volunteers: 8,
    hours: 40,
    actors: ['recyclerie', 'mairie'],
    kg: { reuse: 620, recycling: 140 },
  },
  {
    day: 132,
    title: 'Repair café {mois}',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 24,
    volunteers: 6,
    hours: 24,
    actors: ['bricoleurs'],
    kg: { repair: 41 },
  },
  {
    day: 140,
    title: 'Formation des bénévoles au diagnostic de réparation',
    type: 'training',
    policies: [W, 'economic_development'],
    participants: 11,
    volunteers: 1,
    hours: 7,
    actors: ['recyclerie', 'bricoleurs'],
  },
  {
    day: 166,
    title: 'Repair café {mois}',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 19,
    volunteers: 5,
    hours: 20,
    actors: ['bricoleurs'],
    kg: { repair: 29 },
  },
  {
    day: 180,
    title: 'Comité de pilotage — bilan de semestre',
    type: 'governance_meeting',
    policies: [W],
    participants: 16,
    actors: ['mairie', 'recyclerie', 'ferme', 'ecole'],
    level: 'codecision',
  },
  {
    day: 196,
    title: 'Fête de village sans vaisselle jetable',
    type: 'event',
    policies: [W, 'culture', 'village_revitalisation'],
    participants: 320,
    volunteers: 18,
    hours: 108,
    actors: ['comite', 'mairie'],
    kg: { reuse: 55, recycling: 60, compost: 80 },
  },
  {
    day: 208,
    title: 'Fête de l’école zéro déchet',
    type: 'event',
    policies: [W, 'education', 'culture'],
    participants: 180,
    volunteers: 12,
    hours: 60,
    actors: ['ecole', 'parents', 'comite'],
    kg: { reuse: 40, recycling: 25 },
  },
  {
    day: 215,
    title: 'Visite de la ferme et atelier compost',
    type: 'workshop',
    policies: [W, 'food', 'education'],
    participants: 27,
    volunteers: 2,
    hours: 6,
    actors: ['ferme'],
    kg: { compost: 60 },
  },
  {
    day: 229,
    title: 'Repair café de l’été au bord du lavoir',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 31,
    volunteers: 7,
    hours: 28,
    actors: ['recyclerie', 'bricoleurs'],
    kg: { repair: 52 },
  },
  {
    day: 257,
    title: 'Repair café {mois}',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 23,
    volunteers: 6,
    hours: 24,
    actors: ['bricoleurs'],
    kg: { repair: 35 },
  },
  {
    day: 271,
    title: 'Atelier couture et réparation textile',
    type: 'workshop',
    policies: [W, 'ageing_well', 'social_inclusion'],
    participants: 13,
    volunteers: 2,
    hours: 8,
    actors: ['recyclerie'],
    kg: { repair: 14, reuse: 9 },
  },
  {
    day: 285,
    title: 'Repair café {mois}',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 27,
    volunteers: 6,
    hours: 24,
    actors: ['recyclerie', 'bricoleurs'],
    kg: { repair: 44 },
  },
  {
    day: 292,
    title: 'Stand au forum des associations',
    type: 'communication',
    policies: [W],
    participants: 90,
    volunteers: 3,
    hours: 12,
    actors: ['comite', 'recyclerie'],
    level: 'information',
  },
  {
    day: 299,
    title: 'Conseil des habitants : règles du tiers-lieu',
    type: 'governance_meeting',
    policies: [W, 'village_revitalisation'],
    participants: 38,
    actors: ['mairie'],
    level: 'codecision',
  },
  {
    day: 341,
    title: 'Repair café {mois}',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 22,
    volunteers: 5,
    hours: 20,
    actors: ['bricoleurs'],
    kg: { repair: 33 },
  },
  {
    day: 352,
    title: 'Comité de pilotage — bilan de l’année 1',
    type: 'governance_meeting',
    policies: [W],
    participants: 18,
    actors: ['mairie', 'recyclerie', 'ecole', 'ferme', 'comite'],
    level: 'codecision',
  },
  {
    day: 360,
    title: 'Bourse aux jouets',
    type: 'collection',
    policies: [W, 'social_inclusion', 'education'],
    participants: 110,
    volunteers: 9,
    hours: 45,
    actors: ['parents', 'ecole'],
    kg: { reuse: 210 },
  },
  {
    day: 370,
    title: 'Ouverture de la boutique de réemploi',
    type: 'event',
    policies: [W, 'economic_development', 'village_revitalisation'],
    participants: 140,
    volunteers: 10,
    hours: 50,
    actors: ['recyclerie', 'mairie', 'bricoleurs'],
    kg: { reuse: 380 },
  },
  {
    day: 383,
    title: 'Atelier goûters zéro déchet',
    type: 'workshop',
    policies: [W, 'food', 'health', 'education'],
    participants: 22,
    volunteers: 3,
    hours: 6,
    actors: ['parents'],
    kg: { other: 6 },
  },
  {
    day: 389,
    title: 'Marché de Noël zéro déchet',
    type: 'event',
    policies: [W, 'economic_development', 'culture'],
    participants: 260,
    volunteers: 14,
    hours: 84,
    actors: ['comite', 'boulangerie', 'ferme'],
    kg: { reuse: 30, recycling: 45, compost: 20 },
  },
  {
    day: 397,
    title: 'Repair café {mois}',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 28,
    volunteers: 6,
    hours: 24,
    actors: ['bricoleurs'],
    kg: { repair: 46 },
  },
  {
    day: 420,
    title: 'Collecte de sapins pour broyage',
    type: 'collection',
    policies: [W],
    participants: 57,
    volunteers: 4,
    hours: 12,
    actors: ['ferme', 'mairie'],
    kg: { compost: 430 },
  },
  {
    day: 425,
    title: 'Repair café {mois}',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 30,
    volunteers: 7,
    hours: 28,
    actors: ['recyclerie', 'bricoleurs'],
    kg: { repair: 50 },
  },
  {
    day: 437,
    title: 'Formation compostage collectif',
    type: 'training',
    policies: [W, 'food'],
    participants: 15,
    volunteers: 1,
    hours: 4,
    actors: ['ferme'],
    kg: { compost: 25 },
  },
  {
    day: 446,
    title: 'Lettre d’information n°3',
    type: 'communication',
    policies: [W],
    participants: 0,
    actors: ['mairie'],
    level: 'information',
  },
  {
    day: 453,
    title: 'Repair café {mois}',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 25,
    volunteers: 6,
    hours: 24,
    actors: ['bricoleurs'],
    kg: { repair: 39 },
  },
  {
    day: 467,
    title: 'Atelier « Bien vieillir chez soi » : réparer plutôt que jeter',
    type: 'workshop',
    policies: [W, 'ageing_well'],
    participants: 17,
    volunteers: 2,
    hours: 6,
    actors: ['recyclerie'],
    kg: { repair: 11 },
  },
  {
    day: 481,
    title: 'Repair café {mois}',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 26,
    volunteers: 6,
    hours: 24,
    actors: ['bricoleurs'],
    kg: { repair: 42 },
  },
  {
    day: 490,
    title: 'Collecte de printemps (réemploi)',
    type: 'collection',
    policies: [W, 'social_inclusion'],
    participants: 78,
    volunteers: 10,
    hours: 50,
    actors: ['recyclerie', 'mairie'],
    kg: { reuse: 710, recycling: 120 },
  },
  {
    day: 502,
    title: 'Carnaval de l’école zéro déchet',
    type: 'event',
    policies: [W, 'education', 'culture'],
    participants: 195,
    volunteers: 13,
    hours: 65,
    actors: ['ecole', 'parents', 'comite'],
    kg: { reuse: 35, recycling: 20 },
  },
  {
    day: 509,
    title: 'Repair café {mois}',
    type: 'repair_cafe',
    policies: [W, 'social_inclusion'],
    participants: 20,
    volunteers: 5,
    hours: 20,
    actors: ['bricoleurs'],
    kg: { repair: 31 },
  },
  {
    day: 530,
    title: 'Comité de pilotage — mi-parcours',
    type: 'governance_meeting',
    policies: [W],
    participants: 17,
    actors: ['mairie', 'recyclerie', 'ferme', 'ecole', 'comite', 'boulangerie'],
    level: 'codecision',
  },
];

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** « Repair café {mois} » → « Repair café de mars » / « Repair café d’avril », from the activity's date. */
export function titled(title: string, date: string): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1];
  return title.replace('{mois}', /^[aeiouyéèê]/.test(month) ? `d’${month}` : `de ${month}`);
}

/**
 * The selected pilot's life on the ground (dated on the demo calendar): actors of every type, their contributions and links, and
 * about forty activities over its first year and a half; the demo coordinator and reviewer become members.
 */
export const seedPilotLifeDemo: DemoSeeder = async (refs) => {
  const pilots = refs.app.get(PilotsService);
  const actorsService = refs.app.get(ActorsService);
  const activities = refs.app.get(ActivitiesService);
  const users = refs.app.get(UsersService);
  const ctx = refs.lead;
  const cal = demoCalendar();

  let pilotId = refs.pilotId;
  if (!pilotId) {
    const pilot = await pilots.create(ctx, {
      name: 'Saint-Genès-de-Lombaud — le tiers-lieu du réemploi',
      communes: [{ name: 'Saint-Genès-de-Lombaud', inseeCode: '33406' }],
      inhabitants: 1200,
      inhabitantsSource: 'INSEE, population municipale 2020',
      startDate: cal.start,
      status: 'running',
      waveYear: Number(cal.date('2023-06-02').slice(0, 4)),
      callId: refs.callId ?? null,
      policies: ['food', 'village_revitalisation', 'social_inclusion'],
      district: 'Centre-bourg',
      place: 'Ancienne poste, place de l’Église',
    });
    pilotId = pilot.id;
  }
  let life = await pilots.life(pilotId);
  if (!life.startDate) {
    await pilots.update(ctx, pilotId, { startDate: cal.start, status: 'running' });
    life = await pilots.life(pilotId);
  }
  const start = life.startDate!;

  await users.addMember(ctx, pilotId, refs.users.coordinator.id, 'coordinator');
  await users.addMember(ctx, pilotId, refs.users.reviewer.id, 'reviewer');

  // Actors carried over from the candidature are kept; the demo's own are added beside them.
  const existing = new Map((await actorsService.list(pilotId)).map((a) => [a.name.toLowerCase(), a.id]));
  const ids = new Map<string, string>();
  for (const a of ACTORS) {
    const id =
      existing.get(a.name.toLowerCase()) ??
      (
        await actorsService.create(ctx, pilotId, {
          name: a.name,
          type: a.type,
          description: a.description,
          contact: a.contact ?? null,
        })
      ).id;
    ids.set(a.key, id);
  }
  for (const c of CONTRIBUTIONS) {
    await actorsService.createContribution(ctx, pilotId, {
      actorId: ids.get(c.actor)!,
      kind: c.kind,
      description: c.description,
      valueCents: c.valueCents ?? null,
      hours: c.hours ?? null,
      year: c.year,
    });
  }
  for (const [from, to, nature] of LINKS) {
    await actorsService.createLink(ctx, pilotId, { fromActorId: ids.get(from)!, toActorId: ids.get(to)!, nature });
  }

  const today = todayInFrance();
  for (const a of ACTIVITIES) {
    const date = addDays(start, a.day);
    // Nothing is logged in the future, whenever the demo is seeded.
    if (date > today || date < life.lifeStart) continue;
    await activities.create(ctx, pilotId, {
      date,
      title: titled(a.title, date),
      type: a.type,
      policies: a.policies,
      participants: a.participants,
      volunteers: a.volunteers ?? 0,
      volunteerHours: a.hours ?? 0,
      actorIds: (a.actors ?? []).map((k) => ids.get(k)!),
      participationLevel: a.level ?? null,
      divertedKg: a.kg ?? {},
      notes: null,
    });
  }
  return { pilotId };
};
