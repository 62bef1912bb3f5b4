import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBase64,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsNullable, IsOptional } from '../common/validators';
import {
  INDICATOR_KEYS,
  INDICATOR_UNITS,
  IndicatorKey,
  IndicatorUnit,
  TARGET_OPERATORS,
  TargetOperator,
} from './indicators';
import { MILESTONE_STATUSES, MilestoneStatus } from './milestones';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TargetDto {
  @ApiProperty({ enum: INDICATOR_KEYS }) @IsIn(INDICATOR_KEYS) indicator: IndicatorKey;
  @ApiProperty({ enum: TARGET_OPERATORS }) @IsIn(TARGET_OPERATORS) operator: TargetOperator;
  @ApiProperty({ description: 'in the indicator’s unit: a ratio as a fraction (0.5 = 50 %), money in cents' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1_000_000_000_000)
  @Max(1_000_000_000_000)
  value: number;
  @ApiProperty({ minimum: 1, maximum: 10, description: 'project year (1, 2, 3…)' })
  @IsInt()
  @Min(1)
  @Max(10)
  year: number;
}

export class CreateMilestoneDto {
  @ApiProperty({ maxLength: 200 }) @Transform(trim) @IsString() @Length(1, 200) title: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiProperty({ example: '2025-06-30' }) @IsDateOnly() dueDate: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'who carries it (a person, the commune, Smicval…)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  owner?: string;
  @ApiPropertyOptional({ enum: MILESTONE_STATUSES, description: 'planned when omitted' })
  @IsOptional()
  @IsIn(MILESTONE_STATUSES)
  status?: MilestoneStatus;
  @ApiPropertyOptional({ type: TargetDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TargetDto)
  target?: TargetDto;
}

export class EvidenceFileDto {
  @ApiProperty({ maxLength: 255 })
  @IsString()
  @Length(1, 255)
  @Matches(/^[^/\\\0]+$/, { message: 'name must be a file name' })
  name: string;
  @ApiProperty({ example: 'application/pdf' })
  @IsString()
  @Matches(/^[\w.+-]+\/[\w.+-]+$/, { message: 'contentType must be a MIME type' })
  @MaxLength(100)
  contentType: string;
  @ApiProperty({ description: 'file content in base64 (10 MB at most)' })
  @IsString()
  @IsBase64()
  @MaxLength(14_000_000)
  dataBase64: string;
}

export class EvidenceInputDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsNullable()
  @IsString()
  @MaxLength(5000)
  text?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'http(s) link' })
  @IsNullable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string | null;
  @ApiPropertyOptional({
    type: EvidenceFileDto,
    nullable: true,
    description: 'a new file; null removes it; omitted keeps the current one',
  })
  @IsNullable()
  @IsObject()
  @ValidateNested()
  @Type(() => EvidenceFileDto)
  file?: EvidenceFileDto | null;
}

/** A coordinator may send status and evidence only; the other fields are the lead's (the roadmap is the lead's). */
export class UpdateMilestoneDto {
  @ApiPropertyOptional({ enum: MILESTONE_STATUSES }) @IsOptional() @IsIn(MILESTONE_STATUSES) status?: MilestoneStatus;
  @ApiPropertyOptional({ type: EvidenceInputDto, nullable: true })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => EvidenceInputDto)
  evidence?: EvidenceInputDto | null;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Transform(trim) @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsNullable()
  @IsString()
  @MaxLength(5000)
  description?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly() dueDate?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsNullable()
  @IsString()
  @MaxLength(200)
  owner?: string | null;
  @ApiPropertyOptional({ type: TargetDto, nullable: true, description: 'null removes the target' })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => TargetDto)
  target?: TargetDto | null;
}

export class EvidenceFileInfoDto {
  @ApiProperty() name: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
}

export class EvidenceDto {
  @ApiProperty({ type: String, nullable: true }) text: string | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({
    type: EvidenceFileInfoDto,
    nullable: true,
    description: 'download at GET /api/milestones/:id/evidence-file',
  })
  file: EvidenceFileInfoDto | null;
}

export class MilestoneDto {
  @ApiProperty() id: string;
  @ApiProperty() pilotId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() dueDate: string;
  @ApiProperty({ type: String, nullable: true }) owner: string | null;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status: MilestoneStatus;
  @ApiProperty({ description: 'due date passed and neither done nor dropped' }) late: boolean;
  @ApiProperty({ type: EvidenceDto }) evidence: EvidenceDto;
  @ApiProperty({ type: TargetDto, nullable: true }) target: TargetDto | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null: no target, or not yet measurable' }) targetMet:
    boolean | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the indicator’s value for the target year' })
  targetActual: number | null;
  @ApiProperty({ description: 'the target year is over: the verdict is final' }) targetFinal: boolean;
  @ApiProperty({
    enum: ['met', 'met_so_far', 'not_met', 'not_met_so_far', 'not_measurable'],
    nullable: true,
    description: 'the target verdict every page and report words alike; null without a target',
  })
  targetVerdict: 'met' | 'met_so_far' | 'not_met' | 'not_met_so_far' | 'not_measurable' | null;
  @ApiProperty({ type: String, nullable: true }) completedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class IndicatorDefinitionDto {
  @ApiProperty({ enum: INDICATOR_KEYS }) key: IndicatorKey;
  @ApiProperty() label: string;
  @ApiProperty({ enum: INDICATOR_UNITS }) unit: IndicatorUnit;
  @ApiProperty({ enum: ['higher', 'lower'] }) better: 'higher' | 'lower';
  @ApiProperty({ enum: ['funding', 'activities', 'waste'] }) source: 'funding' | 'activities' | 'waste';
  @ApiProperty() computation: string;
}

export class IndicatorValuesDto {
  @ApiProperty({ type: Number, nullable: true }) autonomyRatio: number | null;
  @ApiProperty({ type: Number, nullable: true }) activeActors: number | null;
  @ApiProperty({ type: Number, nullable: true }) contributions: number | null;
  @ApiProperty({ type: Number, nullable: true }) contributionsValueCents: number | null;
  @ApiProperty({ type: Number, nullable: true }) volunteerHours: number | null;
  @ApiProperty({ type: Number, nullable: true }) activities: number | null;
  @ApiProperty({ type: Number, nullable: true }) participants: number | null;
  @ApiProperty({ type: Number, nullable: true }) divertedKg: number | null;
  @ApiProperty({ type: Number, nullable: true }) residualKgPerInhabitant: number | null;
  @ApiProperty({ type: Number, nullable: true }) residualChangeVsBaseline: number | null;
}

export class DivertedByStreamDto {
  @ApiProperty() reuse: number;
  @ApiProperty() repair: number;
  @ApiProperty() compost: number;
  @ApiProperty() recycling: number;
  @ApiProperty() other: number;
}

export class YearIndicatorsDto {
  @ApiProperty() year: number;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ enum: ['not_started', 'in_progress', 'ended'] }) status: 'not_started' | 'in_progress' | 'ended';
  @ApiProperty({ description: 'calendar year whose waste figures stand for this project year' }) wasteYear: number;
  @ApiProperty({ type: IndicatorValuesDto }) values: IndicatorValuesDto;
  @ApiProperty({ type: DivertedByStreamDto, nullable: true }) divertedKgByStream: DivertedByStreamDto | null;
}

export class IndicatorsDto {
  @ApiProperty() today: string;
  @ApiProperty({ type: String, nullable: true }) startDate: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'last day of the last project year' }) endDate:
    string | null;
  @ApiProperty({ type: Number, nullable: true, description: '0 before the start, null without a start date' })
  currentYear: number | null;
  @ApiProperty({ type: Number, nullable: true }) baselineYear: number | null;
  @ApiProperty({ type: Number, nullable: true }) baselineResidualKgPerInhabitant: number | null;
  @ApiProperty({ type: [YearIndicatorsDto] }) years: YearIndicatorsDto[];
}

export class AutonomyDto {
  @ApiProperty() pilotId: string;
  @ApiProperty({ type: IndicatorsDto }) indicators: IndicatorsDto;
  @ApiProperty({ type: [MilestoneDto] }) milestones: MilestoneDto[];
}

export class ReferenceValueDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() value: number;
  @ApiProperty() unit: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['national', 'legal', 'inspiration'] }) kind: string;
  @ApiProperty() source: string;
}

export class ReferencesDto {
  @ApiProperty() note: string;
  @ApiProperty({ type: [ReferenceValueDto] }) references: ReferenceValueDto[];
}
