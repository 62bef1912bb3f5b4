import type { EntityManager } from 'typeorm';
import type { PilotStatus } from '../common/codes';
import { activeEntrySql, type EntryType, type Fund, type SourceKind } from '../funding/entitlements';
import type { Amendment } from '../pilots/pilot-terms';

/**
 * Every SQL statement of the home pages and the global search, in one file. Each one reads all the pilots
 * in scope at once (`$1::uuid[] IS NULL` = a lead's "every pilot"), grouped by pilot_id: the number of
 * statements of a home page does not grow with the number of pilots. Read-only; the other features own
 * these tables, so this file is the one place to adjust when their migrations move.
 */

export type Scope = string[] | null;

const IN_SCOPE = (column: string, param = '$1') => `(${param}::uuid[] IS NULL OR ${column} = ANY(${param}))`;

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

// ——— Global search ———

/** `q` as a LIKE pattern (compared through search_fold: case and accents ignored); the user's % _ and \ are literal. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type PilotHit = { id: string; name: string; communes: string[]; status: PilotStatus; waveYear: number | null };

export async function searchPilots(
  m: EntityManager,
  scope: Scope,
  pattern: string,
  limit: number,
): Promise<PilotHit[]> {
  return m.query(
    `SELECT p.id, p.name, ARRAY(SELECT c->>'name' FROM jsonb_array_elements(p.communes) c) AS communes, p.status, p.wave_year AS "waveYear"
       FROM pilots p
      WHERE ${IN_SCOPE('p.id')}
        AND (search_fold(p.name) LIKE search_fold($2) OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.communes) c WHERE search_fold(c->>'name') LIKE search_fold($2)))
      ORDER BY p.name, p.id LIMIT $3`,
    [scope, pattern, limit],
  );
}

export type ActorHit = { id: string; name: string; type: string; pilotId: string; pilotName: string };

export async function searchActors(
  m: EntityManager,
  scope: Scope,
  pattern: string,
  limit: number,
): Promise<ActorHit[]> {
  return m.query(
    `SELECT a.id, a.name, a.type, a.pilot_id AS "pilotId", p.name AS "pilotName"
       FROM actors a JOIN pilots p ON p.id = a.pilot_id
      WHERE ${IN_SCOPE('a.pilot_id')} AND search_fold(a.name) LIKE search_fold($2)
      ORDER BY a.name, a.id LIMIT $3`,
    [scope, pattern, limit],
  );
}

export type ActivityHit = { id: string; title: string; date: string; type: string; pilotId: string; pilotName: string };

/** How many of the newest activities a search looks among first, before it sorts every match. */
export const SEARCH_NEWEST_WINDOW = 50_000;

/**
 * The newest matching activities, without sorting every match of a common phrase. The first statement reads, from
 * activities_date_id_idx (date DESC, id) alone, the date of the `window`-th newest activity in scope. The second
 * takes the matches dated that day or later (the trigram index and that date range, combined as bitmaps, so only
 * those rows are read) and sorts them: every other activity comes after them in the answer's order, so when they are
 * `limit` or more, their first `limit` are the answer. Otherwise (a rare phrase, or fewer activities than the
 * window) every match is sorted. Either way the answer is that of
 * `… WHERE search_fold(title) LIKE search_fold($2) ORDER BY date DESC, id LIMIT $3`, whatever the date found.
 */
export async function searchActivities(
  m: EntityManager,
  scope: Scope,
  pattern: string,
  limit: number,
  window = SEARCH_NEWEST_WINDOW,
): Promise<ActivityHit[]> {
  const [edge]: { date: string }[] = await m.query(
    `SELECT to_char(a.date, 'YYYY-MM-DD') AS date FROM activities a WHERE ${IN_SCOPE('a.pilot_id')}
      ORDER BY a.date DESC OFFSET $2 LIMIT 1`,
    [scope, window - 1],
  );
  return m.query(
    `WITH recent AS MATERIALIZED (
       SELECT a.id, a.date FROM activities a
        WHERE $4::date IS NOT NULL AND a.date >= $4::date
          AND ${IN_SCOPE('a.pilot_id')} AND search_fold(a.title) LIKE search_fold($2)
     ), newest AS MATERIALIZED (
       SELECT id, date FROM recent ORDER BY date DESC, id LIMIT $3
     ), hits AS (
       SELECT id, date FROM newest WHERE (SELECT count(*) FROM newest) >= $3
       UNION ALL
       (SELECT a.id, a.date FROM activities a
         WHERE (SELECT count(*) FROM newest) < $3
           AND ${IN_SCOPE('a.pilot_id')} AND search_fold(a.title) LIKE search_fold($2)
         ORDER BY a.date DESC, a.id LIMIT $3)
     )
     SELECT a.id, a.title, a.date, a.type, a.pilot_id AS "pilotId", p.name AS "pilotName"
       FROM hits h JOIN activities a ON a.id = h.id JOIN pilots p ON p.id = a.pilot_id
      ORDER BY a.date DESC, a.id`,
    [scope, pattern, limit, edge?.date ?? null],
  );
}

export type CandidatureHit = {
  id: string;
  communes: string[];
  status: string;
  inhabitants: number;
  callId: string;
  callTitle: string;
};

/** Candidatures are read by the lead and the committee, on every call: no pilot scope applies. */
export async function searchCandidatures(m: EntityManager, pattern: string, limit: number): Promise<CandidatureHit[]> {
  return m.query(
    `SELECT k.id, ARRAY(SELECT c->>'name' FROM jsonb_array_elements(k.communes) c) AS communes, k.status, k.inhabitants,
            k.call_id AS "callId", cl.title AS "callTitle"
       FROM candidatures k JOIN calls cl ON cl.id = k.call_id
      WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(k.communes) c WHERE search_fold(c->>'name') LIKE search_fold($1))
      ORDER BY k.created_at DESC, k.id LIMIT $2`,
    [pattern, limit],
  );
}

export type ReportHit = {
  id: string;
  title: string;
  kind: 'pilot' | 'wave' | 'final';
  pilotId: string | null;
  callId: string | null;
  year: number | null;
  audience: string;
  version: number;
  status: string;
  issuedAt: Date | null;
};

/**
 * Reports by their title, composed as the rendered report's header (audience title — pilot — year, final report's
 * title — pilot, or wave title — call). Pilot and final reports follow the pilot scope; wave reports are the lead's
 * only.
 */
export async function searchReports(
  m: EntityManager,
  scope: Scope,
  pattern: string,
  limit: number,
  titles: { pilot: Record<string, string>; wave: Record<string, string>; final: Record<string, string> },
): Promise<ReportHit[]> {
  return m.query(
    `SELECT x.id, x.kind, x."pilotId", x."callId", x.year, x.audience, x.version, x.status, x."issuedAt", x.title FROM (
       SELECT r.id, r.kind, r.pilot_id AS "pilotId", r.call_id AS "callId", r.year, r.audience, r.version, r.status, r.issued_at AS "issuedAt",
              CASE WHEN r.kind = 'pilot' THEN ($4::jsonb->>r.audience) || ' — ' || p.name || ' — année ' || r.year
                   WHEN r.kind = 'final' THEN ($6::jsonb->>r.audience) || ' — ' || p.name
                   ELSE ($5::jsonb->>r.audience) || ' — ' || COALESCE(c.title, '') END AS title,
              r.created_at
         FROM reports r
         LEFT JOIN pilots p ON p.id = r.pilot_id
         LEFT JOIN calls c ON c.id = r.call_id
        WHERE (r.kind IN ('pilot', 'final') AND ${IN_SCOPE('r.pilot_id')}) OR (r.kind = 'wave' AND $1::uuid[] IS NULL)) x
      WHERE search_fold(x.title) LIKE search_fold($2)
      ORDER BY x.created_at DESC, x.id LIMIT $3`,
    [scope, pattern, limit, JSON.stringify(titles.pilot), JSON.stringify(titles.wave), JSON.stringify(titles.final)],
  );
}
