import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import type { ReportLogo } from './report.types';
import { ReportErrorCode, ReportException } from './reports.exception';

export const LOGO_MAX_BYTES = 256 * 1024;
/** Wider or taller than this is not a logo: refused rather than printed at a size nobody chose. */
export const LOGO_MAX_PIXELS = 4000;

/**
 * What a logo is, read from its bytes (the declared type is not trusted): a PNG (signature and IHDR) or a JPEG
 * (SOI marker, then a frame header), with its pixel size. Null when it is neither or is malformed.
 */
export function inspectLogo(
  bytes: Buffer,
): { contentType: 'image/png' | 'image/jpeg'; width: number; height: number } | null {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(png) && bytes.subarray(12, 16).toString('latin1') === 'IHDR')
    return { contentType: 'image/png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  // Walk the JPEG segments up to the first start-of-frame marker, which carries the size.
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1];
    const length = bytes.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { contentType: 'image/jpeg', height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    if (length < 2) return null;
    i += 2 + length;
  }
  return null;
}

/** The organisation's logo: uploaded by a lead, kept in the database (never in the repository), printed on reports. */
@Injectable()
export class ReportLogoService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** PUT /api/organisation/logo: a PNG or JPEG up to 256 KB and 4000 px, checked from its bytes. */
  async upload(
    ctx: RequestContext,
    contentBase64: string,
  ): Promise<{ contentType: string; bytes: number; sha256: string; createdAt: string }> {
    const bytes = Buffer.from(contentBase64, 'base64');
    if (bytes.length === 0 || bytes.length > LOGO_MAX_BYTES)
      throw new ReportException(ReportErrorCode.LogoInvalid, `A logo is 1 byte to ${LOGO_MAX_BYTES} bytes`);
    const info = inspectLogo(bytes);
    if (!info || info.width < 1 || info.height < 1 || info.width > LOGO_MAX_PIXELS || info.height > LOGO_MAX_PIXELS)
      throw new ReportException(ReportErrorCode.LogoInvalid, 'A logo must be a PNG or JPEG image up to 4000 px');
    const digest = createHash('sha256').update(bytes).digest('hex');
    return this.db.transaction(async (m) => {
      const [row]: { id: string; createdAt: Date }[] = await m.query(
        `INSERT INTO organisation_logos (content_type, size_bytes, sha256, content, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at AS "createdAt"`,
        [info.contentType, bytes.length, digest, bytes, ctx.user?.id ?? null],
      );
      await this.audit.record(m, ctx, {
        action: 'organisation.logo',
        entity: 'organisation_logo',
        entityId: row.id,
        pilotId: null,
        after: { contentType: info.contentType, bytes: bytes.length, sha256: digest },
      });
      return {
        contentType: info.contentType,
        bytes: bytes.length,
        sha256: digest,
        createdAt: new Date(row.createdAt).toISOString(),
      };
    });
  }

  /** The logo in use (the latest upload), or null. */
  async current(): Promise<{ contentType: string; sha256: string; content: Buffer } | null> {
    const [row]: { contentType: string; sha256: string; content: Buffer }[] = await this.db.query(
      `SELECT content_type AS "contentType", sha256, content FROM organisation_logos ORDER BY created_at DESC, id DESC LIMIT 1`,
    );
    return row ?? null;
  }

  /** The logo as a snapshot carries it: the bytes themselves, so rendering never reads the database. */
  async forSnapshot(): Promise<ReportLogo | null> {
    const logo = await this.current();
    return logo
      ? { contentType: logo.contentType, sha256: logo.sha256, base64: logo.content.toString('base64') }
      : null;
  }
}
