// French labels for the API's codes (docs: labels-fr.md). The API keeps the codes.

export type Policy =
  | 'waste_reduction'
  | 'education'
  | 'health'
  | 'food'
  | 'culture'
  | 'economic_development'
  | 'social_inclusion'
  | 'ageing_well'
  | 'village_revitalisation'
  | 'other';

export type ActivityType =
  'workshop' | 'event' | 'repair_cafe' | 'collection' | 'training' | 'governance_meeting' | 'communication' | 'other';

export type ActorType = 'public' | 'private' | 'associative' | 'citizen';

export type ContributionKind = 'skills' | 'land' | 'people' | 'equipment' | 'money' | 'activities';

export type ParticipationLevel = 'information' | 'consultation' | 'concertation' | 'codecision';

export type Fund = 'investment' | 'operating';

export type ExpenseCategory = 'works' | 'equipment' | 'staff' | 'services' | 'communication' | 'other';

export type WasteStream = 'residual' | 'packaging' | 'glass' | 'biowaste' | 'recyclingCentre' | 'reuse';

export type Criterion = 'size' | 'grouping' | 'cooperation' | 'actors' | 'values' | 'capacity' | 'leadership';

export type CandidatureStatus =
  'intention_submitted' | 'engagement_submitted' | 'selected' | 'not_selected' | 'withdrawn';

export type PilotStatus = 'preparation' | 'running' | 'autonomous' | 'ended';

export type CallStatus = 'intention' | 'engagement' | 'selection' | 'closed';

export type ConflictLink = 'elected' | 'employee' | 'family' | 'other';

export type ScoringOpens = 'after_engagement_deadline' | 'per_candidature';

export type Role = 'lead' | 'coordinator' | 'committee' | 'reviewer';

export const policyLabels: Record<Policy, string> = {
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
};

export const activityTypeLabels: Record<ActivityType, string> = {
  workshop: 'Atelier',
  event: 'Événement',
  repair_cafe: 'Repair café',
  collection: 'Collecte',
  training: 'Formation',
  governance_meeting: 'Instance de gouvernance',
  communication: 'Communication',
  other: 'Autre',
};

export const actorTypeLabels: Record<ActorType, string> = {
  public: 'Acteur public',
  private: 'Acteur privé',
  associative: 'Association',
  citizen: 'Collectif citoyen',
};

export const contributionKindLabels: Record<ContributionKind, string> = {
  skills: 'Compétences',
  land: 'Foncier',
  people: 'Moyens humains',
  equipment: 'Équipements',
  money: 'Financement',
  activities: 'Activités',
};

export const participationLevelLabels: Record<ParticipationLevel, string> = {
  information: 'Information',
  consultation: 'Consultation',
  concertation: 'Concertation',
  codecision: 'Codécision',
};

export const fundLabels: Record<Fund, string> = {
  investment: "Fonds d'investissement",
  operating: 'Fonds de fonctionnement',
};

export const expenseCategoryLabels: Record<ExpenseCategory, string> = {
  works: 'Travaux',
  equipment: 'Équipements',
  staff: 'Moyens humains',
  services: 'Prestations',
  communication: 'Communication',
  other: 'Autre',
};

export const wasteStreamLabels: Record<WasteStream, string> = {
  residual: 'Ordures ménagères résiduelles (OMR)',
  packaging: 'Emballages et papiers',
  glass: 'Verre',
  biowaste: 'Biodéchets',
  recyclingCentre: 'Déchèterie',
  reuse: 'Réemploi',
};

export const criterionLabels: Record<Criterion, string> = {
  size: 'Territoire de 800 à 1 500 habitants',
  grouping: 'Commune, quartier ou regroupement de communes',
  cooperation: 'Envie de coopérer, de faire ensemble',
  actors: 'Implication des acteurs publics, privés et associatifs',
  values: 'Valeurs et objectifs partagés (sobriété, développement territorial, réduction des déchets)',
  capacity: 'Capacité à porter la dynamique collective',
  leadership: 'Leadership affirmé',
};

export const candidatureStatusLabels: Record<CandidatureStatus, string> = {
  intention_submitted: "Lettre d'intention déposée",
  engagement_submitted: "Lettre d'engagement déposée",
  selected: 'Retenue',
  not_selected: 'Non retenue',
  withdrawn: 'Retirée',
};

export const pilotStatusLabels: Record<PilotStatus, string> = {
  preparation: 'En préparation',
  running: 'En cours',
  autonomous: 'Autonome',
  ended: 'Terminé',
};

export const callStatusLabels: Record<CallStatus, string> = {
  intention: "Lettres d'intention",
  engagement: "Lettres d'engagement",
  selection: 'Sélection par le comité',
  closed: 'Clos',
};

export const conflictLinkLabels: Record<ConflictLink, string> = {
  elected: 'Élu(e) de la commune',
  employee: 'Agent ou salarié(e) de la commune',
  family: 'Lien familial ou personnel',
  other: 'Autre lien',
};

export const scoringOpensLabels: Record<ScoringOpens, string> = {
  after_engagement_deadline: "Après la date limite des lettres d'engagement",
  per_candidature: "Pour chaque candidature, dès sa lettre d'engagement déposée",
};

/** Where a pilot stands: its status, or « bilan » after its last operating year until the lead closes it. */
export type PilotStage = PilotStatus | 'bilan';

export const pilotStageLabels: Record<PilotStage, string> = {
  ...pilotStatusLabels,
  bilan: 'Bilan',
};

export const closureOutcomeLabels: Record<'autonomous' | 'ended', string> = {
  autonomous: 'Autonome : la dynamique continue sans les fonds du Smicval',
  ended: 'Terminé : la dynamique s’arrête',
};

export const roleLabels: Record<Role, string> = {
  lead: 'Cheffe / chef de projet Smicval',
  coordinator: 'Coordinatrice / coordinateur communal',
  committee: 'Membre du comité de sélection',
  reviewer: "Relecteur (ADEME, COOP'TER, bureau)",
};

export const labels = {
  policy: policyLabels,
  activityType: activityTypeLabels,
  actorType: actorTypeLabels,
  contributionKind: contributionKindLabels,
  participationLevel: participationLevelLabels,
  fund: fundLabels,
  expenseCategory: expenseCategoryLabels,
  wasteStream: wasteStreamLabels,
  criterion: criterionLabels,
  candidatureStatus: candidatureStatusLabels,
  pilotStatus: pilotStatusLabels,
  callStatus: callStatusLabels,
  conflictLink: conflictLinkLabels,
  scoringOpens: scoringOpensLabels,
  role: roleLabels,
} as const;

export type LabelGroup = keyof typeof labels;

/** Label of a code from the API; an unknown code (newer server) is shown as is. */
export function labelOf(group: LabelGroup, code: string): string {
  const record: Record<string, string> = labels[group];
  return record[code] ?? code;
}
