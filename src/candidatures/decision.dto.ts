import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { CSV_DIALECTS, CsvDialect } from '../common/export';
import { IsDateOnly, IsOptional, NestedObject, OptionalText, TrimmedText } from '../common/validators';
import { CANDIDATURE_STATUSES, CandidatureStatus, DECISIONS, Decision, PHASES, Phase } from './candidatures.types';

/** The lead's and the committee's requests on a candidature: reopening a phase, scores, the decision, exports. */

const TEXT = 5000;

export class ReopenDto {
  @ApiProperty({ enum: PHASES }) @IsIn(PHASES) phase: Phase;
  @ApiProperty({ description: 'Why this candidature gets more time (kept in the audit trail)' })
  @TrimmedText(2000, 1)
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
  @ApiProperty({ type: ScoresDto }) @NestedObject(() => ScoresDto) scores: ScoresDto;
  @ApiPropertyOptional({ description: 'The member’s comment' })
  @OptionalText(TEXT)
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
  @TrimmedText(100, 1)
  deliberationNumber: string;
  @ApiProperty({ example: '2023-11-15' }) @IsDateOnly() deliberationDate: string;
  @ApiPropertyOptional({ description: 'Required to select a territory outside the call’s bounds' })
  @IsOptional()
  @TrimmedText(5000, 1)
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
