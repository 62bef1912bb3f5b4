import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { CommonErrorCode, CommonException } from '../common/errors/app.exception';
import { checkUploadedFile, safeFileName, sniffUploadType } from '../common/uploaded-file';
import { CallsService } from './calls.service';
import type { ClockOptions } from './candidatures.types';
import { AttachmentView, loadRow, lockForPhase, Target } from './candidature-rows';

/** An attachment is a PDF of at most 10 MB (as receipts), read from its bytes. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** At most this many documents per candidature. */
export const ATTACHMENTS_PER_CANDIDATURE = 10;

/**
 * Documents joined to the letter of engagement (the municipal council's deliberation, a map…): PDF only, checked
 * by structure, added while the engagement phase is open; the candidate, the lead and the committee read them.
 */
@Injectable()
export class CandidatureAttachmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly calls: CallsService,
  ) {}

  async add(
    ctx: RequestContext,
    target: Target,
    file: { filename: string; contentBase64: string },
    opts: ClockOptions = {},
  ): Promise<AttachmentView> {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(file.contentBase64)) {
      throw CommonException.validation([
        { field: 'contentBase64', code: 'invalid_base64', message: 'contentBase64 must be base64' },
      ]);
    }
    const bytes = Buffer.from(file.contentBase64, 'base64');
    if (bytes.length > ATTACHMENT_MAX_BYTES)
      throw new CommonException(CommonErrorCode.PayloadTooLarge, 'An attachment is at most 10 MB').withFrenchDetail(
        'Une pièce jointe ne doit pas dépasser 10 Mo.',
      );
    // Parsed before the transaction: judging a 10 MB file must not hold a database connection.
    // Only a PDF is taken: an image, or anything else, is refused by its signature before it is parsed.
    if (sniffUploadType(bytes) !== 'application/pdf')
      throw new CommonException(
        CommonErrorCode.UnsupportedMediaType,
        'An attachment must be a PDF file',
      ).withFrenchDetail('Une pièce jointe doit être un fichier PDF.');
    const check = await checkUploadedFile(bytes);
    if (!check.ok)
      throw new CommonException(
        CommonErrorCode.InvalidInput,
        `The attachment cannot be read: ${check.detail}`,
      ).withFrenchDetail('Ce fichier PDF est illisible ou endommagé : enregistrez-le à nouveau puis réessayez.');
    const filename = safeFileName(file.filename, 'application/pdf', 'piece-jointe');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.db.transaction(async (m) => {
      const { r } = await lockForPhase(m, this.calls, target, 'engagement', opts);
      if (r.attachments.length >= ATTACHMENTS_PER_CANDIDATURE)
        throw new CommonException(
          CommonErrorCode.Conflict,
          `A candidature has at most ${ATTACHMENTS_PER_CANDIDATURE} attachments`,
        ).withFrenchDetail(
          `Une candidature compte au plus ${ATTACHMENTS_PER_CANDIDATURE} pièces jointes : retirez-en une avant d’en ajouter une autre.`,
        );
      const [row]: { id: string; created_at: Date }[] = await m.query(
        `INSERT INTO candidature_attachments (candidature_id, filename, content_type, size_bytes, sha256, content, uploaded_via, created_by)
         VALUES ($1, $2, 'application/pdf', $3, $4, $5, $6, $7) RETURNING id, created_at`,
        [r.id, filename, bytes.length, sha256, bytes, 'id' in target ? 'lead' : 'private_link', ctx.user?.id ?? null],
      );
      await this.audit.record(m, ctx, {
        action: 'candidature.attachment_add',
        entity: 'candidature',
        entityId: r.id,
        after: { attachmentId: row.id, filename, sizeBytes: bytes.length, sha256 },
      });
      return {
        id: row.id,
        filename,
        sizeBytes: bytes.length,
        sha256,
        createdAt: new Date(row.created_at).toISOString(),
      };
    });
  }

  /** Removes a document while the engagement phase is open (a wrong file sent by mistake). */
  async remove(ctx: RequestContext, target: Target, attachmentId: string, opts: ClockOptions = {}): Promise<void> {
    await this.db.transaction(async (m) => {
      const { r } = await lockForPhase(m, this.calls, target, 'engagement', opts);
      const gone: { filename: string; sha256: string }[] = await m.query(
        `WITH gone AS (DELETE FROM candidature_attachments WHERE id = $1 AND candidature_id = $2 RETURNING filename, sha256)
         SELECT * FROM gone`,
        [attachmentId, r.id],
      );
      if (!gone[0]) throw this.notFound();
      await this.audit.record(m, ctx, {
        action: 'candidature.attachment_remove',
        entity: 'candidature',
        entityId: r.id,
        before: { attachmentId, filename: gone[0].filename, sha256: gone[0].sha256 },
      });
    });
  }

  /** One document's bytes, for the candidate (private link) or the lead and committee (id). */
  async download(
    target: Target,
    attachmentId: string,
  ): Promise<{ content: Buffer; filename: string; sha256: string; contentType: string }> {
    const r = await loadRow(this.db.manager, target);
    const [row]: { content: Buffer; filename: string; sha256: string; content_type: string }[] = await this.db.query(
      `SELECT content, filename, sha256, content_type FROM candidature_attachments WHERE id = $1 AND candidature_id = $2`,
      [attachmentId, r.id],
    );
    if (!row) throw this.notFound();
    return { content: row.content, filename: row.filename, sha256: row.sha256, contentType: row.content_type };
  }

  private notFound() {
    return new CommonException(CommonErrorCode.NotFound, 'Attachment not found').withFrenchDetail(
      'Cette pièce jointe est introuvable.',
    );
  }
}
