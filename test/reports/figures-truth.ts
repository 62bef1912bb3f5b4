import type { TestApp } from '../support/test-app';

/**
 * A pilot's figures derived straight from its rows (ledger, activities, contributions, waste, milestones) by SQL,
 * with the definitions the report's methodology prints, never through the application's services: what every
 * surface must agree with.
 */
export type Fund = 'investment' | 'operating';

export type YearTruth = {
  year: number;
  from: string;
  to: string;
  disbursedCents: Record<Fund, number>;
  spentCents: number;
  cofinancingCents: number;
  inKindCents: number;
  /** Operating disbursements + co-financing + in-kind of the year. */
  operatingResourcesCents: number;
  /** (co-financing + in-kind) / operating resources, unrounded; null without resources. */
  autonomyRatio: number | null;
  activities: number;
  participants: number;
  volunteerHours: number;
  /** Distinct actors with a contribution of the year or taking part in an activity of the year. */
  activeActors: number;
  /** The calendar year holding the largest part of the project year, whose waste figures stand for it. */
  wasteYear: number;
  residualKgPerInhabitant: number | null;
  residualChangeVsBaseline: number | null;
};

export type PilotTruth = {
  today: string;
  startDate: string;
  /** Inhabitants in force today: the latest amendment in effect, else the convention's figure. */
  inhabitants: number;
  actors: number;
  balances: Record<Fund, { disbursedCents: number; spentCents: number }>;
  /** Each fund-year's instalment: rate × inhabitants in force on its due date, never below what was paid. */
  instalments: { fund: Fund; year: number; dueDate: string; amountCents: number; paidCents: number }[];
  milestones: {
    title: string;
    status: string;
    dueDate: string;
    target: { indicator: string; operator: 'gte' | 'lte'; value: number; year: number } | null;
  }[];
  /** Calendar year → residual kg per inhabitant (exact), for the years with a tonnage and a population. */
  residual: Map<number, number>;
  baselineYear: number;
  years: YearTruth[];
};

const ACTIVE = `e.type <> 'reversal' AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_entry_id = e.id)`;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The calendar year holding most days of [from, to] (a project year spans at most two). */
function calendarYearOf(from: string, to: string): number {
  const first = Number(from.slice(0, 4));
  const inFirst = daysBetween(from, `${first}-12-31`);
  return inFirst >= daysBetween(from, to) - inFirst ? first : first + 1;
}

export async function pilotTruth(t: TestApp, pilotId: string, years: number[]): Promise<PilotTruth> {
  const [p] = await t.sql<{ today: string; start: string; inhabitants: number; actors: number }>(
    `SELECT to_char((now() AT TIME ZONE 'Europe/Paris')::date, 'YYYY-MM-DD') AS today,
            to_char(start_date, 'YYYY-MM-DD') AS start,
            COALESCE((SELECT a.inhabitants FROM pilot_amendments a WHERE a.pilot_id = p.id
                        AND a.effective_date <= (now() AT TIME ZONE 'Europe/Paris')::date
                      ORDER BY a.effective_date DESC, a.created_at DESC LIMIT 1), p.inhabitants) AS inhabitants,
            (SELECT count(*)::int FROM actors a WHERE a.pilot_id = p.id) AS actors
       FROM pilots p WHERE id = $1`,
    [pilotId],
  );
  const ledger = await t.sql<{ type: string; fund: Fund | null; year: number; cents: string }>(
    `SELECT e.type, e.fund, e.year, sum(e.amount_cents)::bigint AS cents FROM ledger_entries e
      WHERE e.pilot_id = $1 AND ${ACTIVE} GROUP BY 1, 2, 3`,
    [pilotId],
  );
  const cents = (pred: (r: (typeof ledger)[number]) => boolean) =>
    ledger.filter(pred).reduce((s, r) => s + Number(r.cents), 0);
  const instalments = await t.sql<{
    fund: Fund;
    year: number;
    dueDate: string;
    amountCents: string;
    paidCents: string;
  }>(
    `WITH fy AS (
       SELECT 'investment' AS fund, 1 AS year, investment_per_inhabitant_cents AS rate FROM pilots WHERE id = $1
       UNION ALL SELECT 'operating', g, operating_per_inhabitant_per_year_cents
         FROM pilots, generate_series(1, operating_years) g WHERE id = $1),
     due AS (SELECT fy.*, (p.start_date + make_interval(years => fy.year - 1))::date AS due_date, p.inhabitants
               FROM fy, pilots p WHERE p.id = $1)
     SELECT d.fund, d.year, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate",
            COALESCE((SELECT sum(e.amount_cents) FROM ledger_entries e WHERE e.pilot_id = $1 AND e.type = 'disbursement'
                        AND e.fund = d.fund AND e.year = d.year AND ${ACTIVE}), 0)::bigint AS "paidCents",
            d.rate::bigint * COALESCE((SELECT a.inhabitants FROM pilot_amendments a WHERE a.pilot_id = $1
                        AND a.effective_date <= d.due_date ORDER BY a.effective_date DESC, a.created_at DESC LIMIT 1),
                        d.inhabitants) AS "amountCents"
       FROM due d ORDER BY d.fund, d.year`,
    [pilotId],
  );
  const milestones = await t.sql<{
    title: string;
    status: string;
    dueDate: string;
    indicator: string | null;
    operator: 'gte' | 'lte' | null;
    value: number | null;
    year: number | null;
  }>(
    `SELECT title, status, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", target_indicator AS indicator,
            target_operator AS operator, target_value AS value, target_year AS year
       FROM milestones WHERE pilot_id = $1 ORDER BY due_date, title`,
    [pilotId],
  );
  // A year without its own population counts the inhabitants in force on its 31 December.
  const waste = await t.sql<{ year: number; population: number; residual_kg: string | null }>(
    `SELECT w.year, COALESCE(w.population, (SELECT a.inhabitants FROM pilot_amendments a WHERE a.pilot_id = w.pilot_id
              AND a.effective_date <= make_date(w.year, 12, 31) ORDER BY a.effective_date DESC, a.created_at DESC LIMIT 1),
              p.inhabitants) AS population, w.residual_kg
       FROM waste_years w JOIN pilots p ON p.id = w.pilot_id WHERE w.pilot_id = $1`,
    [pilotId],
  );
  const residual = new Map(
    waste.filter((w) => w.residual_kg !== null).map((w) => [w.year, Number(w.residual_kg) / w.population]),
  );
  const baselineYear = Number(p.start.slice(0, 4)) - 1;
  const out: YearTruth[] = [];
  for (const year of years) {
    const [y] = await t.sql<{
      from: string;
      to: string;
      activities: number;
      participants: number;
      hours: number;
      active: number;
    }>(
      `WITH r AS (SELECT (start_date + make_interval(years => $2 - 1))::date AS f,
                         ((start_date + make_interval(years => $2))::date - 1) AS t FROM pilots WHERE id = $1),
            a AS (SELECT a.* FROM activities a, r WHERE a.pilot_id = $1 AND a.date BETWEEN r.f AND r.t)
       SELECT to_char(r.f, 'YYYY-MM-DD') AS "from", to_char(r.t, 'YYYY-MM-DD') AS "to",
              (SELECT count(*)::int FROM a) AS activities, (SELECT COALESCE(sum(participants), 0)::int FROM a) AS participants,
              (SELECT COALESCE(sum(volunteer_hours), 0)::float8 FROM a) AS hours,
              (SELECT count(*)::int FROM (
                 SELECT actor_id FROM contributions WHERE pilot_id = $1 AND year = $2
                 UNION SELECT aa.actor_id FROM activity_actors aa JOIN a ON a.id = aa.activity_id) x) AS active
         FROM r`,
      [pilotId, year],
    );
    const of = (type: string, fund?: Fund) =>
      cents((r) => r.type === type && r.year === year && (fund === undefined || r.fund === fund));
    const disbursedCents = { investment: of('disbursement', 'investment'), operating: of('disbursement', 'operating') };
    const own = of('cofinancing') + of('in_kind');
    const operatingResourcesCents = disbursedCents.operating + own;
    const wasteYear = calendarYearOf(y.from, y.to);
    const kg = residual.get(wasteYear) ?? null;
    const base = residual.get(baselineYear) ?? null;
    out.push({
      year,
      from: y.from,
      to: y.to,
      disbursedCents,
      spentCents: of('expense'),
      cofinancingCents: of('cofinancing'),
      inKindCents: of('in_kind'),
      operatingResourcesCents,
      autonomyRatio: operatingResourcesCents > 0 ? own / operatingResourcesCents : null,
      activities: y.activities,
      participants: y.participants,
      volunteerHours: y.hours,
      activeActors: y.active,
      wasteYear,
      residualKgPerInhabitant: kg,
      residualChangeVsBaseline: kg !== null && base ? kg / base - 1 : null,
    });
  }
  const balance = (fund: Fund) => ({
    disbursedCents: cents((r) => r.type === 'disbursement' && r.fund === fund),
    spentCents: cents((r) => r.type === 'expense' && r.fund === fund),
  });
  return {
    today: p.today,
    startDate: p.start,
    inhabitants: p.inhabitants,
    actors: p.actors,
    balances: { investment: balance('investment'), operating: balance('operating') },
    instalments: instalments.map((i) => ({
      ...i,
      amountCents: Math.max(Number(i.amountCents), Number(i.paidCents)),
      paidCents: Number(i.paidCents),
    })),
    milestones: milestones.map((m) => ({
      title: m.title,
      status: m.status,
      dueDate: m.dueDate,
      target: m.indicator ? { indicator: m.indicator, operator: m.operator!, value: m.value!, year: m.year! } : null,
    })),
    residual,
    baselineYear,
    years: out,
  };
}
