import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { isLead, RequestContext } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { claimIdempotencyKey, IdempotencyTable, requestHash, storeIdempotentResponse } from '../common/idempotency';
import { AppException, CommonException } from '../common/errors/app.exception';
import { PilotsService } from '../pilots/pilots.service';
import { checkNewEntry, checkReversal, entryDateWindow, resolveEntryYear } from './entitlements';
import { FundingErrorCode, FundingException } from './funding.exception';
import { EntryWrite, entryInputProblems, LedgerEntry, LedgerEntryInput, refusalException } from './ledger-entries';
import { auditRefusal, loadCoreEntries, loadEntry } from './ledger.queries';

/**
 * The ledger's writes: recording an entry and reversing one. Every write runs in one transaction that takes the
 * pilot's row lock (FOR NO KEY UPDATE: it serialises ledger writers of one pilot without blocking rows that merely
 * reference the pilot), so the over-entitlement check and the insert are atomic under any concurrency.
 */
export const LEDGER_KEYS: IdempotencyTable = { table: 'ledger_idempotency_keys', idColumn: 'entry_id' };

@Injectable()
export class LedgerWritesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
  ) {}

  /** Records a disbursement, expense, co-financing or in-kind contribution. */
  async create(
    ctx: RequestContext,
    pilotId: string,
    input: LedgerEntryInput,
    idempotencyKey?: string,
  ): Promise<EntryWrite> {
    const requestHash = hash({ op: 'create', pilotId, input });
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
      const window = entryDateWindow(terms, today);
      if (input.date < window.from || input.date > window.to) {
        throw CommonException.validation([
          {
            field: 'date',
            code: 'date_out_of_range',
            message: `date must be between ${window.from} and today (${window.to})`,
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
        input.type === 'disbursement' ? await loadCoreEntries(m, pilotId, { fund: input.fund ?? null, year }) : [];
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
    const requestHash = hash({ op: 'reverse', pilotId, entryId, reason });
    return this.write(ctx, pilotId, 'ledger.reverse', { entryId, reason }, idempotencyKey, requestHash, async (m) => {
      const entries = await loadCoreEntries(m, pilotId);
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
        const entry = await loadEntry(m, pilotId, id);
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
      if (e instanceof AppException) await auditRefusal(this.audit, ctx, pilotId, action, e, auditInput);
      throw e;
    }
  }
}

function hash(value: unknown): string {
  return requestHash(value);
}
