import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { isCalendarDate } from './codes';
import { CommonException } from './errors/app.exception';
import { CSV_DIALECTS, CsvDialect } from './export';
import { IsOptional } from './validators';

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
  @MaxLength(400)
  cursor?: string;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, description: 'csv and xlsx return every matching row as a file' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({
    enum: CSV_DIALECTS,
    default: 'excel-fr',
    description:
      'CSV only: excel-fr (`;`, decimal comma, BOM: opens in French Excel) or rfc4180 (`,`, decimal dot: for machines)',
  })
  @IsOptional()
  @IsIn(CSV_DIALECTS)
  dialect?: CsvDialect;
}

export type Page<T> = { items: T[]; nextCursor: string | null };

/** What a position of a cursor key holds, so a forged cursor is refused before it reaches a SQL cast. */
export type CursorPart = 'text' | 'int' | 'uuid' | 'date' | 'timestamp' | 'number';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Timestamps as encoded by the lists: ISO 8601 (JavaScript) or PostgreSQL's text output, microseconds kept.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;

function partOk(kind: CursorPart, v: unknown): boolean {
  switch (kind) {
    case 'text':
      return typeof v === 'string' && v.length <= 1000 && !v.includes('\u0000');
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'number':
      return (
        (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d{1,15}(\.\d{1,9})?$/.test(v))
      );
    case 'uuid':
      return typeof v === 'string' && UUID.test(v);
    case 'date':
      return typeof v === 'string' && isCalendarDate(v);
    case 'timestamp':
      return (
        typeof v === 'string' &&
        TIMESTAMP.test(v) &&
        !Number.isNaN(Date.parse(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')))
      );
  }
}

/** Cursors are base64url JSON of the last row's sort key: opaque to clients, stable across inserts. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function parseCursor(cursor: string): unknown[] | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) &&
      v.length >= 1 &&
      v.length <= 4 &&
      v.every((x) => typeof x === 'string' || typeof x === 'number')
      ? v
      : null;
  } catch {
    return null;
  }
}

/**
 * The key of a cursor, checked against the list's sort key: anything else (edited, truncated, from
 * another list) is a 400 `invalid_cursor`, never a SQL error.
 */
export function decodeCursor(cursor: string | undefined, shape?: CursorPart[]): unknown[] | null {
  if (!cursor) return null;
  const key = parseCursor(cursor);
  if (!key || (shape && (key.length !== shape.length || !shape.every((kind, i) => partOk(kind, key[i]))))) {
    throw CommonException.invalidCursor();
  }
  return key;
}

/** A cursor as a query parameter: base64url JSON of a short key; with `shape`, each part of the key checked too. */
export function IsCursor(shape?: CursorPart[], options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCursor',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'cursor is not a cursor this list gave', ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const key = parseCursor(value);
          return !!key && (!shape || (key.length === shape.length && shape.every((kind, i) => partOk(kind, key[i]))));
        },
      },
    });
}
