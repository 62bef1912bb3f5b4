import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { PROGRAMME_DEFAULTS } from '../common/programme';
import { IsDateOnly, IsOptional, NestedArray, NestedObject, OptionalText, TrimmedText } from '../common/validators';
import { CALL_STATUSES, CallStatus, SCORING_OPENS, ScoringOpens } from './candidatures.types';
import { RubricDto, RubricInputDto } from './rubric.dto';

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
  @TrimmedText(300, 1)
  title: string;
  @ApiProperty({ example: 2023 }) @IsInt() @Min(2000) @Max(2100) waveYear: number;
  @ApiProperty({
    example: '2023-06-02',
    description: 'Letters of intention accepted until 23:59:59 Paris time that day',
  })
  @IsDateOnly()
  intentionDeadline: string;
  @ApiProperty({ example: '2023-09-01' }) @IsDateOnly() engagementDeadline: string;
  @ApiPropertyOptional({ default: PROGRAMME_DEFAULTS.minInhabitants })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  minInhabitants?: number;
  @ApiPropertyOptional({ default: PROGRAMME_DEFAULTS.maxInhabitants })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  maxInhabitants?: number;
  @ApiPropertyOptional({ default: PROGRAMME_DEFAULTS.investmentPerInhabitantCents })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  investmentPerInhabitantCents?: number;
  @ApiPropertyOptional({ default: PROGRAMME_DEFAULTS.operatingPerInhabitantPerYearCents })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  operatingPerInhabitantPerYearCents?: number;
  @ApiPropertyOptional({ default: PROGRAMME_DEFAULTS.operatingYears })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  operatingYears?: number;
  @ApiPropertyOptional({ type: [WebinarDto] })
  @IsOptional()
  @ArrayMaxSize(20)
  @NestedArray(() => WebinarDto)
  webinars?: WebinarDto[];
  @ApiPropertyOptional({ example: 'Charlotte Bousquié, cheffe de projet — charlotte.bousquie@smicval.fr' })
  @OptionalText(500)
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
  @NestedObject(() => RubricInputDto)
  rubric?: RubricInputDto;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10,
    description: 'Years after the decision a non-selected candidature keeps its personal data (2 unless set)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  retentionYears?: number;
}

export class UpdateCallDto {
  @ApiPropertyOptional() @IsOptional() @TrimmedText(300, 1) title?: string;
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
  @ArrayMaxSize(20)
  @NestedArray(() => WebinarDto)
  webinars?: WebinarDto[];
  @ApiPropertyOptional() @OptionalText(500) contact?: string;
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
  @NestedObject(() => RubricInputDto)
  rubric?: RubricInputDto;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10,
    description: 'Years after the decision a non-selected candidature keeps its personal data (2 unless set)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  retentionYears?: number;
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
  @ApiProperty({ description: 'Years after the decision a non-selected candidature keeps its personal data' })
  retentionYears: number;
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
