import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ACTOR_TYPES, ActorType, PARTICIPATION_LEVELS, ParticipationLevel, POLICIES, Policy } from '../common/codes';
import { CommuneDto } from '../common/commune.dto';
import { IsOptional, NestedArray, NestedObject, OptionalText, trim, TrimmedText } from '../common/validators';

export { CommuneDto };

/** What the letters' bodies carry: the letter of intention, the letter of engagement, and the candidate's requests. */

const TEXT = 5000;

/** An optional e-mail address, trimmed. */
function ContactEmail(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Transform(trim),
    IsEmail({}, { message: 'contactEmail must be an e-mail address' }),
    MaxLength(254),
  );
}

export class IntentionDto {
  @ApiProperty({ description: 'Spécificités de la (des) commune(s) et de ses habitants' })
  @TrimmedText(TEXT)
  specifics: string;
  @ApiProperty({ description: 'Valeurs et engagements de la (des) commune(s)' })
  @TrimmedText(TEXT)
  values: string;
  @ApiProperty({ description: 'Enjeux de territoire / politiques publiques prioritaires' })
  @TrimmedText(TEXT)
  stakes: string;
  @ApiProperty({ description: 'Territoire engagé « Ma commune Zero Waste »' }) @IsBoolean() zeroWasteCommune: boolean;
}

export class SubmitIntentionDto {
  @ApiProperty({ type: [CommuneDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @NestedArray(() => CommuneDto)
  communes: CommuneDto[];
  @ApiProperty({ example: 1200, description: 'Nombre d’habitants concernés' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  inhabitants: number;
  @ApiProperty({ type: IntentionDto }) @NestedObject(() => IntentionDto) intention: IntentionDto;
  @ApiPropertyOptional({ description: 'Who to reach at the commune' })
  @OptionalText(200)
  contactName?: string;
  @ApiPropertyOptional()
  @ContactEmail()
  contactEmail?: string;
}

export class CandidatureActorDto {
  @ApiProperty({ example: 'Association des parents d’élèves' })
  @TrimmedText(200, 1)
  name: string;
  @ApiProperty({ enum: ACTOR_TYPES }) @IsIn(ACTOR_TYPES) type: ActorType;
  @ApiPropertyOptional({ description: 'What this actor can bring (skills, land, people, activities…)' })
  @OptionalText(2000)
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
  @OptionalText(TEXT)
  articulation?: string;
  @ApiProperty({ description: 'First idea of the cooperative project' })
  @TrimmedText(TEXT, 1)
  description: string;
  @ApiPropertyOptional({ description: 'What the project can bring to the commune(s)' })
  @OptionalText(TEXT)
  contribution?: string;
  @ApiPropertyOptional({ type: [CandidatureActorDto] })
  @IsOptional()
  @ArrayMaxSize(100)
  @NestedArray(() => CandidatureActorDto)
  actors?: CandidatureActorDto[];
  @ApiPropertyOptional({ description: 'What each can bring, which activities' })
  @OptionalText(TEXT)
  contributions?: string;
  @ApiPropertyOptional({ description: 'Existing links between actors and initiatives under way' })
  @OptionalText(TEXT)
  existingLinks?: string;
  @ApiProperty({ enum: PARTICIPATION_LEVELS }) @IsIn(PARTICIPATION_LEVELS) citizenInvolvement: ParticipationLevel;
  @ApiPropertyOptional({ description: 'On which points citizen involvement matters' })
  @OptionalText(TEXT)
  involvementPoints?: string;
  @ApiPropertyOptional({ description: 'District / lieu-dit / zone already in view' })
  @OptionalText(1000)
  district?: string;
  @ApiPropertyOptional({ description: 'Physical space already identified' })
  @OptionalText(1000)
  place?: string;
  @ApiPropertyOptional({ description: 'Coordinator (elected or agent) and how to reach them' })
  @OptionalText(1000)
  coordinator?: string;
  @ApiPropertyOptional({ description: 'What the commune(s) bring: engineering, money, people, land' })
  @OptionalText(TEXT)
  communeCommitment?: string;
  @ApiPropertyOptional({ description: 'First needs identified' })
  @OptionalText(TEXT)
  needs?: string;
  @ApiPropertyOptional({ description: 'Obstacles / risks identified' })
  @OptionalText(TEXT)
  risks?: string;
  @ApiPropertyOptional({ description: 'Ways to lift them' })
  @OptionalText(TEXT)
  mitigations?: string;
  @ApiPropertyOptional({ description: 'Resources needed to lift them, internal or external' })
  @OptionalText(TEXT)
  resources?: string;
  @ApiPropertyOptional({
    type: [CommuneDto],
    description: 'The letter repeats the communes; when given, replaces them',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @NestedArray(() => CommuneDto)
  communes?: CommuneDto[];
  @ApiPropertyOptional({ description: 'The letter repeats the inhabitants figure; when given, replaces it' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  inhabitants?: number;
  @ApiPropertyOptional({
    description:
      'The commune’s e-mail address, when none was given with the letter of intention (required then, through the private link)',
  })
  @ContactEmail()
  contactEmail?: string;
}

/** « Lien perdu ? »: the address on file, and the dossier number to renew only that candidature's link. */
export class RecoverLinkDto {
  @ApiProperty({ example: 'mairie@saint-genes.example.org' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;
  @ApiPropertyOptional({ example: 'K-2026-0007' })
  @IsOptional()
  @Transform(trim)
  @Matches(/^[Kk]-\d{4}-\d{4}$/, { message: 'dossierNumber must look like K-2026-0007' })
  dossierNumber?: string;
}

export class UploadAttachmentDto {
  @ApiProperty({ example: 'deliberation-conseil-municipal.pdf' }) @TrimmedText(200, 1) filename: string;
  @ApiProperty({ description: 'The file, base64-encoded: a PDF up to 10 MB (the type is read from the bytes)' })
  @IsString()
  @Length(1, 14_000_000)
  contentBase64: string;
}
