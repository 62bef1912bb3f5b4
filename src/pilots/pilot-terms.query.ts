import type { EntityManager } from 'typeorm';
import type { PilotStatus } from '../common/codes';
import { PilotException, PilotErrorCode } from './pilots.exception';
import { Amendment, pilotLifeStart, PilotTerms } from './pilot-terms';

/** The terms plus what the pilot's other features check dates against. */
export type PilotLife = PilotTerms & { status: PilotStatus; createdDate: string; lifeStart: string };

/**
 * Loads a pilot's terms in one query (with its amendments). Shared by PilotsService.terms and the
 * actors and activities services, which need the dates but must not depend on PilotsService.
 */
/**
 * `lockAgainstClosure` holds the pilot row (FOR KEY SHARE) until the caller's transaction ends: the closure's FOR UPDATE
 * waits for it, and a write that comes after a closure not yet committed waits and reads the status it commits.
 */
export async function loadPilotLife(m: EntityManager, pilotId: string, lockAgainstClosure = false): Promise<PilotLife> {
  const rows = await m.query(
    `SELECT p.id, p.name, p.start_date AS "startDate", p.inhabitants, p.status,
            to_char(p.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "createdDate",
            p.investment_per_inhabitant_cents AS "investment", p.operating_per_inhabitant_per_year_cents AS "operating",
            p.operating_years AS "operatingYears",
            COALESCE((SELECT json_agg(json_build_object('id', a.id, 'inhabitants', a.inhabitants, 'effectiveDate', a.effective_date,
                       'reason', a.reason, 'createdAt', a.created_at) ORDER BY a.effective_date, a.created_at)
                        FROM pilot_amendments a WHERE a.pilot_id = p.id), '[]'::json) AS amendments
       FROM pilots p WHERE p.id = $1${lockAgainstClosure ? ' FOR KEY SHARE OF p' : ''}`,
    [pilotId],
  );
  const r = rows[0];
  if (!r) throw new PilotException(PilotErrorCode.PilotNotFound, 'Pilot not found');
  const amendments: Amendment[] = (r.amendments as Amendment[]).map((a) => ({
    ...a,
    createdAt: new Date(a.createdAt).toISOString(),
  }));
  return {
    pilotId: r.id,
    name: r.name,
    startDate: r.startDate,
    initialInhabitants: r.inhabitants,
    amendments,
    investmentPerInhabitantCents: r.investment,
    operatingPerInhabitantPerYearCents: r.operating,
    operatingYears: r.operatingYears,
    status: r.status,
    createdDate: r.createdDate,
    lifeStart: pilotLifeStart(r.startDate, r.createdDate),
  };
}

/** An amendment with its author, as the pilot's record and its amendment history show it. */
export type AmendmentRow = Amendment & { createdBy: string | null };

/** A pilot's amendments, oldest first (by effective date, then recording). */
export async function loadAmendmentRows(m: EntityManager, pilotId: string): Promise<AmendmentRow[]> {
  const rows = await m.query(
    `SELECT id, inhabitants, effective_date AS "effectiveDate", reason, created_at AS "createdAt", created_by AS "createdBy"
       FROM pilot_amendments WHERE pilot_id = $1 ORDER BY effective_date, created_at`,
    [pilotId],
  );
  return rows.map((a: AmendmentRow & { createdAt: Date }) => ({
    ...a,
    createdAt: new Date(a.createdAt).toISOString(),
  }));
}
