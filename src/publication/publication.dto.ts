import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length, Matches } from 'class-validator';
import { CSV_DIALECTS, type CsvDialect } from '../common/export';
import { IsOptional } from '../common/validators';
import { LICENCE_IDS, type LicenceId } from './publication.types';

export class PublicationDto {
  @ApiProperty() pilotId: string;
  @ApiProperty() published: boolean;
  @ApiProperty({ example: 'saint-genes-de-lombaud', description: 'The stable address of the page and the data' })
  slug: string;
  @ApiProperty({ enum: LICENCE_IDS }) licence: LicenceId;
  @ApiProperty({ example: 'Licence Ouverte 2.0' }) licenceName: string;
  @ApiProperty({ description: 'The issued reports (PDF) can be downloaded from the public page' })
  includeReports: boolean;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ example: '/territoires/saint-genes-de-lombaud' }) pagePath: string;
  @ApiProperty({ example: '/api/open-data/pilots/saint-genes-de-lombaud' }) dataPath: string;
}

export class UpdatePublicationDto {
  @ApiProperty({ description: 'Switch the public page and open data on or off' }) @IsBoolean() published: boolean;
  @ApiPropertyOptional({
    example: 'saint-genes-de-lombaud',
    description: 'Lower-case letters, digits and single hyphens, 3 to 80 characters; default: from the communes',
  })
  @IsOptional()
  @IsString()
  @Length(3, 80)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  slug?: string;
  @ApiPropertyOptional({ enum: LICENCE_IDS, description: 'Default etalab-2.0 (Licence Ouverte 2.0)' })
  @IsOptional()
  @IsIn(LICENCE_IDS)
  licence?: LicenceId;
  @ApiPropertyOptional({ description: 'Also publish the issued reports (PDF), as issued' })
  @IsOptional()
  @IsBoolean()
  includeReports?: boolean;
}

export class OpenDataQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'json (default) or csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
  @ApiPropertyOptional({
    enum: CSV_DIALECTS,
    description: 'CSV dialect: excel-fr (default: ";", decimal comma, BOM) or rfc4180 ("," and a decimal dot)',
  })
  @IsOptional()
  @IsIn(CSV_DIALECTS)
  dialect?: CsvDialect;
}

export class SlugParamDto {
  @ApiProperty() @IsString() @Length(1, 100) slug: string;
}
