import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IsOptional, TrimmedText } from './validators';

/** A commune as candidatures and pilots name it: its name, and its INSEE code when known. */
export class CommuneDto {
  @ApiProperty({ example: 'Saint-Genès-de-Lombaud' }) @TrimmedText(200, 1) name: string;
  @ApiPropertyOptional({ example: '33402', description: 'INSEE code (5 characters, 2A/2B for Corsica)' })
  @IsOptional()
  @IsString()
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'inseeCode must be a 5-character INSEE code' })
  inseeCode?: string;
}
