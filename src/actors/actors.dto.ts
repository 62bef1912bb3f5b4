import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { ACTOR_TYPES, type ActorType, CONTRIBUTION_KINDS, type ContributionKind } from '../common/codes';
import { ListQueryDto } from '../common/list-query.dto';
import { IsNullable, IsOptional, MaxDecimals } from '../common/validators';
import { trim, trimOrNull } from '../pilots/pilots.dto';

export class CreateActorDto {
  @ApiProperty({ example: 'Recyclerie du Créonnais' }) @Transform(trim) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: ACTOR_TYPES }) @IsIn(ACTOR_TYPES) type: ActorType;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'contact@recyclerie.example — 05 56 00 00 00' })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(500)
  contact?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(5000)
  description?: string | null;
  @ApiPropertyOptional({
    description: "The actor agreed to appear by name on the pilot's public page and open data (default false)",
  })
  @IsOptional()
  @IsBoolean()
  publicConsent?: boolean;
}

export class UpdateActorDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ enum: ACTOR_TYPES }) @IsOptional() @IsIn(ACTOR_TYPES) type?: ActorType;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(500)
  contact?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(5000)
  description?: string | null;
  @ApiPropertyOptional({
    description: "The actor agreed to appear by name on the pilot's public page and open data (default false)",
  })
  @IsOptional()
  @IsBoolean()
  publicConsent?: boolean;
}

export class CreateContributionDto {
  @ApiProperty() @IsUUID() actorId: string;
  @ApiProperty({ enum: CONTRIBUTION_KINDS }) @IsIn(CONTRIBUTION_KINDS) kind: ContributionKind;
  @ApiProperty({ example: 'Prêt de la salle des fêtes un samedi par mois' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  description: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 0,
    maximum: 100000000000,
    description: 'Value in euro cents, when it can be valued',
  })
  @IsNullable()
  @IsInt()
  @Min(0)
  @Max(100_000_000_000)
  valueCents?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0, maximum: 100000 })
  @IsNullable()
  @IsNumber()
  @Min(0)
  @Max(100_000)
  @MaxDecimals(2)
  hours?: number | null;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10,
    description: 'Project year; default: the current one (1 before the start)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  year?: number;
}

export class ContributionQueryDto extends ListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ enum: CONTRIBUTION_KINDS }) @IsOptional() @IsIn(CONTRIBUTION_KINDS) kind?: ContributionKind;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10) year?: number;
}

export class CreateActorLinkDto {
  @ApiProperty() @IsUUID() fromActorId: string;
  @ApiProperty() @IsUUID() toActorId: string;
  @ApiProperty({ example: 'Organisent ensemble la bourse aux vêtements' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  nature: string;
}

export class ActorDto {
  @ApiProperty() id: string;
  @ApiProperty() pilotId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACTOR_TYPES }) type: ActorType;
  @ApiProperty({ nullable: true, type: String }) contact: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ description: "Agreed to appear by name on the pilot's public page" }) publicConsent: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() contributions: number;
  @ApiProperty() contributionsValueCents: number;
  @ApiProperty() contributionHours: number;
  @ApiProperty({ enum: CONTRIBUTION_KINDS, isArray: true }) kinds: ContributionKind[];
  @ApiProperty() links: number;
}

export class ActorListDto {
  @ApiProperty({ type: [ActorDto] }) items: ActorDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ContributionDto {
  @ApiProperty() id: string;
  @ApiProperty() pilotId: string;
  @ApiProperty() actorId: string;
  @ApiProperty() actorName: string;
  @ApiProperty({ enum: ACTOR_TYPES }) actorType: ActorType;
  @ApiProperty({ enum: CONTRIBUTION_KINDS }) kind: ContributionKind;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: Number }) valueCents: number | null;
  @ApiProperty({ nullable: true, type: Number }) hours: number | null;
  @ApiProperty() year: number;
  @ApiProperty() createdAt: string;
}

export class ContributionListDto {
  @ApiProperty({ type: [ContributionDto] }) items: ContributionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ActorLinkDto {
  @ApiProperty() id: string;
  @ApiProperty() pilotId: string;
  @ApiProperty() fromActorId: string;
  @ApiProperty() fromActorName: string;
  @ApiProperty() toActorId: string;
  @ApiProperty() toActorName: string;
  @ApiProperty() nature: string;
  @ApiProperty() createdAt: string;
}

export class ActorLinkListDto {
  @ApiProperty({ type: [ActorLinkDto] }) items: ActorLinkDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ActorTypeTotalsDto {
  @ApiProperty({ enum: ACTOR_TYPES }) type: ActorType;
  @ApiProperty() actors: number;
  @ApiProperty() contributions: number;
  @ApiProperty() valueCents: number;
  @ApiProperty() hours: number;
}

export class ContributionKindTotalsDto {
  @ApiProperty({ enum: CONTRIBUTION_KINDS }) kind: ContributionKind;
  @ApiProperty() contributions: number;
  @ApiProperty() valueCents: number;
  @ApiProperty() hours: number;
}

export class ActorNetworkDto {
  @ApiProperty({ type: [ActorDto] }) nodes: ActorDto[];
  @ApiProperty({ type: [ActorLinkDto] }) links: ActorLinkDto[];
  @ApiProperty({ type: [ActorTypeTotalsDto] }) byType: ActorTypeTotalsDto[];
  @ApiProperty({ type: [ContributionKindTotalsDto] }) byKind: ContributionKindTotalsDto[];
}
