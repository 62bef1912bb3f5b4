import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IDEMPOTENCY_KEY_DAYS, purgeIdempotencyKeys } from '../common/idempotency';
import { LEDGER_KEYS } from './ledger-writes.service';
import { DataSource, EntityManager } from 'typeorm';
import { todayInFrance } from '../common/codes';
import { decodeCursor, encodeCursor, Page } from '../common/list-query.dto';
import { PilotsService } from '../pilots/pilots.service';
import { computeFunding } from './entitlements';
import { LedgerTable, ledgerTable } from './ledger-export';
import { FundingSummary, LEDGER_SELECT, LedgerEntry, LedgerFilters, LedgerRow, toEntry } from './ledger-entries';
import { loadCoreEntries } from './ledger.queries';

export type {
  EntryWrite,
  FundingSummary,
  LedgerEntry,
  LedgerEntryInput,
  LedgerFilters,
  Receipt,
  ReceiptInfo,
} from './ledger-entries';

/** How long an Idempotency-Key is remembered. */
export { IDEMPOTENCY_KEY_DAYS };

/**
 * The ledger's reads: a pilot's funding figures (entitlements, balances, schedule, autonomy ratio, from the pure
 * rules of `entitlements.ts`), its entries page by page and as a table to export. Writes are `LedgerWritesService`'s,
 * receipts `ReceiptsService`'s.
 */
@Injectable()
export class FundingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pilots: PilotsService,
  ) {}

  /** Everything GET /funding shows; also used by the autonomy and reports features. */
  async summary(
    pilotId: string,
    m: EntityManager = this.db.manager,
    asOf: string = todayInFrance(),
  ): Promise<FundingSummary> {
    // Two independent reads: on the pool they run side by side.
    const [terms, entries] = await Promise.all([this.pilots.terms(pilotId, m), loadCoreEntries(m, pilotId)]);
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
  async exportTable(pilotId: string, filters: LedgerFilters): Promise<LedgerTable> {
    const rows: LedgerRow[] = await this.db.query(
      `${LEDGER_SELECT}
        WHERE e.pilot_id = $1 AND ($2::text IS NULL OR e.type = $2) AND ($3::int IS NULL OR e.year = $3) AND ($4::text IS NULL OR e.fund = $4)
        ORDER BY e.seq`,
      [pilotId, filters.type ?? null, filters.year ?? null, filters.fund ?? null],
    );
    return ledgerTable(pilotId, rows.map(toEntry));
  }
}
