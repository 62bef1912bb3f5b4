import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { isLead, RequestContext } from '../auth/auth.types';
import { isCalendarDate, todayInFrance } from '../common/codes';
import { AppException, CommonException, FieldError } from '../common/errors/app.exception';
import type { Column } from '../common/export';
import { decodeCursor, encodeCursor, Page } from '../common/list-query.dto';
import { checkUploadedFile, safeFileName } from '../common/uploaded-file';
import {
  claimIdempotencyKey,
  IDEMPOTENCY_KEY_DAYS,
  IdempotencyTable,
  purgeIdempotencyKeys,
  requestHash,
  storeIdempotentResponse,
} from '../common/idempotency';
import { addYears } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import {
  checkNewEntry,
  checkReversal,
  computeFunding,
  resolveEntryYear,
  CoreEntry,
  CreatableType,
  EntryRefusal,
  EntryType,
  ExpenseCategory,
  Fund,
  FundingFigures,
  SourceKind,
} from './entitlements';
import { FundingErrorCode, FundingException } from './funding.exception';
import type { LedgerEntry as LedgerEntryRecord } from './ledger-entry.entity';
import type { LedgerReceipt } from './ledger-receipt.entity';

export type LedgerEntryInput = {
  type: CreatableType;
  fund?: Fund;
  year?: number;
  amountCents: number;
  date: string;
  reference: string;
  category?: ExpenseCategory;
  supplier?: string;
  source?: string;
  sourceKind?: SourceKind;
  actorId?: string;
  description?: string;
  attributionReason?: string;
};

export type ReceiptInfo = {
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
};

export type LedgerEntry = {
  id: string;
  seq: number;
  pilotId: string;
  type: EntryType;
  fund: Fund | null;
  year: number;
  amountCents: number;
  signedCents: number;
  date: string;
  reference: string;
  category: ExpenseCategory | null;
  supplier: string | null;
  source: string | null;
  sourceKind: SourceKind | null;
  actorId: string | null;
  description: string | null;
  reversesEntryId: string | null;
  reversesSeq: number | null;
  reversedByEntryId: string | null;
  reversedBySeq: number | null;
  reason: string | null;
  attributionReason: string | null;
  receipt: ReceiptInfo | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
};

export type FundingSummary = FundingFigures & {
  pilotId: string;
  startDate: string | null;
  operatingYears: number;
  asOf: string;
};

export type LedgerFilters = { type?: EntryType; year?: number; fund?: Fund; limit?: number; cursor?: string };

export type Receipt = ReceiptInfo & { content: Buffer };

/** Write result: `replayed` when an idempotency key returned the first response again. */
export type EntryWrite = { entry: LedgerEntry; replayed: boolean };

export const RECEIPT_MAX_BYTES = 10 * 1024 * 1024;

const LEDGER_SELECT = `
  SELECT e.id, e.seq, e.pilot_id AS "pilotId", e.type, e.fund, e.year, e.amount_cents AS "amountCents",
         e.entry_date AS "date", e.reference, e.category, e.supplier, e.source, e.source_kind AS "sourceKind",
         e.actor_id AS "actorId", e.description, e.reverses_entry_id AS "reversesEntryId", t.seq AS "reversesSeq",
         t.type AS "reversesType", r.id AS "reversedByEntryId", r.seq AS "reversedBySeq", e.reason,
         e.attribution_reason AS "attributionReason",
         rc.filename AS "receiptFilename", rc.content_type AS "receiptType", rc.size_bytes AS "receiptSize",
         rc.sha256 AS "receiptSha256", rc.created_at AS "receiptAt",
         u.id AS "userId", u.name AS "userName", e.created_at AS "createdAt"
    FROM ledger_entries e
    LEFT JOIN ledger_entries t ON t.id = e.reverses_entry_id
    LEFT JOIN ledger_entries r ON r.reverses_entry_id = e.id
    LEFT JOIN ledger_receipts rc ON rc.entry_id = e.id
    LEFT JOIN users u ON u.id = e.created_by`;

/** One entry as `LEDGER_SELECT` reads it: the entity's columns under their property names, its reversal links, receipt and author. */
type LedgerRow = Omit<LedgerEntryRecord, 'entryDate' | 'createdBy'> & {
  date: LedgerEntryRecord['entryDate'];
  reversesSeq: LedgerEntryRecord['seq'] | null;
  reversesType: LedgerEntryRecord['type'] | null;
  reversedByEntryId: LedgerEntryRecord['id'] | null;
  reversedBySeq: LedgerEntryRecord['seq'] | null;
  receiptFilename: LedgerReceipt['filename'] | null;
  receiptType: LedgerReceipt['contentType'] | null;
  receiptSize: LedgerReceipt['sizeBytes'] | null;
  receiptSha256: LedgerReceipt['sha256'] | null;
  receiptAt: LedgerReceipt['createdAt'] | null;
  userId: string | null;
  userName: string | null;
};

const SIGN: Record<Exclude<EntryType, 'reversal'>, number> = {
  disbursement: 1,
  expense: -1,
  cofinancing: 1,
  in_kind: 1,
};

function toEntry(r: LedgerRow): LedgerEntry {
  const sign =
    r.type === 'reversal' ? -SIGN[(r.reversesType ?? 'disbursement') as Exclude<EntryType, 'reversal'>] : SIGN[r.type];
  return {
    id: r.id,
    seq: Number(r.seq),
    pilotId: r.pilotId,
    type: r.type,
    fund: r.fund,
    year: r.year,
    amountCents: r.amountCents,
    signedCents: sign * r.amountCents,
    date: r.date,
    reference: r.reference,
    category: r.category,
    supplier: r.supplier,
    source: r.source,
    sourceKind: r.sourceKind,
    actorId: r.actorId,
    description: r.description,
    reversesEntryId: r.reversesEntryId,
    reversesSeq: r.reversesSeq === null ? null : Number(r.reversesSeq),
    reversedByEntryId: r.reversedByEntryId,
    reversedBySeq: r.reversedBySeq === null ? null : Number(r.reversedBySeq),
    reason: r.reason,
    attributionReason: r.attributionReason,
    receipt:
      r.receiptFilename && r.receiptType && r.receiptSha256 && r.receiptAt
        ? {
            filename: r.receiptFilename,
            contentType: r.receiptType,
            sizeBytes: Number(r.receiptSize),
            sha256: r.receiptSha256,
            uploadedAt: new Date(r.receiptAt).toISOString(),
          }
        : null,
    createdBy: r.userId ? { id: r.userId, name: r.userName ?? '' } : null,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/** Cross-field rules the DTO cannot express: which fields each entry type takes. */
export function entryInputProblems(input: LedgerEntryInput): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: keyof LedgerEntryInput, why: string) => {
    if (input[field] === undefined) errors.push({ field, code: 'required', message: `${field} is required ${why}` });
  };
  const forbid = (field: keyof LedgerEntryInput, why: string) => {
    if (input[field] !== undefined)
      errors.push({ field, code: 'not_allowed', message: `${field} is not allowed ${why}` });
  };
  const t = input.type;
  if (t === 'disbursement' || t === 'expense') need('fund', `for a ${t}`);
  else forbid('fund', `for ${t} (it is not Smicval money)`);
  if (t === 'expense') {
    need('category', 'for an expense');
    need('supplier', 'for an expense');
  } else {
    forbid('category', 'outside expenses');
    forbid('supplier', 'outside expenses');
  }
  if (t === 'cofinancing' || t === 'in_kind') {
    need('source', `for ${t}`);
    if (input.sourceKind === 'actor') need('actorId', 'when the source is an actor');
    else forbid('actorId', 'unless sourceKind is actor');
  } else {
    forbid('source', `for a ${t}`);
    forbid('sourceKind', `for a ${t}`);
    forbid('actorId', `for a ${t}`);
  }
  if (!isCalendarDate(input.date))
    errors.push({ field: 'date', code: 'invalid_date', message: 'date must be a real calendar date' });
  return errors;
}

function refusalException(r: EntryRefusal): AppException {
  switch (r.code) {
    case 'over_entitlement':
      return new FundingException(
        FundingErrorCode.OverEntitlement,
        `This disbursement exceeds what is left of the fund-year's entitlement (${r.remainingCents} cents left)`,
      );
    case 'pilot_not_started':
      return new FundingException(
        FundingErrorCode.PilotNotStarted,
        'The pilot has no start date yet: entitlements and their due dates start with it',
      );
    case 'year_out_of_range':
      return CommonException.validation([
        {
          field: 'year',
          code: 'year_out_of_range',
          message: 'No such project year for this fund (investment: year 1; operating: 1..operatingYears)',
        },
      ]);
    case 'entry_not_found':
      return new FundingException(FundingErrorCode.EntryNotFound, 'Ledger entry not found');
    case 'already_reversed':
      return new FundingException(FundingErrorCode.AlreadyReversed, 'This entry has already been reversed');
    case 'reversal_not_reversible':
      return new FundingException(FundingErrorCode.ReversalNotReversible, 'A reversal cannot itself be reversed');
  }
}

const TYPE_LABELS: Record<EntryType, string> = {
  disbursement: 'Versement Smicval',
  expense: 'Dépense',
  cofinancing: 'Cofinancement',
  in_kind: 'Apport en nature',
  reversal: 'Annulation',
};

/**
 * The funding ledger. Every write runs in one transaction that takes the pilot's row lock (FOR NO KEY
 * UPDATE: it serialises ledger writers of one pilot without blocking rows that merely reference the
 * pilot), so the over-entitlement check and the insert are atomic under any concurrency.
 */
/** How long an Idempotency-Key is remembered. */
export { IDEMPOTENCY_KEY_DAYS };

const LEDGER_KEYS: IdempotencyTable = { table: 'ledger_idempotency_keys', idColumn: 'entry_id' };

@Injectable()
export class FundingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
  ) {}

  /** Everything GET /funding shows; also used by the autonomy and reports features. */
  async summary(
    pilotId: string,
    m: EntityManager = this.db.manager,
    asOf: string = todayInFrance(),
  ): Promise<FundingSummary> {
    const terms = await this.pilots.terms(pilotId, m);
    const entries = await this.coreEntries(m, pilotId);
    return {
      pilotId,
      startDate: terms.startDate,
      operatingYears: terms.operatingYears,
      asOf,
      ...computeFunding(terms, entries, asOf),
    };
  }

  /**
   * Forgets idempotency keys older than `days` (a client retries within minutes; a month is ample). Their
   * ledger entries stay: only the replay of the original answer goes.
   */
  async purgeIdempotencyKeys(days = IDEMPOTENCY_KEY_DAYS): Promise<number> {
    return purgeIdempotencyKeys(this.db.manager, LEDGER_KEYS, days);
  }

  /** One page of entries, newest first. */
  async entries(
    pilotId: string,
    filters: LedgerFilters,
    m: EntityManager = this.db.manager,
  ): Promise<Page<LedgerEntry>> {
    const limit = filters.limit ?? 50;
    const cursor = decodeCursor(filters.cursor, ['int']);
    const before = cursor && typeof cursor[0] === 'number' ? cursor[0] : null;
    const rows: LedgerRow[] = await m.query(
      `${LEDGER_SELECT}
        WHERE e.pilot_id = $1 AND ($2::text IS NULL OR e.type = $2) AND ($3::int IS NULL OR e.year = $3)
          AND ($4::text IS NULL OR e.fund = $4) AND ($5::bigint IS NULL OR e.seq < $5)
        ORDER BY e.seq DESC LIMIT $6`,
      [pilotId, filters.type ?? null, filters.year ?? null, filters.fund ?? null, before, limit + 1],
    );
    const items = rows.slice(0, limit).map(toEntry);
    return { items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].seq]) : null };
  }

  /** Every matching entry in recording order, with the reconciliation totals, for CSV / XLSX. */
  async exportTable(
    pilotId: string,
    filters: LedgerFilters,
  ): Promise<{ filename: string; columns: Column<ExportRow>[]; rows: ExportRow[]; totals: ExportRow[] }> {
    const rows: LedgerRow[] = await this.db.query(
      `${LEDGER_SELECT}
        WHERE e.pilot_id = $1 AND ($2::text IS NULL OR e.type = $2) AND ($3::int IS NULL OR e.year = $3) AND ($4::text IS NULL OR e.fund = $4)
        ORDER BY e.seq`,
      [pilotId, filters.type ?? null, filters.year ?? null, filters.fund ?? null],
    );
    const entries = rows.map(toEntry);
    const totals: ExportRow[] = [];
    for (const type of ['disbursement', 'expense', 'cofinancing', 'in_kind'] as const) {
      const ofType = entries.filter((e) => e.type === type);
      if (ofType.length === 0) continue;
      const gross = ofType.reduce((s, e) => s + e.amountCents, 0);
      const cancelled = ofType.filter((e) => e.reversedByEntryId).reduce((s, e) => s + e.amountCents, 0);
      totals.push({ label: `Total ${TYPE_LABELS[type]} (net des annulations)`, amountCents: gross - cancelled });
    }
    const inCents = entries.reduce((s, e) => s + Math.max(0, e.signedCents), 0);
    const outCents = entries.reduce((s, e) => s + Math.max(0, -e.signedCents), 0);
    totals.push({ label: 'Total des colonnes Entrée / Sortie', inCents, outCents });
    // Balance on the side it falls, so every figure stays a positive number (spreadsheets treat a leading '-' in CSV as text here).
    totals.push({
      label: 'Solde (entrées − sorties)',
      inCents: inCents >= outCents ? inCents - outCents : null,
      outCents: outCents > inCents ? outCents - inCents : null,
    });
    return {
      filename: `grand-livre-${pilotId.slice(0, 8)}`,
      columns: EXPORT_COLUMNS,
      rows: entries.map((e) => ({ entry: e })),
      totals,
    };
  }

  /** Records a disbursement, expense, co-financing or in-kind contribution. */
  async create(
    ctx: RequestContext,
    pilotId: string,
    input: LedgerEntryInput,
    idempotencyKey?: string,
  ): Promise<EntryWrite> {
    const requestHash = this.hash({ op: 'create', pilotId, input });
    return this.write(ctx, pilotId, 'ledger.create', { input }, idempotencyKey, requestHash, async (m) => {
      if (input.type === 'disbursement' && !isLead(ctx) && ctx.user) {
        throw new FundingException(FundingErrorCode.EntryTypeForbidden, 'Only the Smicval lead records disbursements');
      }
      if (input.attributionReason !== undefined && !isLead(ctx) && ctx.user) {
        throw new FundingException(
          FundingErrorCode.AttributionForbidden,
          'Only the Smicval lead may book an entry in another project year than its date’s',
        );
      }
      const problems = entryInputProblems(input);
      if (problems.length > 0) throw CommonException.validation(problems);
      const terms = await this.pilots.terms(pilotId, m);
      const today = todayInFrance();
      const earliest = terms.startDate ? addYears(terms.startDate, -1) : '2000-01-01';
      if (input.date > today || input.date < earliest) {
        throw CommonException.validation([
          {
            field: 'date',
            code: 'date_out_of_range',
            message: `date must be between ${earliest} and today (${today})`,
          },
        ]);
      }
      const { year, dateYear, contradicts } = resolveEntryYear(terms, input);
      if (contradicts && input.attributionReason === undefined) {
        throw new FundingException(
          FundingErrorCode.YearContradictsDate,
          `The date ${input.date} is in project year ${dateYear}, not ${year}: only the lead may book it in another year, with attributionReason`,
          [{ field: 'year', code: 'year_contradicts_date', message: `The date is in project year ${dateYear}` }],
        );
      }
      if (!contradicts && input.attributionReason !== undefined) {
        throw CommonException.validation([
          {
            field: 'attributionReason',
            code: 'not_allowed',
            message: 'attributionReason only goes with an expense, cofinancing or in_kind year other than its date’s',
          },
        ]);
      }
      // Only a disbursement is capped, by its own fund-year: load just those rows (and their reversals, which copy fund and year).
      const entries =
        input.type === 'disbursement' ? await this.coreEntries(m, pilotId, { fund: input.fund ?? null, year }) : [];
      const refusal = checkNewEntry(
        terms,
        entries,
        { type: input.type, fund: input.fund ?? null, year, amountCents: input.amountCents },
        today,
      );
      if (refusal) throw refusalException(refusal);
      try {
        const [row]: { id: string }[] = await m.query(
          `INSERT INTO ledger_entries (pilot_id, type, fund, year, amount_cents, entry_date, reference, category, supplier, source, source_kind, actor_id, description, created_by, attribution_reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
          [
            pilotId,
            input.type,
            input.fund ?? null,
            year,
            input.amountCents,
            input.date,
            input.reference,
            input.category ?? null,
            input.supplier ?? null,
            input.source ?? null,
            input.sourceKind ?? null,
            input.actorId ?? null,
            input.description ?? null,
            ctx.user?.id ?? null,
            input.attributionReason ?? null,
          ],
        );
        return row.id;
      } catch (e) {
        // The composite foreign key (pilot_id, actor_id) → actors: an actor of another pilot does not exist here.
        if (
          (e as { code?: string }).code === '23503' &&
          String((e as { detail?: string }).detail ?? '').includes('actor_id')
        ) {
          throw new FundingException(FundingErrorCode.ActorNotInPilot, 'This actor is not an actor of this pilot', [
            { field: 'actorId', code: 'actor_not_in_pilot', message: 'Unknown actor for this pilot' },
          ]);
        }
        throw e;
      }
    });
  }

  /** Cancels one earlier entry with a new reversal row (same fund, year and amount); at most once. */
  async reverse(
    ctx: RequestContext,
    pilotId: string,
    entryId: string,
    reason: string,
    idempotencyKey?: string,
  ): Promise<EntryWrite> {
    const requestHash = this.hash({ op: 'reverse', pilotId, entryId, reason });
    return this.write(ctx, pilotId, 'ledger.reverse', { entryId, reason }, idempotencyKey, requestHash, async (m) => {
      const entries = await this.coreEntries(m, pilotId);
      const refusal = checkReversal(entries, entryId);
      if (refusal) throw refusalException(refusal);
      // The pilot lock makes the check above exact; the UNIQUE index on reverses_entry_id is the database's own guarantee.
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO ledger_entries (pilot_id, type, fund, year, amount_cents, entry_date, reference, reverses_entry_id, reason, created_by)
         SELECT pilot_id, 'reversal', fund, year, amount_cents, $3, reference, id, $4, $5 FROM ledger_entries WHERE pilot_id = $1 AND id = $2
         RETURNING id`,
        [pilotId, entryId, todayInFrance(), reason, ctx.user?.id ?? null],
      );
      return row.id;
    });
  }

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
        return this.getEntry(m, pilotId, entryId);
      });
    } catch (e) {
      if (e instanceof AppException)
        await this.auditRefusal(ctx, pilotId, 'ledger.receipt', e, { entryId, filename: file.filename });
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

  private async getEntry(m: EntityManager, pilotId: string, id: string): Promise<LedgerEntry> {
    const rows: LedgerRow[] = await m.query(`${LEDGER_SELECT} WHERE e.pilot_id = $1 AND e.id = $2`, [pilotId, id]);
    if (!rows[0]) throw new FundingException(FundingErrorCode.EntryNotFound, 'Ledger entry not found');
    return toEntry(rows[0]);
  }

  private async coreEntries(
    m: EntityManager,
    pilotId: string,
    only?: { fund: Fund | null; year: number },
  ): Promise<CoreEntry[]> {
    return m.query(
      `SELECT id, type, fund, year, amount_cents AS "amountCents", source_kind AS "sourceKind", reverses_entry_id AS "reversesEntryId"
         FROM ledger_entries
        WHERE pilot_id = $1 AND ($2::boolean IS NOT TRUE OR (fund = $3 AND year = $4 AND type IN ('disbursement', 'reversal')))
        ORDER BY seq`,
      [pilotId, only ? true : null, only?.fund ?? null, only?.year ?? null],
    );
  }

  private hash(value: unknown): string {
    return requestHash(value);
  }

  /**
   * One ledger write: idempotency key claimed first (a concurrent request with the same key waits on the
   * primary key until this transaction ends, then replays), then the pilot's lock, the rules, the insert,
   * the audit row and the stored response — all in one transaction. A refusal writes nothing but is audited.
   */
  private async write(
    ctx: RequestContext,
    pilotId: string,
    action: string,
    auditInput: Record<string, unknown>,
    key: string | undefined,
    requestHash: string,
    insert: (m: EntityManager) => Promise<string>,
  ): Promise<EntryWrite> {
    const userId = ctx.user?.id ?? null;
    try {
      return await this.db.transaction(async (m) => {
        if (key && userId) {
          const claim = await claimIdempotencyKey<LedgerEntry>(
            m,
            LEDGER_KEYS,
            userId,
            key,
            requestHash,
            () =>
              new FundingException(
                FundingErrorCode.IdempotencyKeyReused,
                'This Idempotency-Key was already used for another request',
              ),
          );
          if (!claim.claimed) return { entry: claim.response, replayed: true };
        }
        await m.query(`SELECT id FROM pilots WHERE id = $1 FOR NO KEY UPDATE`, [pilotId]);
        const id = await insert(m);
        const entry = await this.getEntry(m, pilotId, id);
        await this.audit.record(m, ctx, {
          action,
          entity: 'ledger_entry',
          entityId: id,
          pilotId,
          after: entry as unknown as Record<string, unknown>,
        });
        if (key && userId) await storeIdempotentResponse(m, LEDGER_KEYS, userId, key, 201, entry, id);
        return { entry, replayed: false };
      });
    } catch (e) {
      if (e instanceof AppException) await this.auditRefusal(ctx, pilotId, action, e, auditInput);
      throw e;
    }
  }

  /** Refusals are part of the story an auditor reads: recorded after the rollback, outside it. */
  private async auditRefusal(
    ctx: RequestContext,
    pilotId: string,
    action: string,
    e: AppException,
    input: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(null, ctx, {
      action: `${action}.refused`,
      entity: 'ledger_entry',
      pilotId,
      after: { code: e.code, detail: e.detail, ...input },
    });
  }
}

export type ExportRow = {
  entry?: LedgerEntry;
  label?: string;
  amountCents?: number | null;
  inCents?: number | null;
  outCents?: number | null;
};

const EXPORT_COLUMNS: Column<ExportRow>[] = [
  { header: 'N° écriture', value: (r) => r.entry?.seq ?? r.label, kind: 'text', width: 14 },
  { header: 'Date', value: (r) => r.entry?.date, kind: 'date' },
  { header: 'Type', value: (r) => (r.entry ? TYPE_LABELS[r.entry.type] : null), width: 18 },
  {
    header: 'Fonds',
    value: (r) =>
      r.entry?.fund === 'investment' ? 'Investissement' : r.entry?.fund === 'operating' ? 'Fonctionnement' : null,
  },
  { header: 'Année projet', value: (r) => r.entry?.year, kind: 'number' },
  {
    header: 'Montant (€)',
    value: (r) => (r.entry ? r.entry.amountCents : (r.amountCents ?? null)),
    kind: 'cents',
    width: 16,
  },
  {
    header: 'Entrée (€)',
    value: (r) => (r.entry ? (r.entry.signedCents > 0 ? r.entry.signedCents : null) : r.inCents),
    kind: 'cents',
    width: 16,
  },
  {
    header: 'Sortie (€)',
    value: (r) => (r.entry ? (r.entry.signedCents < 0 ? -r.entry.signedCents : null) : r.outCents),
    kind: 'cents',
    width: 16,
  },
  { header: 'Référence', value: (r) => r.entry?.reference, width: 22 },
  { header: 'Catégorie', value: (r) => r.entry?.category },
  { header: 'Fournisseur', value: (r) => r.entry?.supplier, width: 20 },
  { header: 'Source', value: (r) => r.entry?.source, width: 20 },
  { header: 'Type de source', value: (r) => r.entry?.sourceKind },
  { header: 'Description', value: (r) => r.entry?.description, width: 30 },
  { header: 'Annule l’écriture N°', value: (r) => r.entry?.reversesSeq, kind: 'number' },
  { header: 'Annulée par l’écriture N°', value: (r) => r.entry?.reversedBySeq, kind: 'number' },
  { header: 'Motif d’annulation', value: (r) => r.entry?.reason, width: 24 },
  { header: 'Motif de l’attribution à une autre année', value: (r) => r.entry?.attributionReason, width: 30 },
  { header: 'Justificatif (sha256)', value: (r) => r.entry?.receipt?.sha256, width: 20 },
  { header: 'Saisi par', value: (r) => r.entry?.createdBy?.name },
  { header: 'Saisi le', value: (r) => r.entry?.createdAt },
  { header: 'Identifiant', value: (r) => r.entry?.id, width: 38 },
];
