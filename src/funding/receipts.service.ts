import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { isLead, RequestContext } from '../auth/auth.types';
import { AppException, CommonException } from '../common/errors/app.exception';
import { checkUploadedFile, safeFileName } from '../common/uploaded-file';
import type { EntryType } from './entitlements';
import { FundingErrorCode, FundingException } from './funding.exception';
import type { LedgerEntry, Receipt } from './ledger-entries';
import { auditRefusal, loadEntry } from './ledger.queries';

export const RECEIPT_MAX_BYTES = 10 * 1024 * 1024;

/** The receipt (justificatif) of a ledger entry: attached once, never replaced, served within the pilot only. */
@Injectable()
export class ReceiptsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async attachReceipt(
    ctx: RequestContext,
    pilotId: string,
    entryId: string,
    file: { filename: string; contentBase64: string },
  ): Promise<LedgerEntry> {
    try {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(file.contentBase64)) {
        throw CommonException.validation([
          { field: 'contentBase64', code: 'invalid_base64', message: 'contentBase64 must be base64' },
        ]);
      }
      const bytes = Buffer.from(file.contentBase64, 'base64');
      if (bytes.length > RECEIPT_MAX_BYTES)
        throw new FundingException(FundingErrorCode.ReceiptTooLarge, 'A receipt is at most 10 MB');
      // Parsed before the transaction: judging a 10 MB file must not hold a database connection.
      const check = await checkUploadedFile(bytes);
      if (!check.ok && check.reason === 'type')
        throw new FundingException(FundingErrorCode.ReceiptTypeNotAllowed, 'A receipt must be a PDF, JPEG or PNG file');
      if (!check.ok)
        throw new FundingException(FundingErrorCode.ReceiptUnreadable, `The receipt cannot be read: ${check.detail}`);
      const contentType = check.contentType;
      const filename = safeFileName(file.filename, contentType, 'justificatif');
      return await this.db.transaction(async (m) => {
        const [entry]: { type: EntryType }[] = await m.query(
          `SELECT type FROM ledger_entries WHERE pilot_id = $1 AND id = $2`,
          [pilotId, entryId],
        );
        if (!entry) throw new FundingException(FundingErrorCode.EntryNotFound, 'Ledger entry not found');
        if (entry.type === 'reversal')
          throw new FundingException(FundingErrorCode.ReceiptNotAllowed, 'A reversal carries no receipt');
        if (entry.type === 'disbursement' && !isLead(ctx) && ctx.user) {
          throw new FundingException(
            FundingErrorCode.EntryTypeForbidden,
            'Only the Smicval lead documents disbursements',
          );
        }
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const inserted = await m.query(
          `INSERT INTO ledger_receipts (entry_id, pilot_id, filename, content_type, size_bytes, sha256, content, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (entry_id) DO NOTHING RETURNING entry_id`,
          [entryId, pilotId, filename, contentType, bytes.length, sha256, bytes, ctx.user?.id ?? null],
        );
        if (inserted.length === 0)
          throw new FundingException(
            FundingErrorCode.ReceiptExists,
            'This entry already has a receipt; receipts are never replaced',
          );
        await this.audit.record(m, ctx, {
          action: 'ledger.receipt',
          entity: 'ledger_entry',
          entityId: entryId,
          pilotId,
          after: { filename, contentType, sizeBytes: bytes.length, sha256 },
        });
        return loadEntry(m, pilotId, entryId);
      });
    } catch (e) {
      if (e instanceof AppException)
        await auditRefusal(this.audit, ctx, pilotId, 'ledger.receipt', e, { entryId, filename: file.filename });
      throw e;
    }
  }

  async receipt(pilotId: string, entryId: string): Promise<Receipt> {
    const rows = await this.db.query(
      `SELECT filename, content_type AS "contentType", size_bytes AS "sizeBytes", sha256, content, created_at AS "uploadedAt"
         FROM ledger_receipts WHERE pilot_id = $1 AND entry_id = $2`,
      [pilotId, entryId],
    );
    if (!rows[0]) throw new FundingException(FundingErrorCode.ReceiptNotFound, 'This entry has no receipt');
    return { ...rows[0], uploadedAt: new Date(rows[0].uploadedAt).toISOString() };
  }
}
