import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ACTIVITY_TYPES,
  type ActivityType,
  ACTOR_TYPES,
  type ActorType,
  PARTICIPATION_LEVELS,
  type ParticipationLevel,
  type Policy,
  POLICIES,
} from '../common/codes';
import { ListQueryDto } from '../common/list-query.dto';
import { IsDateOnly, IsNullable, IsOptional, MaxDecimals } from '../common/validators';
import { trim, trimOrNull } from '../pilots/pilots.dto';

const MAX_KG = 1_000_000;

export class DivertedKgDto {
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_KG })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(MAX_KG)
  @MaxDecimals(2)
  reuse?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_KG })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(MAX_KG)
  @MaxDecimals(2)
  repair?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_KG })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(MAX_KG)
  @MaxDecimals(2)
  compost?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_KG })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(MAX_KG)
  @MaxDecimals(2)
  recycling?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_KG })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(MAX_KG)
  @MaxDecimals(2)
  other?: number;
}

/** What the phone form puts under « Plus de détails »: all optional. */
export class ActivityDetailsDto {
  @ApiPropertyOptional({ enum: POLICIES, isArray: true, description: "Default ['waste_reduction']" })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(POLICIES.length)
  @ArrayUnique()
  @IsIn(POLICIES, { each: true })
  policies?: Policy[];
  @ApiPropertyOptional({ minimum: 0, maximum: 10000 }) @IsOptional() @IsInt() @Min(0) @Max(10_000) volunteers?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100000, description: 'At most 24 h per volunteer' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100_000)
  @MaxDecimals(2)
  volunteerHours?: number;
  @ApiPropertyOptional({ type: [String], description: 'Actors of this pilot involved' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  actorIds?: string[];
  @ApiPropertyOptional({ enum: PARTICIPATION_LEVELS, nullable: true })
  @IsNullable()
  @IsIn(PARTICIPATION_LEVELS)
  participationLevel?: ParticipationLevel | null;
  @ApiPropertyOptional({ type: DivertedKgDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DivertedKgDto)
  divertedKg?: DivertedKgDto;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}

/** The four fields the phone form asks first, then the details. */
export class CreateActivityDto extends ActivityDetailsDto {
  @ApiProperty({ example: '2024-03-16', description: 'Within the pilot’s life (from lifeStart) and not in the future' })
  @IsDateOnly()
  date: string;
  @ApiProperty({ example: 'Repair café de printemps' }) @Transform(trim) @IsString() @Length(1, 200) title: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) @IsIn(ACTIVITY_TYPES) type: ActivityType;
  @ApiProperty({ minimum: 0, maximum: 100000 }) @IsInt() @Min(0) @Max(100_000) participants: number;
}

export class UpdateActivityDto extends ActivityDetailsDto {
  @ApiPropertyOptional({ example: '2024-03-16' }) @IsOptional() @IsDateOnly() date?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ enum: ACTIVITY_TYPES }) @IsOptional() @IsIn(ACTIVITY_TYPES) type?: ActivityType;
  @ApiPropertyOptional({ minimum: 0, maximum: 100000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  participants?: number;
}

export class ActivityQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ example: '2024-01-01' }) @IsOptional() @IsDateOnly() from?: string;
  @ApiPropertyOptional({ example: '2024-12-31' }) @IsOptional() @IsDateOnly() to?: string;
  @ApiPropertyOptional({ enum: POLICIES }) @IsOptional() @IsIn(POLICIES) policy?: Policy;
  @ApiPropertyOptional({ enum: ACTIVITY_TYPES }) @IsOptional() @IsIn(ACTIVITY_TYPES) type?: ActivityType;
}

// Response shapes.

export class DivertedKgTotalsDto {
  @ApiProperty() reuse: number;
  @ApiProperty() repair: number;
  @ApiProperty() compost: number;
  @ApiProperty() recycling: number;
  @ApiProperty() other: number;
  @ApiProperty() total: number;
}

export class ActivityActorDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACTOR_TYPES }) type: ActorType;
}

export class ActivityPhotoRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Where the image is served (same access as the activity)' }) url: string;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
}

export class ActivityPhotoDto extends ActivityPhotoRefDto {
  @ApiProperty({ enum: ['image/jpeg', 'image/webp'] }) mime: 'image/jpeg' | 'image/webp';
  @ApiProperty({ description: "The EXIF metadata (GPS position included) was kept at the uploader's request" })
  locationKept: boolean;
}

export class ActivityDto {
  @ApiProperty() id: string;
  @ApiProperty() pilotId: string;
  @ApiProperty() date: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) type: ActivityType;
  @ApiProperty({ enum: POLICIES, isArray: true }) policies: Policy[];
  @ApiProperty() participants: number;
  @ApiProperty() volunteers: number;
  @ApiProperty() volunteerHours: number;
  @ApiProperty({ enum: PARTICIPATION_LEVELS, nullable: true }) participationLevel: ParticipationLevel | null;
  @ApiProperty({ type: DivertedKgTotalsDto }) divertedKg: DivertedKgTotalsDto;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ type: [String] }) actorIds: string[];
  @ApiProperty({ type: [ActivityActorDto] }) actors: ActivityActorDto[];
  @ApiProperty({ nullable: true, type: Number }) projectYear: number | null;
  @ApiProperty({ type: [ActivityPhotoRefDto], description: 'Ordered by position (at most 5)' })
  photos: ActivityPhotoRefDto[];
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ActivityPageDto {
  @ApiProperty({ type: [ActivityDto] }) items: ActivityDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PolicyFigureDto {
  @ApiProperty({ enum: POLICIES }) policy: string;
  @ApiProperty() activities: number;
  @ApiProperty() participants: number;
}

export class TypeFigureDto {
  @ApiProperty({ enum: ACTIVITY_TYPES }) type: string;
  @ApiProperty() activities: number;
  @ApiProperty() participants: number;
}

export class MonthFigureDto {
  @ApiProperty({ example: '2024-03' }) month: string;
  @ApiProperty({ enum: POLICIES }) policy: string;
  @ApiProperty() activities: number;
  @ApiProperty() participants: number;
}

export class ActivityFiguresDto {
  @ApiProperty() activities: number;
  @ApiProperty() participants: number;
  @ApiProperty() volunteers: number;
  @ApiProperty() volunteerHours: number;
  @ApiProperty({ type: DivertedKgTotalsDto }) divertedKg: DivertedKgTotalsDto;
  @ApiProperty({ type: [PolicyFigureDto] }) byPolicy: PolicyFigureDto[];
  @ApiProperty({ type: [TypeFigureDto] }) byType: TypeFigureDto[];
  @ApiProperty({ type: [MonthFigureDto] }) byMonth: MonthFigureDto[];
  @ApiProperty() activeActors: number;
  @ApiProperty() contributions: number;
  @ApiProperty() contributionsValueCents: number;
  @ApiProperty() contributionHours: number;
}

export class FiguresPeriodDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Project year; 0 = preparation; null = the whole life' })
  year: number | null;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: ActivityFiguresDto }) figures: ActivityFiguresDto;
}

export class ActorTypeChartDto {
  @ApiProperty({ enum: ACTOR_TYPES }) type: ActorType;
  @ApiProperty() actors: number;
  @ApiProperty() contributions: number;
  @ApiProperty() valueCents: number;
  @ApiProperty() hours: number;
}

export class OverviewChartsDto {
  @ApiProperty({ type: [MonthFigureDto] }) byMonth: MonthFigureDto[];
  @ApiProperty({ type: [ActorTypeChartDto] }) contributionsByActorType: ActorTypeChartDto[];
}

export class OverviewCountsDto {
  @ApiProperty() actors: number;
  @ApiProperty() links: number;
  @ApiProperty() contributions: number;
  @ApiProperty() activities: number;
}

export class PilotOverviewDto {
  @ApiProperty() pilotId: string;
  @ApiProperty() today: string;
  @ApiProperty({ nullable: true, type: String }) startDate: string | null;
  @ApiProperty() lifeStart: string;
  @ApiProperty({ nullable: true, type: Number }) currentProjectYear: number | null;
  @ApiProperty({ type: FiguresPeriodDto }) current: FiguresPeriodDto;
  @ApiProperty({ type: [FiguresPeriodDto] }) years: FiguresPeriodDto[];
  @ApiProperty({ type: FiguresPeriodDto }) total: FiguresPeriodDto;
  @ApiProperty({ type: OverviewChartsDto }) charts: OverviewChartsDto;
  @ApiProperty({ type: OverviewCountsDto }) counts: OverviewCountsDto;
}
