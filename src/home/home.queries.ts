import type { EntityManager } from 'typeorm';
import type { PilotStatus } from '../common/codes';
import { activeEntrySql, type EntryType, type Fund, type SourceKind } from '../funding/entitlements';
import type { Amendment } from '../pilots/pilot-terms';

/**
 * Every SQL statement of the home pages (the global search's are in home-search.queries.ts). Each one reads all the pilots
 * in scope at once (`$1::uuid[] IS NULL` = a lead's "every pilot"), grouped by pilot_id: the number of
 * statements of a home page does not grow with the number of pilots. Read-only; the other features own
 * these tables, so this file is the one place to adjust when their migrations move.
 */

export type Scope = string[] | null;

export const IN_SCOPE = (column: string, param = '$1') => `(${param}::uuid[] IS NULL OR ${column} = ANY(${param}))`;

export type PilotRow = {
  id: string;
  name: string;
  status: PilotStatus;
  waveYear: number | null;
  callId: string | null;
  callTitle: string | null;
  communes: { name: string; inseeCode?: string }[];
  initialInhabitants: number;
  startDate: string | null;
  createdDate: string;
  investmentPerInhabitantCents: number;
  operatingPerInhabitantPerYearCents: number;
  operatingYears: number;
  amendments: Amendment[];
};

/** The pilots in scope with their terms (amendments aggregated in the same statement, not one query per pilot). */
export async function pilotRows(m: EntityManager, scope: Scope): Promise<PilotRow[]> {
  const rows: (Omit<PilotRow, 'amendments'> & {
    amendments: (Omit<Amendment, 'createdAt'> & { createdAt: string })[];
  })[] = await m.query(
    `SELECT p.id, p.name, p.status, p.wave_year AS "waveYear", p.call_id AS "callId", c.title AS "callTitle", p.communes,
            p.inhabitants AS "initialInhabitants", p.start_date AS "startDate",
            to_char(p.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "createdDate",
            p.investment_per_inhabitant_cents AS "investmentPerInhabitantCents",
            p.operating_per_inhabitant_per_year_cents AS "operatingPerInhabitantPerYearCents", p.operating_years AS "operatingYears",
            COALESCE(am.list, '[]'::json) AS amendments
       FROM pilots p
       LEFT JOIN calls c ON c.id = p.call_id
       LEFT JOIN (SELECT a.pilot_id,
                         json_agg(json_build_object('id', a.id, 'inhabitants', a.inhabitants, 'effectiveDate', a.effective_date,
                                  'reason', a.reason, 'createdAt', a.created_at) ORDER BY a.effective_date, a.created_at) AS list
                    FROM pilot_amendments a WHERE ${IN_SCOPE('a.pilot_id')} GROUP BY a.pilot_id) am ON am.pilot_id = p.id
      WHERE ${IN_SCOPE('p.id')}
      ORDER BY p.wave_year DESC NULLS LAST, p.name, p.id`,
    [scope],
  );
  // Same normalisation as loadPilotLife, so inhabitantsAt orders same-day amendments identically.
  return rows.map((r) => ({
    ...r,
    amendments: r.amendments.map((a) => ({ ...a, createdAt: new Date(a.createdAt).toISOString() })),
  }));
}

export type LedgerSumRow = {
  pilotId: string;
  type: EntryType;
  fund: Fund | null;
  year: number;
  sourceKind: SourceKind | null;
  amountCents: number;
};

/**
 * The ledger's active entries (neither a reversal nor reversed) summed per pilot, type, fund, year and
 * source kind: enough for the funding maths, which only ever adds active entries up.
 */
export async function ledgerSums(m: EntityManager, scope: Scope): Promise<LedgerSumRow[]> {
  return m.query(
    `SELECT e.pilot_id AS "pilotId", e.type, e.fund, e.year, e.source_kind AS "sourceKind", sum(e.amount_cents)::bigint AS "amountCents"
       FROM ledger_entries e
      WHERE ${IN_SCOPE('e.pilot_id')} AND ${activeEntrySql('e')}
      GROUP BY 1, 2, 3, 4, 5`,
    [scope],
  );
}

export type PeriodRange = { pilotId: string; from: string; to: string };

export type ActivityPeriodRow = {
  pilotId: string;
  activities: number;
  participants: number;
  volunteers: number;
  volunteerHours: number;
  divertedKg: number;
  lastId: string | null;
  lastDate: string | null;
  lastTitle: string | null;
  lastType: string | null;
};

/** Activity figures of one date range per pilot (its current project year) and its last activity, in one statement. */
export async function activityPeriods(m: EntityManager, ranges: PeriodRange[]): Promise<ActivityPeriodRow[]> {
  if (ranges.length === 0) return [];
  return m.query(
    `SELECT r.pilot_id AS "pilotId", agg.activities, agg.participants, agg.volunteers, agg."volunteerHours", agg."divertedKg",
            last.id AS "lastId", last.date AS "lastDate", last.title AS "lastTitle", last.type AS "lastType"
       FROM unnest($1::uuid[], $2::date[], $3::date[]) AS r(pilot_id, from_d, to_d)
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS activities, COALESCE(sum(a.participants), 0)::int AS participants,
                COALESCE(sum(a.volunteers), 0)::int AS volunteers, COALESCE(sum(a.volunteer_hours), 0)::float8 AS "volunteerHours",
                COALESCE(sum(a.diverted_reuse_kg + a.diverted_repair_kg + a.diverted_compost_kg + a.diverted_recycling_kg + a.diverted_other_kg), 0)::float8 AS "divertedKg"
           FROM activities a WHERE a.pilot_id = r.pilot_id AND a.date BETWEEN r.from_d AND r.to_d) agg
       LEFT JOIN LATERAL (
         SELECT a.id, a.date, a.title, a.type FROM activities a WHERE a.pilot_id = r.pilot_id
          ORDER BY a.date DESC, a.created_at DESC, a.id DESC LIMIT 1) last ON true`,
    [ranges.map((r) => r.pilotId), ranges.map((r) => r.from), ranges.map((r) => r.to)],
  );
}

export type MilestoneRow = {
  id: string;
  pilotId: string;
  title: string;
  dueDate: string;
  status: 'planned' | 'in_progress' | 'done' | 'dropped';
  targetIndicator: string | null;
  targetOperator: 'gte' | 'lte' | null;
  targetValue: number | null;
  targetYear: number | null;
};

export async function milestoneRows(m: EntityManager, scope: Scope): Promise<MilestoneRow[]> {
  return m.query(
    `SELECT id, pilot_id AS "pilotId", title, due_date AS "dueDate", status, target_indicator AS "targetIndicator",
            target_operator AS "targetOperator", target_value AS "targetValue", target_year AS "targetYear"
       FROM milestones WHERE ${IN_SCOPE('pilot_id')} ORDER BY pilot_id, due_date, id`,
    [scope],
  );
}

export type WasteRow = {
  pilotId: string;
  year: number;
  population: number | null;
  residual: number | null;
  packaging: number | null;
  glass: number | null;
  biowaste: number | null;
  recyclingCentre: number | null;
  reuse: number | null;
  updatedAt: Date;
};

export async function wasteRows(m: EntityManager, scope: Scope): Promise<WasteRow[]> {
  return m.query(
    `SELECT pilot_id AS "pilotId", year, population, residual_kg AS residual, packaging_kg AS packaging, glass_kg AS glass,
            biowaste_kg AS biowaste, recycling_centre_kg AS "recyclingCentre", reuse_kg AS reuse, updated_at AS "updatedAt"
       FROM waste_years WHERE ${IN_SCOPE('pilot_id')} ORDER BY pilot_id, year`,
    [scope],
  );
}

export type IssuedReportRow = {
  id: string;
  pilotId: string;
  year: number;
  audience: 'ademe' | 'coopter' | 'board';
  version: number;
  issuedAt: Date;
};

/** The latest issued version of each pilot report series (pilot, year, audience). */
export async function issuedReports(m: EntityManager, scope: Scope): Promise<IssuedReportRow[]> {
  return m.query(
    `SELECT DISTINCT ON (r.pilot_id, r.year, r.audience) r.id, r.pilot_id AS "pilotId", r.year, r.audience, r.version, r.issued_at AS "issuedAt"
       FROM reports r
      WHERE r.kind = 'pilot' AND r.issued_at IS NOT NULL AND ${IN_SCOPE('r.pilot_id')}
      ORDER BY r.pilot_id, r.year DESC, r.audience, r.version DESC`,
    [scope],
  );
}

export type CallRow = {
  id: string;
  title: string;
  waveYear: number;
  intentionDeadline: string;
  engagementDeadline: string;
  candidatures: number;
  undecided: number;
  evaluations: number;
  evaluatedCandidatures: number;
  /** Undecided candidatures the given member has scored. */
  mine: number;
};

/**
 * Calls still open for submissions or in the committee's hands, with their counts. A call whose decision is taken
 * (« clos »: something decided, no candidature with its letter of engagement awaiting) is left out, as
 * CallsService computes its status.
 */
export async function callRows(m: EntityManager, today: string, memberId: string | null): Promise<CallRow[]> {
  return m.query(
    `SELECT c.id, c.title, c.wave_year AS "waveYear", c.intention_deadline AS "intentionDeadline", c.engagement_deadline AS "engagementDeadline",
            COALESCE(k.total, 0)::int AS candidatures, COALESCE(k.undecided, 0)::int AS undecided,
            COALESCE(e.evaluations, 0)::int AS evaluations, COALESCE(e.evaluated, 0)::int AS "evaluatedCandidatures",
            COALESCE(e.mine, 0)::int AS mine
       FROM calls c
       LEFT JOIN (SELECT call_id, count(*) AS total,
                         count(*) FILTER (WHERE status IN ('intention_submitted', 'engagement_submitted')) AS undecided,
                         count(*) FILTER (WHERE status IN ('selected', 'not_selected', 'withdrawn')) AS decided,
                         count(*) FILTER (WHERE status = 'engagement_submitted'
                           OR (status = 'intention_submitted' AND engagement_reopened_until >= $1::date)) AS awaiting
                    FROM candidatures GROUP BY call_id) k ON k.call_id = c.id
       LEFT JOIN (SELECT k.call_id, count(*) AS evaluations, count(DISTINCT ev.candidature_id) AS evaluated,
                         count(*) FILTER (WHERE ev.member_id = $2 AND k.status IN ('intention_submitted', 'engagement_submitted')) AS mine
                    FROM candidature_evaluations ev JOIN candidatures k ON k.id = ev.candidature_id GROUP BY k.call_id) e ON e.call_id = c.id
      WHERE c.engagement_deadline >= $1::date
         OR (COALESCE(k.undecided, 0) > 0 AND (COALESCE(k.decided, 0) = 0 OR COALESCE(k.awaiting, 0) > 0))
      ORDER BY c.engagement_deadline, c.id`,
    [today, memberId],
  );
}

export type NotificationsRow = {
  unread: number;
  latest: {
    id: string;
    kind: string;
    pilotId: string | null;
    title: string;
    body: string;
    link: string | null;
    dueDate: string | null;
    createdAt: string;
    readAt: string | null;
  }[];
};

/** The caller's unread count and latest notifications (unread first), in one statement. */
export async function notificationsOf(m: EntityManager, userId: string, limit: number): Promise<NotificationsRow> {
  const [row]: NotificationsRow[] = await m.query(
    `SELECT (SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL)::int AS unread,
            COALESCE((SELECT json_agg(x) FROM (
              SELECT id, kind, pilot_id AS "pilotId", title, body, link, to_char(due_date, 'YYYY-MM-DD') AS "dueDate",
                     created_at AS "createdAt", read_at AS "readAt"
                FROM notifications WHERE user_id = $1 ORDER BY read_at IS NULL DESC, created_at DESC, id LIMIT $2) x), '[]'::json) AS latest`,
    [userId, limit],
  );
  // Instants leave json_agg as PostgreSQL text: the API sends ISO 8601 UTC.
  const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);
  return {
    unread: row.unread,
    latest: row.latest.map((n) => ({ ...n, createdAt: iso(n.createdAt) as string, readAt: iso(n.readAt) })),
  };
}
