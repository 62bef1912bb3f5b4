import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { PROGRAMME_DEFAULTS } from '../common/programme';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ACTOR_TYPES, type ActorType, PILOT_STATUSES, type PilotStatus, POLICIES } from '../common/codes';
import { ListQueryDto } from '../common/list-query.dto';
import { CommuneDto } from '../common/commune.dto';
import { IsDateOnly, IsNullable, IsOptional, trim, trimOrNull } from '../common/validators';
import { PILOT_STAGES, type PilotStage } from './pilot-terms';

export { trim, trimOrNull } from '../common/validators';
export { CommuneDto };

export class PilotActorDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: ACTOR_TYPES }) @IsIn(ACTOR_TYPES) type: ActorType;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(5000)
  description?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(500)
  contact?: string | null;
}

export class ExpertDto {
  @ApiProperty({ example: 'Élise Garnier' }) @Transform(trim) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: "COOP'TER" })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(200)
  organisation?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;
}

/** POST /api/pilots: the lead creates a pilot directly (one selected before the platform existed). */
export class CreatePilotDto {
  @ApiProperty({ example: 'Saint-Genès-de-Lombaud — tiers-lieu du réemploi' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;
  @ApiProperty({ type: [CommuneDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CommuneDto)
  communes: CommuneDto[];
  @ApiProperty({ minimum: 1, maximum: 10000000, example: 1200 }) @IsInt() @Min(1) @Max(10_000_000) inhabitants: number;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'INSEE, recensement 2021' })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(500)
  inhabitantsSource?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2023-11-15' }) @IsNullable() @IsDateOnly() startDate?:
    string | null;
  @ApiPropertyOptional({
    enum: PILOT_STATUSES,
    description: "Default: 'running' when the start date is past, else 'preparation'",
  })
  @IsOptional()
  @IsIn(PILOT_STATUSES)
  status?: PilotStatus;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 2023 })
  @IsNullable()
  @IsInt()
  @Min(2000)
  @Max(2100)
  waveYear?: number | null;
  @ApiPropertyOptional({
    description: `Default ${PROGRAMME_DEFAULTS.investmentPerInhabitantCents} (${PROGRAMME_DEFAULTS.investmentPerInhabitantCents / 100} € per inhabitant)`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  investmentPerInhabitantCents?: number;
  @ApiPropertyOptional({
    description: `Default ${PROGRAMME_DEFAULTS.operatingPerInhabitantPerYearCents} (${PROGRAMME_DEFAULTS.operatingPerInhabitantPerYearCents / 100} € per inhabitant and year)`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  operatingPerInhabitantPerYearCents?: number;
  @ApiPropertyOptional({ description: `Default ${PROGRAMME_DEFAULTS.operatingYears}` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  operatingYears?: number;
  @ApiPropertyOptional({ enum: POLICIES, isArray: true, description: 'waste_reduction is always included' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(POLICIES.length)
  @ArrayUnique()
  @IsIn(POLICIES, { each: true })
  policies?: string[];
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(200)
  district?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(500)
  place?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(500)
  coordinatorContact?: string | null;
  @ApiPropertyOptional({ type: [PilotActorDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PilotActorDto)
  actors?: PilotActorDto[];
}

/** PATCH /api/pilots/:id (lead). The inhabitants figure changes by amendment only. */
export class UpdatePilotDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsNullable() @IsDateOnly() startDate?: string | null;
  @ApiPropertyOptional({ enum: PILOT_STATUSES }) @IsOptional() @IsIn(PILOT_STATUSES) status?: PilotStatus;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(500)
  place?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(200)
  district?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(500)
  inhabitantsSource?: string | null;
  @ApiPropertyOptional({ type: [ExpertDto], description: "The two COOP'TER experts accompanying the pilot" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ExpertDto)
  experts?: ExpertDto[];
}

export class CreateAmendmentDto {
  @ApiProperty({ minimum: 1, maximum: 10000000, example: 1350 }) @IsInt() @Min(1) @Max(10_000_000) inhabitants: number;
  @ApiProperty({ example: '2024-06-01' }) @IsDateOnly() effectiveDate: string;
  @ApiProperty({ example: 'Avenant n°1 : recensement 2024' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class PilotQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: PILOT_STATUSES }) @IsOptional() @IsIn(PILOT_STATUSES) status?: PilotStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) waveYear?: number;
}

// Response shapes (OpenAPI and the client's generated types).

export class ProjectYearDto {
  @ApiProperty() year: number;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
}

export class AmendmentDto {
  @ApiProperty() id: string;
  @ApiProperty() inhabitants: number;
  @ApiProperty() effectiveDate: string;
  @ApiProperty() reason: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
}

export class AmendmentHistoryItemDto extends AmendmentDto {
  @ApiProperty({ description: 'The amendment whose figure is in force today' }) inForce: boolean;
}

export class AmendmentHistoryDto {
  @ApiProperty() initial: number;
  @ApiProperty() inForce: number;
  @ApiProperty({ type: [AmendmentHistoryItemDto] }) items: AmendmentHistoryItemDto[];
}

export class PilotMemberDto {
  @ApiProperty() userId: string;
  @ApiProperty({ enum: ['coordinator', 'reviewer'] }) role: 'coordinator' | 'reviewer';
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty() createdAt: string;
}

export class PilotLeadDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class PilotDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) callId: string | null;
  @ApiProperty({ nullable: true, type: String }) candidatureId: string | null;
  @ApiProperty({ nullable: true, type: Number }) waveYear: number | null;
  @ApiProperty({ type: [CommuneDto] }) communes: CommuneDto[];
  @ApiProperty({ description: 'The figure at creation' }) inhabitants: number;
  @ApiProperty({ nullable: true, type: String }) inhabitantsSource: string | null;
  @ApiProperty({ nullable: true, type: String }) startDate: string | null;
  @ApiProperty({ enum: PILOT_STATUSES }) status: PilotStatus;
  @ApiProperty({ nullable: true, type: String }) district: string | null;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty() investmentPerInhabitantCents: number;
  @ApiProperty() operatingPerInhabitantPerYearCents: number;
  @ApiProperty() operatingYears: number;
  @ApiProperty({ type: [String] }) policies: string[];
  @ApiProperty({ nullable: true, type: String }) leadUserId: string | null;
  @ApiProperty({ nullable: true, type: PilotLeadDto }) lead: PilotLeadDto | null;
  @ApiProperty({ type: [ExpertDto] }) experts: ExpertDto[];
  @ApiProperty({ nullable: true, type: String }) coordinatorContact: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) carried: Record<string, unknown>;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'The inhabitants figure in force today' }) inhabitantsInForce: number;
  @ApiProperty({ nullable: true, type: Number, description: '0 before the start date, null without one' })
  currentProjectYear: number | null;
  @ApiProperty({ type: [ProjectYearDto] }) projectYears: ProjectYearDto[];
  @ApiProperty({ description: 'First date an activity may carry' }) lifeStart: string;
  @ApiProperty({ type: [AmendmentDto] }) amendments: AmendmentDto[];
  @ApiProperty({ type: [PilotMemberDto] }) members: PilotMemberDto[];
  @ApiProperty({ enum: PILOT_STAGES, description: 'The status, or bilan after the last operating year until closed' })
  stage: PilotStage;
  @ApiProperty({ nullable: true, type: String, description: 'Last day of the last operating year' })
  programmeEnd: string | null;
  @ApiProperty({ nullable: true, type: () => PilotClosureDto }) closure: PilotClosureDto | null;
}

export class PilotClosureByDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class PilotClosureDto {
  @ApiProperty({ enum: ['autonomous', 'ended'] }) outcome: 'autonomous' | 'ended';
  @ApiProperty() decidedOn: string;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: PilotClosureByDto }) decidedBy: PilotClosureByDto | null;
}

export class ClosePilotDto {
  @ApiProperty({
    enum: ['autonomous', 'ended'],
    description: "autonomous: the dynamic goes on without Smicval's funds; ended: it stops",
  })
  @IsIn(['autonomous', 'ended'])
  outcome: 'autonomous' | 'ended';
  @ApiProperty({ minLength: 3, maxLength: 4000 }) @Transform(trim) @IsString() @Length(3, 4000) reason: string;
  @ApiPropertyOptional({ description: 'Date of the decision (default today); after the last operating year' })
  @IsOptional()
  @IsDateOnly()
  decidedOn?: string;
}

export class PilotSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [CommuneDto] }) communes: CommuneDto[];
  @ApiProperty({ nullable: true, type: Number }) waveYear: number | null;
  @ApiProperty({ enum: PILOT_STATUSES }) status: PilotStatus;
  @ApiProperty({ nullable: true, type: String }) startDate: string | null;
  @ApiProperty({ nullable: true, type: String }) district: string | null;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty() inhabitantsInForce: number;
  @ApiProperty({ nullable: true, type: Number }) currentProjectYear: number | null;
  @ApiProperty({ enum: PILOT_STAGES }) stage: PilotStage;
}

export class PilotPageDto {
  @ApiProperty({ type: [PilotSummaryDto] }) items: PilotSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
