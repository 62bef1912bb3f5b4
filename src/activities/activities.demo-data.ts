import type { ActorType, ActivityType, ContributionKind, ParticipationLevel, Policy } from '../common/codes';

/**
 * The demo pilot's life on the ground, as data: its actors, what they contribute, who works with whom, and about
 * forty activities over its first year and a half (days counted from the convention start). `activities.demo.ts`
 * seeds them through the services.
 */

export type DemoActor = { key: string; name: string; type: ActorType; description: string; contact?: string };

export type DemoContribution = {
  actor: string;
  kind: ContributionKind;
  description: string;
  valueCents?: number;
  hours?: number;
  year: number;
};

export type DemoActivity = {
  day: number;
  title: string;
  type: ActivityType;
  policies: Policy[];
  participants: number;
  volunteers?: number;
  hours?: number;
  actors: string[];
  level?: ParticipationLevel;
  kg?: { reuse?: number; repair?: number; compost?: number; recycling?: number; other?: number };
};

export const DEMO_ACTORS: DemoActor[] = [
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

type Worth = { valueCents?: number; hours?: number };

/** One project year's contributions: actor, kind, description, and what it is worth (cents, hours or both). */
const contributionsOf = (year: number, rows: [string, ContributionKind, string, Worth][]): DemoContribution[] =>
  rows.map(([actor, kind, description, worth]) => ({ actor, kind, description, ...worth, year }));

export const DEMO_CONTRIBUTIONS: DemoContribution[] = [
  ...contributionsOf(1, [
    ['mairie', 'land', 'Mise à disposition de l’ancienne poste pour le tiers-lieu', { valueCents: 720000 }],
    ['mairie', 'people', 'Agent technique deux demi-journées par mois', { valueCents: 288000, hours: 96 }],
    ['mairie', 'money', 'Budget communal pour le mobilier du tiers-lieu', { valueCents: 450000 }],
    ['ecole', 'activities', 'Séquence pédagogique « zéro déchet » en CM1-CM2', { hours: 24 }],
    ['recyclerie', 'skills', 'Animation du repair café et formation des bénévoles', { valueCents: 180000, hours: 60 }],
    ['recyclerie', 'equipment', 'Prêt d’outillage et d’un camion pour les collectes', { valueCents: 150000 }],
    ['comite', 'equipment', 'Gobelets et vaisselle réutilisables pour les fêtes', { valueCents: 90000 }],
    ['ferme', 'activities', 'Visites de la ferme et ateliers compost', { hours: 18 }],
    ['ferme', 'equipment', 'Broyeur à végétaux partagé', { valueCents: 240000 }],
    ['boulangerie', 'skills', 'Atelier pain perdu et anti-gaspillage', { hours: 6 }],
    ['bricoleurs', 'people', 'Bénévoles du repair café', { hours: 140 }],
    ['parents', 'people', 'Organisation de la bourse aux jouets', { hours: 40 }],
  ]),
  ...contributionsOf(2, [
    ['mairie', 'people', 'Coordination communale (élue référente)', { hours: 80 }],
    [
      'recyclerie',
      'skills',
      'Accompagnement de la boutique de réemploi du tiers-lieu',
      { valueCents: 135000, hours: 45 },
    ],
    ['bricoleurs', 'people', 'Permanences du repair café', { hours: 90 }],
  ]),
];

/** Who works with whom: from, to, the nature of the link. */
export const DEMO_LINKS: [string, string, string][] = [
  ['recyclerie', 'bricoleurs', 'Animent ensemble le repair café mensuel'],
  ['ecole', 'parents', 'Goûters zéro déchet et bourse aux jouets'],
  ['ferme', 'ecole', 'Invendus et compost pour la cantine'],
  ['comite', 'mairie', 'Fêtes de village sans vaisselle jetable'],
  ['boulangerie', 'ferme', 'Circuit court : farine et pain en vrac'],
];

/** Participants, then volunteers and their hours when there were any. */
type Counts = [participants: number, volunteers?: number, hours?: number];
type Extra = Pick<DemoActivity, 'kg' | 'level'>;

/** An activity on `day`, for waste reduction and the other `policies`; `{mois}` in a title becomes its month. */
function activity(
  day: number,
  title: string,
  type: ActivityType,
  policies: Policy[],
  [participants, volunteers, hours]: Counts,
  actors: string[],
  extra: Extra = {},
): DemoActivity {
  return {
    day,
    title,
    type,
    policies: ['waste_reduction', ...policies],
    participants,
    ...(volunteers === undefined ? {} : { volunteers, hours }),
    actors,
    ...extra,
  };
}

/** The monthly repair café: the volunteers of « Les Bricoleurs », with the recyclerie on some evenings. */
const repairCafe = (
  day: number,
  counts: Counts,
  repairKg: number,
  actors = ['bricoleurs'],
  title = 'Repair café {mois}',
) => activity(day, title, 'repair_cafe', ['social_inclusion'], counts, actors, { kg: { repair: repairKg } });

/** A steering committee or a public meeting: people count, no volunteers, a participation level. */
const meeting = (
  day: number,
  title: string,
  participants: number,
  actors: string[],
  level: ParticipationLevel,
  policies: Policy[] = [],
) => activity(day, title, 'governance_meeting', policies, [participants], actors, { level });

/** About forty activities over the first year and a half, by days after the convention start. */
export const DEMO_ACTIVITIES: DemoActivity[] = [
  meeting(-40, 'Réunion publique de lancement', 85, ['mairie'], 'information', ['village_revitalisation']),
  meeting(6, 'Premier comité de pilotage', 14, ['mairie', 'recyclerie', 'ecole'], 'concertation'),
  activity(20, 'Atelier « Imaginons le tiers-lieu »', 'workshop', ['village_revitalisation'], [42, 4, 12], ['mairie'], {
    level: 'concertation',
  }),
  activity(45, 'Article dans le bulletin municipal', 'communication', [], [0], ['mairie'], { level: 'information' }),
  activity(60, 'Atelier compost à l’école', 'workshop', ['education'], [48, 2, 4], ['ecole', 'ferme'], {
    kg: { compost: 35 },
  }),
  repairCafe(75, [26, 6, 24], 48, ['recyclerie', 'bricoleurs'], 'Premier repair café'),
  repairCafe(104, [21, 5, 20], 37, ['recyclerie', 'bricoleurs']),
  activity(118, 'Atelier cuisine des restes', 'workshop', ['food', 'health'], [16, 2, 6], ['boulangerie', 'ferme'], {
    kg: { other: 12 },
  }),
  activity(
    128,
    'Collecte de printemps (réemploi)',
    'collection',
    ['social_inclusion'],
    [64, 8, 40],
    ['recyclerie', 'mairie'],
    { kg: { reuse: 620, recycling: 140 } },
  ),
  repairCafe(132, [24, 6, 24], 41),
  activity(
    140,
    'Formation des bénévoles au diagnostic de réparation',
    'training',
    ['economic_development'],
    [11, 1, 7],
    ['recyclerie', 'bricoleurs'],
  ),
  repairCafe(166, [19, 5, 20], 29),
  meeting(180, 'Comité de pilotage — bilan de semestre', 16, ['mairie', 'recyclerie', 'ferme', 'ecole'], 'codecision'),
  activity(
    196,
    'Fête de village sans vaisselle jetable',
    'event',
    ['culture', 'village_revitalisation'],
    [320, 18, 108],
    ['comite', 'mairie'],
    { kg: { reuse: 55, recycling: 60, compost: 80 } },
  ),
  activity(
    208,
    'Fête de l’école zéro déchet',
    'event',
    ['education', 'culture'],
    [180, 12, 60],
    ['ecole', 'parents', 'comite'],
    { kg: { reuse: 40, recycling: 25 } },
  ),
  activity(215, 'Visite de la ferme et atelier compost', 'workshop', ['food', 'education'], [27, 2, 6], ['ferme'], {
    kg: { compost: 60 },
  }),
  repairCafe(229, [31, 7, 28], 52, ['recyclerie', 'bricoleurs'], 'Repair café de l’été au bord du lavoir'),
  repairCafe(257, [23, 6, 24], 35),
  activity(
    271,
    'Atelier couture et réparation textile',
    'workshop',
    ['ageing_well', 'social_inclusion'],
    [13, 2, 8],
    ['recyclerie'],
    { kg: { repair: 14, reuse: 9 } },
  ),
  repairCafe(285, [27, 6, 24], 44, ['recyclerie', 'bricoleurs']),
  activity(292, 'Stand au forum des associations', 'communication', [], [90, 3, 12], ['comite', 'recyclerie'], {
    level: 'information',
  }),
  meeting(299, 'Conseil des habitants : règles du tiers-lieu', 38, ['mairie'], 'codecision', [
    'village_revitalisation',
  ]),
  repairCafe(341, [22, 5, 20], 33),
  meeting(
    352,
    'Comité de pilotage — bilan de l’année 1',
    18,
    ['mairie', 'recyclerie', 'ecole', 'ferme', 'comite'],
    'codecision',
  ),
  activity(
    360,
    'Bourse aux jouets',
    'collection',
    ['social_inclusion', 'education'],
    [110, 9, 45],
    ['parents', 'ecole'],
    { kg: { reuse: 210 } },
  ),
  activity(
    370,
    'Ouverture de la boutique de réemploi',
    'event',
    ['economic_development', 'village_revitalisation'],
    [140, 10, 50],
    ['recyclerie', 'mairie', 'bricoleurs'],
    { kg: { reuse: 380 } },
  ),
  activity(383, 'Atelier goûters zéro déchet', 'workshop', ['food', 'health', 'education'], [22, 3, 6], ['parents'], {
    kg: { other: 6 },
  }),
  activity(
    389,
    'Marché de Noël zéro déchet',
    'event',
    ['economic_development', 'culture'],
    [260, 14, 84],
    ['comite', 'boulangerie', 'ferme'],
    { kg: { reuse: 30, recycling: 45, compost: 20 } },
  ),
  repairCafe(397, [28, 6, 24], 46),
  activity(420, 'Collecte de sapins pour broyage', 'collection', [], [57, 4, 12], ['ferme', 'mairie'], {
    kg: { compost: 430 },
  }),
  repairCafe(425, [30, 7, 28], 50, ['recyclerie', 'bricoleurs']),
  activity(437, 'Formation compostage collectif', 'training', ['food'], [15, 1, 4], ['ferme'], { kg: { compost: 25 } }),
  activity(446, 'Lettre d’information n°3', 'communication', [], [0], ['mairie'], { level: 'information' }),
  repairCafe(453, [25, 6, 24], 39),
  activity(
    467,
    'Atelier « Bien vieillir chez soi » : réparer plutôt que jeter',
    'workshop',
    ['ageing_well'],
    [17, 2, 6],
    ['recyclerie'],
    { kg: { repair: 11 } },
  ),
  repairCafe(481, [26, 6, 24], 42),
  activity(
    490,
    'Collecte de printemps (réemploi)',
    'collection',
    ['social_inclusion'],
    [78, 10, 50],
    ['recyclerie', 'mairie'],
    { kg: { reuse: 710, recycling: 120 } },
  ),
  activity(
    502,
    'Carnaval de l’école zéro déchet',
    'event',
    ['education', 'culture'],
    [195, 13, 65],
    ['ecole', 'parents', 'comite'],
    { kg: { reuse: 35, recycling: 20 } },
  ),
  repairCafe(509, [20, 5, 20], 31),
  meeting(
    530,
    'Comité de pilotage — mi-parcours',
    17,
    ['mairie', 'recyclerie', 'ferme', 'ecole', 'comite', 'boulangerie'],
    'codecision',
  ),
];
