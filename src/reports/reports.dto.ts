import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsOptional } from '../common/validators';
import { IsCursor, ListQueryDto } from '../common/list-query.dto';
import { AUDIENCES, Audience, REPORT_STATUSES, ReportStatus } from './report.types';

const NARRATIVE_MAX = 20_000;

export class NarrativeDto {
  @ApiProperty({ description: 'Faits marquants' }) @IsString() @MaxLength(NARRATIVE_MAX) highlights: string;
  @ApiProperty({ description: 'Difficultés' }) @IsString() @MaxLength(NARRATIVE_MAX) difficulties: string;
  @ApiProperty({ description: 'Perspectives' }) @IsString() @MaxLength(NARRATIVE_MAX) outlook: string;
}

export const PILOT_REPORT_KINDS = ['yearly', 'final'] as const;
export type PilotReportKind = (typeof PILOT_REPORT_KINDS)[number];
/** The programme's final report is written for ADEME and the board. */
export const FINAL_AUDIENCES = ['ademe', 'board'] as const;

/** A final report has no year and speaks to ADEME or the board; a yearly one needs its year (checked on `year`). */
function IsCoherentKind(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCoherentKind',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: "a final report takes no year and its audience is 'ademe' or 'board'" },
      validator: {
        validate: (value: unknown, args) => {
          if (value !== 'final') return true;
          const o = args?.object as { year?: unknown; audience?: unknown };
          return o.year === undefined && (FINAL_AUDIENCES as readonly unknown[]).includes(o.audience);
        },
      },
    });
}

export class SaveNarrativeDraftDto {
  @ApiProperty({ description: 'Faits marquants' }) @IsString() @MaxLength(NARRATIVE_MAX) highlights: string;
  @ApiProperty({ description: 'Difficultés' }) @IsString() @MaxLength(NARRATIVE_MAX) difficulties: string;
}

export class NarrativeDraftAuthorDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class NarrativeDraftDto {
  @ApiProperty() year: number;
  @ApiProperty() highlights: string;
  @ApiProperty() difficulties: string;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
  @ApiProperty({ nullable: true, type: NarrativeDraftAuthorDto }) updatedBy: NarrativeDraftAuthorDto | null;
}

export class CreatePilotReportDto {
  @ApiPropertyOptional({
    enum: PILOT_REPORT_KINDS,
    description:
      "'yearly' (when omitted): one project year; 'final': the programme's final report across every year (no year)",
  })
  @IsOptional()
  @IsIn(PILOT_REPORT_KINDS)
  @IsCoherentKind()
  kind?: PilotReportKind;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10,
    description: 'Project year (1..operatingYears); required for a yearly report, absent for the final one',
  })
  @ValidateIf((o: { kind?: string }) => o.kind !== 'final')
  @IsInt()
  @Min(1)
  @Max(10)
  year?: number;

  @ApiProperty({ enum: AUDIENCES }) @IsIn(AUDIENCES) audience: Audience;

  @ApiPropertyOptional({
    type: NarrativeDto,
    description: "The lead's narrative; omitted: the previous version's is kept",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NarrativeDto)
  narrative?: NarrativeDto;
}

export class CreateWaveReportDto {
  @ApiProperty({ enum: AUDIENCES }) @IsIn(AUDIENCES) audience: Audience;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10,
    description: "Project year compared across the wave's pilots; omitted: each pilot's current year",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  year?: number;

  @ApiPropertyOptional({ type: NarrativeDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NarrativeDto)
  narrative?: NarrativeDto;
}

export class ReportsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  year?: number;
  @ApiPropertyOptional({ enum: AUDIENCES }) @IsOptional() @IsIn(AUDIENCES) audience?: Audience;
  /** The reports list pages on (created_at, id). */
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor)' })
  @IsCursor(['timestamp', 'uuid'])
  override cursor?: string = undefined;
}

export class ReportQueuedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status: ReportStatus;
  @ApiProperty() version: number;
}

export class KeyFiguresDto {
  @ApiProperty({ nullable: true, type: Number }) inhabitants: number | null;
  @ApiProperty({ nullable: true, type: Number }) yearEntitledCents: number | null;
  @ApiProperty({ nullable: true, type: Number }) disbursedCents: number | null;
  @ApiProperty({ nullable: true, type: Number }) expensesCents: number | null;
  @ApiProperty({ nullable: true, type: Number }) cofinancingCents: number | null;
  @ApiProperty({ nullable: true, type: Number }) inKindCents: number | null;
  @ApiProperty({ nullable: true, type: Number }) autonomyRatio: number | null;
  @ApiProperty({ nullable: true, type: Number }) activities: number | null;
  @ApiProperty({ nullable: true, type: Number }) participants: number | null;
  @ApiProperty({ nullable: true, type: Number }) volunteerHours: number | null;
  @ApiProperty({ nullable: true, type: Number }) actors: number | null;
  @ApiProperty({ nullable: true, type: Number }) contributions: number | null;
  @ApiProperty({ nullable: true, type: Number }) residualKgPerInhabitant: number | null;
  @ApiProperty({ nullable: true, type: Number }) residualChangeVsBaseline: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Calendar year of the two waste figures (the one the indicator table uses for the project year)',
  })
  wasteYear?: number | null;
}

export class ReportFileHashDto {
  @ApiProperty({ description: 'sha256 of the file, hex' }) sha256: string;
  @ApiProperty({ description: 'size in bytes' }) bytes: number;
}

export class ReportFilesDto {
  @ApiProperty({ type: ReportFileHashDto }) html: ReportFileHashDto;
  @ApiProperty({ type: ReportFileHashDto }) pdf: ReportFileHashDto;
  @ApiProperty({ type: ReportFileHashDto }) xlsx: ReportFileHashDto;
}

export class ReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['pilot', 'wave', 'final'], description: "'final': the programme's final report of a pilot" })
  kind: 'pilot' | 'wave' | 'final';
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) pilotId: string | null;
  @ApiProperty({ nullable: true, type: String }) pilotName: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) callId: string | null;
  @ApiProperty({ nullable: true, type: Number }) year: number | null;
  @ApiProperty({ enum: AUDIENCES }) audience: Audience;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['manual', 'auto'] }) origin: 'manual' | 'auto';
  @ApiProperty({ enum: REPORT_STATUSES }) status: ReportStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ nullable: true, type: String, enum: ['snapshot', 'html', 'pdf', 'xlsx', 'store'] }) stage:
    string | null;
  @ApiPropertyOptional({ type: String }) error?: string;
  @ApiPropertyOptional({ type: String, description: 'sha256 of the snapshot the files were rendered from' })
  sha256?: string;
  @ApiPropertyOptional({
    type: ReportFilesDto,
    description: 'sha256 and size of each file once done: the same snapshot always renders the same bytes',
  })
  files?: ReportFilesDto;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) issuedAt?: string;
  @ApiPropertyOptional({ type: KeyFiguresDto }) figures?: KeyFiguresDto;
  @ApiProperty({ type: NarrativeDto }) narrative: NarrativeDto;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
}

export class ReportPageDto {
  @ApiProperty({ type: [ReportDto] }) items: ReportDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
