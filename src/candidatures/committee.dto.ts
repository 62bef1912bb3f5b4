import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import { IsOptional, trim } from '../common/validators';
import { EligibilityDto, ScoreStatsDto } from './candidatures.dto';
import { EvaluationDto } from './decision.dto';
import { CommuneDto } from './letters.dto';
import { CANDIDATURE_STATUSES, CandidatureStatus, CRITERIA, SCORING_OPENS, ScoringOpens } from './candidatures.types';
import { CONFLICT_LINKS, ConflictLink } from './committee.service';
import { RubricDto } from './rubric.dto';

export class DeclareDto {
  @ApiProperty({ description: 'True when the member is linked to the candidate commune (recuses them)' })
  @IsBoolean()
  hasConflict: boolean;
  @ApiPropertyOptional({ enum: CONFLICT_LINKS, description: 'Required with a conflict' })
  @IsOptional()
  @IsIn(CONFLICT_LINKS)
  link?: ConflictLink;
  @ApiPropertyOptional({ description: 'Short reason, required with a conflict', maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class DeclarationDto {
  @ApiProperty() candidatureId: string;
  @ApiProperty() memberId: string;
  @ApiProperty() memberName: string;
  @ApiProperty() hasConflict: boolean;
  @ApiProperty({ enum: CONFLICT_LINKS, nullable: true }) link: ConflictLink | null;
  @ApiProperty() reason: string;
  @ApiProperty() updatedAt: string;
}

export class ScoringSheetDto {
  @ApiProperty() candidatureId: string;
  @ApiProperty() callId: string;
  @ApiProperty({ enum: SCORING_OPENS }) scoringOpens: ScoringOpens;
  @ApiProperty() scoringOpen: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why scoring is not open (French), null when it is' })
  scoringClosedReason: string | null;
  @ApiProperty({ type: RubricDto }) rubric: RubricDto;
  @ApiProperty({ type: DeclarationDto, nullable: true }) declaration: DeclarationDto | null;
  @ApiProperty() recused: boolean;
  @ApiProperty({ type: EvaluationDto, nullable: true }) myEvaluation: EvaluationDto | null;
  @ApiProperty({ description: 'Blind scoring: the others’ scores are shown once the caller has scored' })
  scoresVisible: boolean;
  @ApiProperty({ type: [EvaluationDto] }) evaluations: EvaluationDto[];
  @ApiProperty() evaluationCount: number;
  @ApiProperty({ type: [DeclarationDto], description: 'Every declaration, for the lead only' })
  declarations: DeclarationDto[];
  @ApiProperty({ nullable: true, type: String, description: 'The next undecided candidature the caller has to score' })
  nextCandidatureId: string | null;
}

// ---------- Ranking ----------

export class RankingMemberScoreDto {
  @ApiProperty() memberId: string;
  @ApiProperty({ enum: ['scored', 'recused', 'pending'] }) state: 'scored' | 'recused' | 'pending';
  @ApiProperty({ nullable: true, type: Number, description: 'The member’s mean, when the caller may see it' })
  average: number | null;
}

export class RankingMemberDto {
  @ApiProperty() memberId: string;
  @ApiProperty() memberName: string;
}

export class RankingItemDto extends ScoreStatsDto {
  @ApiProperty() rank: number;
  @ApiProperty() candidatureId: string;
  @ApiProperty({ type: [CommuneDto] }) communes: CommuneDto[];
  @ApiProperty() inhabitants: number;
  @ApiProperty({ enum: CANDIDATURE_STATUSES }) status: CandidatureStatus;
  @ApiProperty({ type: EligibilityDto }) eligibility: EligibilityDto;
  @ApiProperty({
    description: 'Mean per criterion over members (null when nobody scored)',
    type: Object,
    additionalProperties: { type: 'number', nullable: true },
  })
  criteria: Record<string, number | null>;
  @ApiProperty({ description: 'Blind scoring: the caller has not scored this candidature yet' }) scoresHidden: boolean;
  @ApiProperty({ type: [RankingMemberScoreDto] }) members: RankingMemberScoreDto[];
}

export class RankingDto {
  @ApiProperty() callId: string;
  @ApiProperty({ enum: CRITERIA, isArray: true }) criteria: string[];
  @ApiProperty() committeeSize: number;
  @ApiProperty({ type: [RankingMemberDto] }) members: RankingMemberDto[];
  @ApiProperty({ type: [RankingItemDto] }) items: RankingItemDto[];
}
