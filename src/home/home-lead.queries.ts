import type { EntityManager } from 'typeorm';
import { activeEntrySql } from '../funding/entitlements';
import type { PilotStatus } from '../common/codes';
import type { PilotStage } from '../pilots/pilot-terms';

/**
 * The lead's home over the whole programme, bounded: one page of pilots chosen in SQL (filters, order, count) and
 * the programme totals aggregated in SQL, so neither the answer nor the work in Node grows with the number of
 * pilots. The page's pilots are then summarised by home.model.ts from the statements of home.queries.ts, scoped to
 * the page's ids. The SQL below follows the pure functions it mirrors (pilot-terms.ts, funding/entitlements.ts,
 * autonomy/milestones.ts); test/home/scale.test.ts checks the totals against the sum of every page.
 */

export type LeadFilters = {
  waveYear?: number;
  status?: PilotStatus;
  stage?: PilotStage;
  /** Part of the pilot's name or of one of its communes (case and accents ignored). */
  q?: string;
};

/**
 * A pilot's project year on $today (pilotStage, projectYearOf): the year's number k such that
 * start + (k-1) years <= today < start + k years; PostgreSQL's year arithmetic keeps 29 February → 28 February.
 */
const ENDED_PROGRAMME = `(p.start_date IS NOT NULL AND (p.start_date + make_interval(years => p.operating_years))::date <= $1::date)`;
const STAGE = `(CASE WHEN p.status IN ('autonomous', 'ended') THEN p.status
                     WHEN ${ENDED_PROGRAMME} THEN 'bilan' ELSE p.status END)`;

function filterClause(f: LeadFilters, params: unknown[]): string {
  const where: string[] = [];
  if (f.waveYear !== undefined) where.push(`p.wave_year = $${params.push(f.waveYear)}`);
  if (f.status !== undefined) where.push(`p.status = $${params.push(f.status)}`);
  if (f.stage !== undefined) where.push(`${STAGE} = $${params.push(f.stage)}`);
  if (f.q !== undefined) {
    const i = params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(search_fold(p.name) LIKE search_fold($${i})
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.communes) c WHERE search_fold(c->>'name') LIKE search_fold($${i})))`);
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

export type LeadPage = { ids: string[]; total: number };

/** The ids of one page of pilots matching the filters, in the home's order, and how many match in all. */
export async function leadPilotPage(
  m: EntityManager,
  today: string,
  filters: LeadFilters,
  page: number,
  pageSize: number,
): Promise<LeadPage> {
  const params: unknown[] = [today];
  const where = filterClause(filters, params);
  const limit = params.push(pageSize);
  const offset = params.push((page - 1) * pageSize);
  const [row]: { ids: string[] | null; total: number }[] = await m.query(
    `SELECT $1::date AS today, (SELECT count(*) FROM pilots p ${where})::int AS total,
            ARRAY(SELECT p.id FROM pilots p ${where}
                   ORDER BY p.wave_year DESC NULLS LAST, p.name, p.id LIMIT $${limit} OFFSET $${offset}) AS ids`,
    params,
  );
  return { ids: row.ids ?? [], total: row.total };
}

export type ProgrammeTotals = {
  pilots: number;
  byStatus: Record<PilotStatus, number>;
  byStage: Record<PilotStage, number>;
  inhabitants: number;
  entitledCents: number;
  disbursedCents: number;
  spentCents: number;
  lateMilestones: number;
  instalmentsDue: number;
  activitiesThisYear: number;
  participantsThisYear: number;
};

export type PilotInBilan = { id: string; name: string; operatingYears: number };

/**
 * Every total of the programme in one statement. Per pilot, as computeFunding: the fund-years (investment year 1,
 * operating years 1…n) are entitled the rate × the inhabitants in force on their due date (today without a start
 * date), never less than what was paid on them; disbursed and spent add the active entries (neither a reversal
 * nor reversed) of both funds; an instalment is due once its due date is past and something remains to pay. The
 * activities are those of each pilot's current period, as currentPeriod() draws it.
 */
export async function programmeTotals(m: EntityManager, today: string): Promise<ProgrammeTotals> {
  const [row]: Record<string, string | number>[] = await m.query(
    `WITH p AS (
       SELECT p.id, p.status, p.start_date, p.operating_years, p.inhabitants,
              p.investment_per_inhabitant_cents AS inv_rate, p.operating_per_inhabitant_per_year_cents AS op_rate,
              to_char(p.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')::date AS created_date,
              ${STAGE} AS stage
         FROM pilots p),
     active AS (
       SELECT e.pilot_id, e.type, e.fund, e.year, sum(e.amount_cents) AS cents
         FROM ledger_entries e
        WHERE e.type IN ('disbursement', 'expense') AND e.fund IS NOT NULL AND ${activeEntrySql('e')}
        GROUP BY 1, 2, 3, 4),
     fund_years AS (
       SELECT p.id AS pilot_id, p.inhabitants AS initial, f.fund, f.year, f.rate,
              CASE WHEN p.start_date IS NULL THEN NULL
                   ELSE (p.start_date + make_interval(years => f.year - 1))::date END AS due_date
         FROM p CROSS JOIN LATERAL (
           -- 1…operating_years (at most 10, a CHECK): constant bounds let the planner expect ~3 rows per pilot, not
           -- 1 000, so the estimate stays small and PostgreSQL does not spend seconds JIT-compiling the statement.
           SELECT 'investment' AS fund, 1 AS year, p.inv_rate AS rate
           UNION ALL SELECT 'operating', g, p.op_rate FROM generate_series(1, 10) g WHERE g <= p.operating_years) f),
     instalments AS (
       SELECT fy.due_date, COALESCE(paid.cents, 0) AS paid,
              fy.rate::bigint * COALESCE(
                (SELECT a.inhabitants FROM pilot_amendments a
                  WHERE a.pilot_id = fy.pilot_id AND a.effective_date <= COALESCE(fy.due_date, $1::date)
                  ORDER BY a.effective_date DESC, a.created_at DESC LIMIT 1),
                fy.initial) AS formula
         FROM fund_years fy
         LEFT JOIN active paid ON paid.pilot_id = fy.pilot_id AND paid.type = 'disbursement'
               AND paid.fund = fy.fund AND paid.year = fy.year),
     period AS (
       SELECT p.id,
              CASE WHEN p.start_date IS NULL OR p.start_date > $1::date
                     THEN (LEAST(COALESCE(p.start_date, p.created_date), p.created_date) - interval '6 months')::date
                   ELSE (p.start_date + make_interval(years => k.n - 1))::date END AS from_d,
              CASE WHEN p.start_date IS NULL THEN $1::date
                   WHEN p.start_date > $1::date THEN p.start_date - 1
                   ELSE (p.start_date + make_interval(years => k.n))::date - 1 END AS to_d
         FROM p CROSS JOIN LATERAL (
           -- The project year of today: the difference of the calendar years, plus one once the anniversary is past.
           SELECT CASE WHEN p.start_date IS NULL OR p.start_date > $1::date THEN NULL
                       ELSE y + (CASE WHEN (p.start_date + make_interval(years => y))::date <= $1::date THEN 1 ELSE 0 END)
                  END AS n
             FROM (SELECT (extract(year FROM $1::date) - extract(year FROM p.start_date))::int AS y) d) k),
     -- One pass over each pilot's current period (index-only on activities (pilot_id, date) with the figures).
     acts AS (
       SELECT count(*) AS n, COALESCE(sum(a.participants), 0) AS participants
         FROM period r JOIN activities a ON a.pilot_id = r.id AND a.date BETWEEN r.from_d AND r.to_d)
     SELECT (SELECT count(*) FROM p)::int AS pilots,
            (SELECT json_object_agg(s, n) FROM (SELECT status AS s, count(*)::int AS n FROM p GROUP BY 1) x) AS "byStatus",
            (SELECT json_object_agg(s, n) FROM (SELECT stage AS s, count(*)::int AS n FROM p GROUP BY 1) x) AS "byStage",
            (SELECT COALESCE(sum(COALESCE(
               (SELECT a.inhabitants FROM pilot_amendments a WHERE a.pilot_id = p.id AND a.effective_date <= $1::date
                 ORDER BY a.effective_date DESC, a.created_at DESC LIMIT 1), p.inhabitants)), 0) FROM p)::bigint AS inhabitants,
            (SELECT COALESCE(sum(GREATEST(formula, paid)), 0) FROM instalments)::bigint AS "entitledCents",
            (SELECT count(*) FROM instalments WHERE due_date <= $1::date AND formula > paid)::int AS "instalmentsDue",
            (SELECT COALESCE(sum(cents) FILTER (WHERE type = 'disbursement'), 0) FROM active)::bigint AS "disbursedCents",
            (SELECT COALESCE(sum(cents) FILTER (WHERE type = 'expense'), 0) FROM active)::bigint AS "spentCents",
            (SELECT count(*) FROM milestones ms
              WHERE ms.due_date < $1::date AND ms.status NOT IN ('done', 'dropped'))::int AS "lateMilestones",
            acts.n::int AS "activitiesThisYear", acts.participants::bigint AS "participantsThisYear"
       FROM acts`,
    [today],
  );
  const counts = <K extends string>(keys: readonly K[], got: unknown): Record<K, number> => {
    const map = (got ?? {}) as Record<string, number>;
    return Object.fromEntries(keys.map((k) => [k, map[k] ?? 0])) as Record<K, number>;
  };
  return {
    pilots: Number(row.pilots),
    byStatus: counts(['preparation', 'running', 'autonomous', 'ended'], row.byStatus),
    byStage: counts(['preparation', 'running', 'bilan', 'autonomous', 'ended'], row.byStage),
    inhabitants: Number(row.inhabitants),
    entitledCents: Number(row.entitledCents),
    disbursedCents: Number(row.disbursedCents),
    spentCents: Number(row.spentCents),
    lateMilestones: Number(row.lateMilestones),
    instalmentsDue: Number(row.instalmentsDue),
    activitiesThisYear: Number(row.activitiesThisYear),
    participantsThisYear: Number(row.participantsThisYear),
  };
}

/** The distinct waves, latest first, and the first pilots whose programme is over and awaits the lead's decision. */
export async function wavesAndBilan(
  m: EntityManager,
  today: string,
  bilanShown: number,
): Promise<{ waves: number[]; inBilan: PilotInBilan[] }> {
  const [row]: { waves: number[] | null; inBilan: PilotInBilan[] }[] = await m.query(
    `SELECT ARRAY(SELECT DISTINCT p.wave_year FROM pilots p WHERE p.wave_year IS NOT NULL ORDER BY 1 DESC) AS waves,
            COALESCE((SELECT json_agg(x) FROM (
              SELECT p.id, p.name, p.operating_years AS "operatingYears" FROM pilots p
               WHERE p.status IN ('preparation', 'running') AND ${ENDED_PROGRAMME}
               ORDER BY p.name, p.id LIMIT $2) x), '[]'::json) AS "inBilan"`,
    [today, bilanShown],
  );
  return { waves: row.waves ?? [], inBilan: row.inBilan };
}
