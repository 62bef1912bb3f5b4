import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CSV_DIALECTS, CsvDialect } from './export';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `?limit=&cursor=&format=` shared by list endpoints; extend it with the list's own filters. */
export class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, description: 'csv and xlsx return every matching row as a file' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({ enum: CSV_DIALECTS, default: 'excel-fr', description: 'CSV only: excel-fr (`;`, decimal comma, BOM: opens in French Excel) or rfc4180 (`,`, decimal dot: for machines)' })
  @IsOptional()
  @IsIn(CSV_DIALECTS)
  dialect?: CsvDialect;
}

export type Page<T> = { items: T[]; nextCursor: string | null };

/** Cursors are base64url JSON of the last row's sort key: opaque to clients, stable across inserts. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): unknown[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
