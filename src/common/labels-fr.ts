/** French labels of the API's codes, as reports and CSV/XLSX exports print them (the client has its own copy in client/src/i18n/labels.ts). */
export const LABELS: Record<string, Record<string, string>> = {
  policy: {
    waste_reduction: 'Réduction des déchets',
    education: 'Éducation',
    health: 'Santé',
    food: 'Alimentation',
    culture: 'Culture',
    economic_development: 'Développement économique',
    social_inclusion: 'Inclusion sociale',
    ageing_well: 'Bien vieillir',
    village_revitalisation: 'Redynamisation du cœur de village',
    other: 'Autre',
  },
  activityType: {
    workshop: 'Atelier',
    event: 'Événement',
    repair_cafe: 'Repair café',
    collection: 'Collecte',
    training: 'Formation',
    governance_meeting: 'Instance de gouvernance',
    communication: 'Communication',
    other: 'Autre',
  },
  actorType: {
    public: 'Acteur public',
    private: 'Acteur privé',
    associative: 'Association',
    citizen: 'Collectif citoyen',
  },
  contribution: {
    skills: 'Compétences',
    land: 'Foncier',
    people: 'Moyens humains',
    equipment: 'Équipements',
    money: 'Financement',
    activities: 'Activités',
  },
  participation: {
    information: 'Information',
    consultation: 'Consultation',
    concertation: 'Concertation',
    codecision: 'Codécision',
  },
  fund: { investment: "Fonds d'investissement", operating: 'Fonds de fonctionnement' },
  expense: {
    works: 'Travaux',
    equipment: 'Équipements',
    staff: 'Moyens humains',
    services: 'Prestations',
    communication: 'Communication',
    other: 'Autre',
  },
  wasteStream: {
    residual: 'Ordures ménagères résiduelles (OMR)',
    packaging: 'Emballages et papiers',
    glass: 'Verre',
    biowaste: 'Biodéchets',
    recyclingCentre: 'Déchèterie',
    reuse: 'Réemploi',
    total: 'Total',
  },
  divertedStream: {
    reuse: 'Réemploi',
    repair: 'Réparation',
    compost: 'Compostage',
    recycling: 'Recyclage',
    other: 'Autre',
    total: 'Total',
  },
  pilotStatus: { preparation: 'En préparation', running: 'En cours', autonomous: 'Autonome', ended: 'Terminé' },
  milestoneStatus: { planned: 'Prévu', in_progress: 'En cours', done: 'Réalisé', dropped: 'Abandonné' },
  targetVerdict: {
    met: 'cible atteinte',
    met_so_far: 'cible atteinte à ce jour',
    not_met: 'cible non atteinte',
    not_met_so_far: 'cible non atteinte à ce jour',
    not_measurable: 'pas encore mesurable',
  },
  sourceKind: {
    commune: 'Commune',
    actor: 'Acteur',
    grant: 'Subvention',
    own_revenue: 'Recettes propres',
    other: 'Autre',
  },
  audience: { ademe: 'ADEME', coopter: "COOP'TER", board: 'Bureau du Smicval' },
};

/** The label of a code, or the code itself when unknown (never an empty cell). */
export function label(group: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  return LABELS[group]?.[code] ?? code;
}
