import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import type { AppException } from '../common/errors/app.exception';
import type { CoreEntry, Fund } from './entitlements';
import { FundingErrorCode, FundingException } from './funding.exception';
import { LEDGER_SELECT, LedgerEntry, LedgerRow, toEntry } from './ledger-entries';

/** Reads shared by the ledger's services: one entry as the API shows it, and the entries the pure rules need. */

export async function loadEntry(m: EntityManager, pilotId: string, id: string): Promise<LedgerEntry> {
  const rows: LedgerRow[] = await m.query(`${LEDGER_SELECT} WHERE e.pilot_id = $1 AND e.id = $2`, [pilotId, id]);
  if (!rows[0]) throw new FundingException(FundingErrorCode.EntryNotFound, 'Ledger entry not found');
  return toEntry(rows[0]);
}

/** Every entry of the pilot in recording order, or only the disbursements (and their reversals) of one fund-year. */
export function loadCoreEntries(
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

/** Refusals are part of the story an auditor reads: recorded after the rollback, outside it. */
export async function auditRefusal(
  audit: AuditService,
  ctx: RequestContext,
  pilotId: string,
  action: string,
  e: AppException,
  input: Record<string, unknown>,
): Promise<void> {
  await audit.record(null, ctx, {
    action: `${action}.refused`,
    entity: 'ledger_entry',
    pilotId,
    after: { code: e.code, detail: e.detail, ...input },
  });
}
