/**
 * The one French catalogue of the API's codes (docs: labels-fr.md): the server prints these words in reports and
 * CSV/XLSX exports, and the client shows them (client/src/i18n/labels.ts re-exports this file). The API keeps the
 * codes. Pure TypeScript, no imports: it compiles for Node and for the browser.
 */
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

export type MilestoneStatus = 'planned' | 'in_progress' | 'done' | 'dropped';

export const milestoneStatusLabels: Record<MilestoneStatus, string> = {
  planned: 'Prévu',
  in_progress: 'En cours',
  done: 'Réalisé',
  dropped: 'Abandonné',
};

export type TargetVerdict = 'met' | 'met_so_far' | 'not_met' | 'not_met_so_far' | 'not_measurable';

/** The verdict of a milestone's target, as a report's sentence prints it (a badge capitalises it). */
export const targetVerdictLabels: Record<TargetVerdict, string> = {
  met: 'cible atteinte',
  met_so_far: 'cible atteinte à ce jour',
  not_met: 'cible non atteinte',
  not_met_so_far: 'cible non atteinte à ce jour',
  not_measurable: 'pas encore mesurable',
};

export type SourceKind = 'commune' | 'actor' | 'grant' | 'own_revenue' | 'other';

/** Where a cofinancing comes from. */
export const sourceKindLabels: Record<SourceKind, string> = {
  commune: 'Commune',
  actor: 'Acteur du projet',
  grant: 'Autre subvention',
  own_revenue: 'Recettes propres du projet',
  other: 'Autre',
};

export type Audience = 'ademe' | 'coopter' | 'board';

export const audienceLabels: Record<Audience, string> = {
  ademe: 'ADEME',
  coopter: "COOP'TER",
  board: 'Bureau du Smicval',
};

export type DivertedStream = 'reuse' | 'repair' | 'compost' | 'recycling' | 'other';

/** What an activity kept out of the bins. */
export const divertedStreamLabels: Record<DivertedStream, string> = {
  reuse: 'Réemploi',
  repair: 'Réparation',
  compost: 'Compostage',
  recycling: 'Recyclage',
  other: 'Autre',
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
  milestoneStatus: milestoneStatusLabels,
  targetVerdict: targetVerdictLabels,
  sourceKind: sourceKindLabels,
  audience: audienceLabels,
  divertedStream: divertedStreamLabels,
} as const;

export type LabelGroup = keyof typeof labels;

/** Label of a code from the API; an unknown code (newer server) is shown as is. */
export function labelOf(group: LabelGroup, code: string): string {
  const record: Record<string, string> = labels[group];
  return record[code] ?? code;
}

/**
 * The groups as the server's reports and exports name them (a waste table adds its « Total » row); `label` reads
 * them.
 */
export const LABELS: Record<string, Record<string, string>> = {
  policy: policyLabels,
  activityType: activityTypeLabels,
  actorType: actorTypeLabels,
  contribution: contributionKindLabels,
  participation: participationLevelLabels,
  fund: fundLabels,
  expense: expenseCategoryLabels,
  wasteStream: { ...wasteStreamLabels, total: 'Total' },
  divertedStream: { ...divertedStreamLabels, total: 'Total' },
  pilotStatus: pilotStatusLabels,
  milestoneStatus: milestoneStatusLabels,
  targetVerdict: targetVerdictLabels,
  sourceKind: sourceKindLabels,
  audience: audienceLabels,
};

/** The label of a code, or the code itself when unknown (never an empty cell). */
export function label(group: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  return LABELS[group]?.[code] ?? code;
}
