import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ACTOR_TYPES, ActorType, PARTICIPATION_LEVELS, ParticipationLevel, POLICIES, Policy } from '../common/codes';
import { IsDateOnly, IsOptional } from '../common/validators';
import {
  CANDIDATURE_STATUSES,
  CandidatureStatus,
  DECISIONS,
  Decision,
  PHASES,
  Phase,
  CALL_STATUSES,
  CallStatus,
  SCORING_OPENS,
  ScoringOpens,
} from './candidatures.types';
import { RubricDto, RubricInputDto } from './rubric.dto';
import { CSV_DIALECTS, CsvDialect } from '../common/export';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const TEXT = 5000;

// ---------- Calls ----------

export class WebinarDto {
  @ApiProperty({ example: '2023-04-03' }) @IsDateOnly() date: string;
  @ApiPropertyOptional({ example: '17:00' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startTime must be HH:MM' })
  startTime?: string;
  @ApiPropertyOptional({ example: '18:00' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'endTime must be HH:MM' })
  endTime?: string;
}

export class CreateCallDto {
  @ApiProperty({ example: 'Projet K — appel à coopération 2023' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  title: string;
  @ApiProperty({ example: 2023 }) @IsInt() @Min(2000) @Max(2100) waveYear: number;
  @ApiProperty({
    example: '2023-06-02',
    description: 'Letters of intention accepted until 23:59:59 Paris time that day',
  })
  @IsDateOnly()
  intentionDeadline: string;
  @ApiProperty({ example: '2023-09-01' }) @IsDateOnly() engagementDeadline: string;
  @ApiPropertyOptional({ default: 800 }) @IsOptional() @IsInt() @Min(1) @Max(10_000_000) minInhabitants?: number;
  @ApiPropertyOptional({ default: 1500 }) @IsOptional() @IsInt() @Min(1) @Max(10_000_000) maxInhabitants?: number;
  @ApiPropertyOptional({ default: 8000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  investmentPerInhabitantCents?: number;
  @ApiPropertyOptional({ default: 2000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  operatingPerInhabitantPerYearCents?: number;
  @ApiPropertyOptional({ default: 3 }) @IsOptional() @IsInt() @Min(1) @Max(10) operatingYears?: number;
  @ApiPropertyOptional({ type: [WebinarDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => WebinarDto)
  webinars?: WebinarDto[];
  @ApiPropertyOptional({ example: 'Charlotte Bousquié, cheffe de projet — charlotte.bousquie@smicval.fr' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  contact?: string;
  @ApiPropertyOptional({
    enum: SCORING_OPENS,
    description:
      'Scoring opens after the engagement deadline (after_engagement_deadline, the default), or per candidature once its letter is in',
  })
  @IsOptional()
  @IsIn(SCORING_OPENS)
  scoringOpens?: ScoringOpens;
  @ApiPropertyOptional({ type: RubricInputDto, description: 'What marks 0–5 mean per criterion (defaults elsewhere)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RubricInputDto)
  rubric?: RubricInputDto;
}

export class UpdateCallDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(2000) @Max(2100) waveYear?: number;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly() intentionDeadline?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly() engagementDeadline?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10_000_000) minInhabitants?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10_000_000) maxInhabitants?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100_000_000) investmentPerInhabitantCents?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100_000_000) operatingPerInhabitantPerYearCents?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10) operatingYears?: number;
  @ApiPropertyOptional({ type: [WebinarDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => WebinarDto)
  webinars?: WebinarDto[];
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(500) contact?: string;
  @ApiPropertyOptional({
    enum: SCORING_OPENS,
    description:
      'Scoring opens after the engagement deadline (after_engagement_deadline, the default), or per candidature once its letter is in',
  })
  @IsOptional()
  @IsIn(SCORING_OPENS)
  scoringOpens?: ScoringOpens;
  @ApiPropertyOptional({ type: RubricInputDto, description: 'What marks 0–5 mean per criterion (defaults elsewhere)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RubricInputDto)
  rubric?: RubricInputDto;
}

export class CallDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() waveYear: number;
  @ApiProperty() intentionDeadline: string;
  @ApiProperty() engagementDeadline: string;
  @ApiProperty({ description: 'First instant (UTC) when letters of intention are refused' }) intentionClosesAt: string;
  @ApiProperty() engagementClosesAt: string;
  @ApiProperty() intentionOpen: boolean;
  @ApiProperty() engagementOpen: boolean;
  @ApiProperty() minInhabitants: number;
  @ApiProperty() maxInhabitants: number;
  @ApiProperty() investmentPerInhabitantCents: number;
  @ApiProperty() operatingPerInhabitantPerYearCents: number;
  @ApiProperty() operatingYears: number;
  @ApiProperty({ type: [WebinarDto] }) webinars: WebinarDto[];
  @ApiProperty({ nullable: true, type: String }) contact: string | null;
  @ApiProperty() candidatureCount: number;
  @ApiProperty({ description: 'Candidatures still without a decision' }) undecidedCount: number;
  @ApiProperty({
    enum: CALL_STATUSES,
    description: 'closed once the letters are over and every candidature is decided',
  })
  status: CallStatus;
  @ApiProperty({ enum: SCORING_OPENS }) scoringOpens: ScoringOpens;
  @ApiProperty({ type: RubricDto }) rubric: RubricDto;
  @ApiProperty() createdAt: string;
}

export class CallPageDto {
  @ApiProperty({ type: [CallDto] }) items: CallDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** What anyone may read about a call to answer it: no counts, no candidatures. */
export class PublicCallDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() waveYear: number;
  @ApiProperty() intentionDeadline: string;
  @ApiProperty() engagementDeadline: string;
  @ApiProperty() intentionOpen: boolean;
  @ApiProperty() engagementOpen: boolean;
  @ApiProperty() minInhabitants: number;
  @ApiProperty() maxInhabitants: number;
  @ApiProperty({ type: [WebinarDto] }) webinars: WebinarDto[];
  @ApiProperty({ nullable: true, type: String }) contact: string | null;
}

// ---------- Letters ----------

export class CommuneDto {
  @ApiProperty({ example: 'Saint-Genès-de-Lombaud' }) @Transform(trim) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ example: '33406', description: 'INSEE code (5 characters)' })
  @IsOptional()
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'inseeCode must be a 5-character INSEE code' })
  inseeCode?: string;
}

export class IntentionDto {
  @ApiProperty({ description: 'Spécificités de la (des) commune(s) et de ses habitants' })
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  specifics: string;
  @ApiProperty({ description: 'Valeurs et engagements de la (des) commune(s)' })
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  values: string;
  @ApiProperty({ description: 'Enjeux de territoire / politiques publiques prioritaires' })
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  stakes: string;
  @ApiProperty({ description: 'Territoire engagé « Ma commune Zero Waste »' }) @IsBoolean() zeroWasteCommune: boolean;
}

export class SubmitIntentionDto {
  @ApiProperty({ type: [CommuneDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CommuneDto)
  communes: CommuneDto[];
  @ApiProperty({ example: 1200, description: 'Nombre d’habitants concernés' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  inhabitants: number;
  @ApiProperty({ type: IntentionDto }) @IsObject() @ValidateNested() @Type(() => IntentionDto) intention: IntentionDto;
  @ApiPropertyOptional({ description: 'Who to reach at the commune' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  contactName?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'contactEmail must be an e-mail address' })
  @MaxLength(254)
  contactEmail?: string;
}

export class CandidatureActorDto {
  @ApiProperty({ example: 'Association des parents d’élèves' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;
  @ApiProperty({ enum: ACTOR_TYPES }) @IsIn(ACTOR_TYPES) type: ActorType;
  @ApiPropertyOptional({ description: 'What this actor can bring (skills, land, people, activities…)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  canBring?: string;
}

export class EngagementDto {
  @ApiProperty({ enum: POLICIES, isArray: true, description: 'Complementary public policies (hybridation)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(POLICIES.length)
  @IsIn(POLICIES, { each: true })
  hybridPolicies: Policy[];
  @ApiPropertyOptional({ description: 'Why and how they connect with waste reduction' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  articulation?: string;
  @ApiProperty({ description: 'First idea of the cooperative project' })
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  description: string;
  @ApiPropertyOptional({ description: 'What the project can bring to the commune(s)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  contribution?: string;
  @ApiPropertyOptional({ type: [CandidatureActorDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CandidatureActorDto)
  actors?: CandidatureActorDto[];
  @ApiPropertyOptional({ description: 'What each can bring, which activities' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  contributions?: string;
  @ApiPropertyOptional({ description: 'Existing links between actors and initiatives under way' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  existingLinks?: string;
  @ApiProperty({ enum: PARTICIPATION_LEVELS }) @IsIn(PARTICIPATION_LEVELS) citizenInvolvement: ParticipationLevel;
  @ApiPropertyOptional({ description: 'On which points citizen involvement matters' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  involvementPoints?: string;
  @ApiPropertyOptional({ description: 'District / lieu-dit / zone already in view' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  district?: string;
  @ApiPropertyOptional({ description: 'Physical space already identified' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  place?: string;
  @ApiPropertyOptional({ description: 'Coordinator (elected or agent) and how to reach them' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  coordinator?: string;
  @ApiPropertyOptional({ description: 'What the commune(s) bring: engineering, money, people, land' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  communeCommitment?: string;
  @ApiPropertyOptional({ description: 'First needs identified' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  needs?: string;
  @ApiPropertyOptional({ description: 'Obstacles / risks identified' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  risks?: string;
  @ApiPropertyOptional({ description: 'Ways to lift them' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  mitigations?: string;
  @ApiPropertyOptional({ description: 'Resources needed to lift them, internal or external' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  resources?: string;
  @ApiPropertyOptional({
    type: [CommuneDto],
    description: 'The letter repeats the communes; when given, replaces them',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CommuneDto)
  communes?: CommuneDto[];
  @ApiPropertyOptional({ description: 'The letter repeats the inhabitants figure; when given, replaces it' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  inhabitants?: number;
}

// ---------- Candidature views ----------

export class EligibilityDto {
  @ApiProperty() inBounds: boolean;
  @ApiProperty() minInhabitants: number;
  @ApiProperty() maxInhabitants: number;
  @ApiProperty() inhabitants: number;
}

export class CreatedCandidatureDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CANDIDATURE_STATUSES }) status: CandidatureStatus;
  @ApiProperty({ type: EligibilityDto }) eligibility: EligibilityDto;
  @ApiProperty({
    description: 'The commune’s private key to complete the letter of engagement; shown only in this response',
  })
  editToken: string;
}

export class EngagementViewDto {
  @ApiProperty({ enum: POLICIES, isArray: true }) hybridPolicies: Policy[];
  @ApiProperty() articulation: string;
  @ApiProperty() description: string;
  @ApiProperty() contribution: string;
  @ApiProperty({ type: [CandidatureActorDto] }) actors: CandidatureActorDto[];
  @ApiProperty() contributions: string;
  @ApiProperty() existingLinks: string;
  @ApiProperty({ enum: PARTICIPATION_LEVELS }) citizenInvolvement: ParticipationLevel;
  @ApiProperty() involvementPoints: string;
  @ApiProperty() district: string;
  @ApiProperty() place: string;
  @ApiProperty() coordinator: string;
  @ApiProperty() communeCommitment: string;
  @ApiProperty() needs: string;
  @ApiProperty() risks: string;
  @ApiProperty() mitigations: string;
  @ApiProperty() resources: string;
}

export class ScoreStatsDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Mean over members of their mean criterion score (0–5)' })
  averageScore: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Highest minus lowest member mean' }) spread: number | null;
  @ApiProperty() evaluationCount: number;
  @ApiProperty({ description: 'Active committee members (the N of "n/N scored")' }) committeeSize: number;
}

export class DecisionViewDto {
  @ApiProperty({ enum: DECISIONS }) decision: Decision;
  @ApiProperty({ nullable: true, type: String }) deliberationNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) deliberationDate: string | null;
  @ApiProperty({ nullable: true, type: String }) justification: string | null;
  @ApiProperty() decidedAt: string;
}

export class CandidatureDto extends ScoreStatsDto {
  @ApiProperty() id: string;
  @ApiProperty() callId: string;
  @ApiProperty() callTitle: string;
  @ApiProperty({ enum: CANDIDATURE_STATUSES }) status: CandidatureStatus;
  @ApiProperty({ enum: ['online', 'entered'] }) source: 'online' | 'entered';
  @ApiProperty({ type: [CommuneDto] }) communes: CommuneDto[];
  @ApiProperty() inhabitants: number;
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({ nullable: true, type: String }) contactEmail: string | null;
  @ApiProperty({ type: EligibilityDto }) eligibility: EligibilityDto;
  @ApiProperty({ type: IntentionDto }) intention: IntentionDto;
  @ApiProperty({ type: EngagementViewDto, nullable: true }) engagement: EngagementViewDto | null;
  @ApiProperty() intentionSubmittedAt: string;
  @ApiProperty({ nullable: true, type: String }) engagementSubmittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) intentionReopenedUntil: string | null;
  @ApiProperty({ nullable: true, type: String }) engagementReopenedUntil: string | null;
  @ApiProperty({ type: DecisionViewDto, nullable: true }) decision: DecisionViewDto | null;
  @ApiProperty({ nullable: true, type: String }) pilotId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'True when the caller may not see the scores yet (blind scoring)' })
  scoresHidden: boolean;
}

export class CandidaturePageDto {
  @ApiProperty({ type: [CandidatureDto] }) items: CandidatureDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** What the commune sees through its private link. */
export class PublicCandidatureDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: PublicCallDto }) call: PublicCallDto;
  @ApiProperty({ enum: CANDIDATURE_STATUSES }) status: CandidatureStatus;
  @ApiProperty({ type: [CommuneDto] }) communes: CommuneDto[];
  @ApiProperty() inhabitants: number;
  @ApiProperty({ type: IntentionDto }) intention: IntentionDto;
  @ApiProperty({ type: EngagementViewDto, nullable: true }) engagement: EngagementViewDto | null;
  @ApiProperty({ description: 'The letter of intention may still be amended' }) intentionOpen: boolean;
  @ApiProperty({ description: 'The letter of engagement may be submitted (or resubmitted)' }) engagementOpen: boolean;
  @ApiProperty({ description: 'Last day the letter of engagement is accepted (a reopening included)' })
  engagementLastDay: string;
}

// ---------- Reopen, evaluations, decision ----------

export class ReopenDto {
  @ApiProperty({ enum: PHASES }) @IsIn(PHASES) phase: Phase;
  @ApiProperty({ description: 'Why this candidature gets more time (kept in the audit trail)' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason: string;
  @ApiPropertyOptional({
    description: 'Last day the phase stays open for this candidature (default: 14 days from today)',
  })
  @IsOptional()
  @IsDateOnly()
  until?: string;
}

export class ScoresDto {
  @ApiProperty({ minimum: 0, maximum: 5 }) @IsInt() @Min(0) @Max(5) size: number;
  @ApiProperty({ minimum: 0, maximum: 5 }) @IsInt() @Min(0) @Max(5) grouping: number;
  @ApiProperty({ minimum: 0, maximum: 5 }) @IsInt() @Min(0) @Max(5) cooperation: number;
  @ApiProperty({ minimum: 0, maximum: 5 }) @IsInt() @Min(0) @Max(5) actors: number;
  @ApiProperty({ minimum: 0, maximum: 5 }) @IsInt() @Min(0) @Max(5) values: number;
  @ApiProperty({ minimum: 0, maximum: 5 }) @IsInt() @Min(0) @Max(5) capacity: number;
  @ApiProperty({ minimum: 0, maximum: 5 }) @IsInt() @Min(0) @Max(5) leadership: number;
}

export class EvaluateDto {
  @ApiProperty({ type: ScoresDto }) @IsObject() @ValidateNested() @Type(() => ScoresDto) scores: ScoresDto;
  @ApiPropertyOptional({ description: 'The member’s comment' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(TEXT)
  comment?: string;
}

export class EvaluationDto {
  @ApiProperty() id: string;
  @ApiProperty() candidatureId: string;
  @ApiProperty() memberId: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ type: ScoresDto }) scores: ScoresDto;
  @ApiProperty({ description: 'Mean of the seven criteria' }) average: number;
  @ApiProperty() comment: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class DecideDto {
  @ApiProperty({ enum: DECISIONS }) @IsIn(DECISIONS) decision: Decision;
  @ApiProperty({ example: 'AG-2023-11', description: 'General Assembly deliberation number' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  deliberationNumber: string;
  @ApiProperty({ example: '2023-11-15' }) @IsDateOnly() deliberationDate: string;
  @ApiPropertyOptional({ description: 'Required to select a territory outside the call’s bounds' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  justification?: string;
  @ApiPropertyOptional({ description: 'Convention start date of the pilot created by a selection, when known' })
  @IsOptional()
  @IsDateOnly()
  pilotStartDate?: string;
}

export class DecisionResultDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CANDIDATURE_STATUSES }) status: CandidatureStatus;
  @ApiProperty({ nullable: true, type: String, description: 'The pilot created by a selection' }) pilotId:
    string | null;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'] }) @IsOptional() @IsIn(['csv', 'xlsx']) format?: 'csv' | 'xlsx';
  @ApiPropertyOptional({
    enum: CSV_DIALECTS,
    default: 'excel-fr',
    description: 'CSV only: excel-fr (French Excel) or rfc4180 (machines)',
  })
  @IsOptional()
  @IsIn(CSV_DIALECTS)
  dialect?: CsvDialect;
}
