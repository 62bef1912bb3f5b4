import { isCalendarDate } from '../common/codes';
import { AppException, CommonException, FieldError } from '../common/errors/app.exception';
import type {
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

/**
 * The ledger as the API shows it: the shapes of an entry, its input and its receipt, how a stored row becomes an
 * entry (`LEDGER_SELECT` → `toEntry`), the cross-field input rules and the refusals of the pure rules as exceptions.
 */

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

export const LEDGER_SELECT = `
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
export type LedgerRow = Omit<LedgerEntryRecord, 'entryDate' | 'createdBy'> & {
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

export function toEntry(r: LedgerRow): LedgerEntry {
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

export function refusalException(r: EntryRefusal): AppException {
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

export const TYPE_LABELS: Record<EntryType, string> = {
  disbursement: 'Versement Smicval',
  expense: 'Dépense',
  cofinancing: 'Cofinancement',
  in_kind: 'Apport en nature',
  reversal: 'Annulation',
};
