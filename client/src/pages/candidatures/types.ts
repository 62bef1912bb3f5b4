import type { components } from '../../api/schema';

export type CallDto = components['schemas']['CallDto'];
export type PublicCall = components['schemas']['PublicCallDto'];
export type Candidature = components['schemas']['CandidatureDto'];
export type PublicCandidature = components['schemas']['PublicCandidatureDto'];
export type Evaluation = components['schemas']['EvaluationDto'];
export type Ranking = components['schemas']['RankingDto'];
export type IntentionBody = components['schemas']['SubmitIntentionDto'];
export type EngagementBody = components['schemas']['EngagementDto'];
export type Scores = components['schemas']['ScoresDto'];

export const CRITERIA = ['size', 'grouping', 'cooperation', 'actors', 'values', 'capacity', 'leadership'] as const;
export type ScoringSheet = components['schemas']['ScoringSheetDto'];
export type Declaration = components['schemas']['DeclarationDto'];
