/* global Buffer */
// The floor that `npm run bench:api` compares the application with: Fastify and the `pg` driver, nothing else,
// answering the same JSON as the application's read endpoints with hand-written SQL in as few round trips as the
// data allows. It checks the session cookie (one indexed query, as any real service must) but has no framework,
// validation, logging or audit. Not a product: it exists only to measure how far above the floor the real
// application runs. Started by scripts/bench-api.mjs with DATABASE_URL and PORT.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import pg from 'pg';

const require = createRequire(import.meta.url);
// Static wording of report titles (read once at start, as the application does).
const { AUDIENCE_INFO } = require('../dist/src/reports/report-renderer.js');
// The lead's home shares the application's statements and its pure assembly (home.model): its floor measures what
// the framework adds around them, not a second copy of 400 lines of rules.
const homeSql = require('../dist/src/home/home.queries.js');
const leadSql = require('../dist/src/home/home-lead.queries.js');
const homeModel = require('../dist/src/home/home.model.js');

pg.types.setTypeParser(20, (v) => Number(v)); // int8 → number, as the application's driver setup does
pg.types.setTypeParser(1082, (v) => v); // date stays YYYY-MM-DD
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });

const todayInFrance = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const round2 = (n) => Math.round(n * 100) / 100;
const iso = (d) => (d == null ? null : new Date(d).toISOString());
// Project years in SQL-free date arithmetic on YYYY-MM-DD strings.
const shiftYears = (date, years) => {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
};
const shiftDays = (date, days) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const shiftMonths = (date, months) => {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0));
  last.setUTCDate(Math.min(d, last.getUTCDate()));
  return last.toISOString().slice(0, 10);
};
const yearOf = (start, date) => {
  if (!start) return null;
  if (date < start) return 0;
  let y = 1;
  while (shiftYears(start, y) <= date) y++;
  return y;
};
const yearRange = (start, y) => ({ from: shiftYears(start, y - 1), to: shiftDays(shiftYears(start, y), -1) });
const lifeStartOf = (start, created) => shiftMonths(start && start < created ? start : created, -6);

/** The signed-in user and the pilots they reach (null: every pilot, for a lead), or null. */
async function session(req) {
  const token = /(?:^|;\s*)projetk_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (!token) return null;
  const { rows } = await pool.query(
    `SELECT u.id, u.role, ARRAY(SELECT m.pilot_id::text FROM pilot_members m WHERE m.user_id = u.id) AS "pilotIds"
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now() AND u.active`,
    [createHash('sha256').update(decodeURIComponent(token)).digest()],
  );
  return rows[0] ? { ...rows[0], scope: rows[0].role === 'lead' ? null : rows[0].pilotIds } : null;
}

app.addHook('onRequest', async (req, reply) => {
  req.user = await session(req);
  if (!req.user) return reply.code(401).send({ code: 'not_signed_in' });
});
const reaches = (req, pilotId) => req.user.scope === null || req.user.scope.includes(pilotId);

app.get('/api/pilots/:id', async (req, reply) => {
  const id = req.params.id;
  if (!reaches(req, id)) return reply.code(404).send({ code: 'pilot_not_found' });
  const [p, a, m] = await Promise.all([
    pool.query(
      `SELECT p.id, p.name, p.call_id AS "callId", p.candidature_id AS "candidatureId", p.wave_year AS "waveYear", p.communes, p.inhabitants,
              p.inhabitants_source AS "inhabitantsSource", p.start_date AS "startDate", p.status, p.district, p.place,
              p.investment_per_inhabitant_cents AS "investmentPerInhabitantCents",
              p.operating_per_inhabitant_per_year_cents AS "operatingPerInhabitantPerYearCents", p.operating_years AS "operatingYears",
              p.policies, p.lead_user_id AS "leadUserId", lu.name AS "leadName", lu.email AS "leadEmail", p.experts,
              p.coordinator_contact AS "coordinatorContact", p.carried, p.created_at AS "createdAt", p.updated_at AS "updatedAt",
              to_char(p.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "createdDate",
              p.closed_on AS "closedOn", p.closure_reason AS "closureReason", p.closed_by AS "closedBy", cu.name AS "closedByName"
         FROM pilots p LEFT JOIN users lu ON lu.id = p.lead_user_id LEFT JOIN users cu ON cu.id = p.closed_by
        WHERE p.id = $1`,
      [id],
    ),
    pool.query(
      `SELECT id, inhabitants, effective_date AS "effectiveDate", reason, created_at AS "createdAt", created_by AS "createdBy"
         FROM pilot_amendments WHERE pilot_id = $1 ORDER BY effective_date, created_at`,
      [id],
    ),
    pool.query(
      `SELECT pm.user_id AS "userId", pm.role, u.name, u.email, pm.created_at AS "createdAt"
         FROM pilot_members pm JOIN users u ON u.id = pm.user_id WHERE pm.pilot_id = $1 ORDER BY pm.role, u.name`,
      [id],
    ),
  ]);
  const r = p.rows[0];
  if (!r) return reply.code(404).send({ code: 'pilot_not_found' });
  const today = todayInFrance();
  const amendments = a.rows.map((x) => ({ ...x, createdAt: iso(x.createdAt) }));
  const inForce = amendments.filter((x) => x.effectiveDate <= today).at(-1);
  const { leadName, leadEmail, createdDate, closedOn, closureReason, closedBy, closedByName, ...pilot } = r;
  const end = r.startDate ? shiftDays(shiftYears(r.startDate, r.operatingYears), -1) : null;
  const closed = r.status === 'autonomous' || r.status === 'ended';
  return {
    ...pilot,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    lead: r.leadUserId ? { id: r.leadUserId, name: leadName, email: leadEmail } : null,
    inhabitantsInForce: inForce ? inForce.inhabitants : r.inhabitants,
    currentProjectYear: yearOf(r.startDate, today),
    projectYears: r.startDate
      ? Array.from({ length: r.operatingYears }, (_, i) => ({ year: i + 1, ...yearRange(r.startDate, i + 1) }))
      : [],
    lifeStart: lifeStartOf(r.startDate, createdDate),
    amendments,
    members: m.rows.map((x) => ({ ...x, createdAt: iso(x.createdAt) })),
    stage: !closed && end && today > end ? 'bilan' : r.status,
    programmeEnd: end,
    closure:
      closedOn && closed
        ? {
            outcome: r.status,
            decidedOn: closedOn,
            reason: closureReason,
            decidedBy: closedBy ? { id: closedBy, name: closedByName } : null,
          }
        : null,
  };
});

app.get('/api/pilots/:id/activities', async (req, reply) => {
  const id = req.params.id;
  if (!reaches(req, id)) return reply.code(404).send({ code: 'pilot_not_found' });
  const limit = Number(req.query.limit ?? 50);
  const after = req.query.cursor
    ? JSON.parse(Buffer.from(req.query.cursor, 'base64url').toString())
    : [null, null, null];
  const [rows, life] = await Promise.all([
    pool.query(
      `SELECT a.id, a.pilot_id AS "pilotId", a.date, a.title, a.type, a.policies, a.participants, a.volunteers,
              a.volunteer_hours::float8 AS "volunteerHours", a.participation_level AS "participationLevel",
              a.diverted_reuse_kg::float8 AS reuse, a.diverted_repair_kg::float8 AS repair, a.diverted_compost_kg::float8 AS compost,
              a.diverted_recycling_kg::float8 AS recycling, a.diverted_other_kg::float8 AS other,
              a.notes, a.created_by AS "createdBy", a.created_at AS "createdAt", a.updated_at AS "updatedAt",
              extract(epoch FROM a.created_at)::text AS "createdKey",
              COALESCE(x.ids, '{}') AS "actorIds", COALESCE(x.actors, '[]') AS actors, COALESCE(ph.photos, '[]') AS photos
         FROM activities a
         LEFT JOIN LATERAL (
           SELECT array_agg(aa.actor_id::text ORDER BY aa.actor_id) AS ids,
                  json_agg(json_build_object('id', ac.id, 'name', ac.name, 'type', ac.type) ORDER BY aa.actor_id) AS actors
             FROM activity_actors aa JOIN actors ac ON ac.id = aa.actor_id WHERE aa.activity_id = a.id
         ) x ON true
         LEFT JOIN LATERAL (
           SELECT json_agg(json_build_object('id', f.id, 'width', f.width, 'height', f.height,
                    'url', '/api/pilots/' || a.pilot_id || '/activities/' || a.id || '/photos/' || f.id) ORDER BY f.position) AS photos
             FROM activity_photos f WHERE f.activity_id = a.id
         ) ph ON true
        WHERE a.pilot_id = $1
          AND ($2::date IS NULL OR (a.date, extract(epoch FROM a.created_at), a.id) < ($2::date, $3::numeric, $4::uuid))
        ORDER BY a.date DESC, a.created_at DESC, a.id DESC LIMIT $5`,
      [id, after[0], after[1], after[2], limit + 1],
    ),
    pool.query(`SELECT start_date AS "startDate" FROM pilots WHERE id = $1`, [id]),
  ]);
  const page = rows.rows.slice(0, limit);
  const start = life.rows[0]?.startDate ?? null;
  const last = page.at(-1);
  return {
    items: page.map(({ reuse, repair, compost, recycling, other, createdKey: _k, actorIds, actors, ...r }) => ({
      ...r,
      actorIds,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
      divertedKg: {
        reuse,
        repair,
        compost,
        recycling,
        other,
        total: round2(reuse + repair + compost + recycling + other),
      },
      actors,
      projectYear: yearOf(start, r.date),
    })),
    nextCursor:
      rows.rows.length > limit && last
        ? Buffer.from(JSON.stringify([last.date, last.createdKey, last.id])).toString('base64url')
        : null,
  };
});

app.get('/api/search', async (req) => {
  const term = String(req.query.q ?? '')
    .trim()
    .replace(/\s+/g, ' ');
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const scope = req.user.scope;
  const sees = req.user.role !== 'committee';
  const seesCandidatures = req.user.role === 'lead' || req.user.role === 'committee';
  const titles = {
    pilot: Object.fromEntries(Object.entries(AUDIENCE_INFO).map(([k, v]) => [k, v.title])),
    wave: Object.fromEntries(Object.entries(AUDIENCE_INFO).map(([k, v]) => [k, v.waveTitle])),
  };
  const none = { rows: [] };
  const [pilots, actors, activities, candidatures, reports] = await Promise.all([
    sees
      ? pool.query(
          `SELECT p.id, p.name, ARRAY(SELECT c->>'name' FROM jsonb_array_elements(p.communes) c) AS communes, p.status, p.wave_year AS "waveYear"
             FROM pilots p WHERE ($1::uuid[] IS NULL OR p.id = ANY($1))
              AND (search_fold(p.name) LIKE search_fold($2) OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.communes) c WHERE search_fold(c->>'name') LIKE search_fold($2)))
            ORDER BY p.name, p.id LIMIT 10`,
          [scope, pattern],
        )
      : none,
    sees
      ? pool.query(
          `SELECT a.id, a.name, a.type, a.pilot_id AS "pilotId", p.name AS "pilotName" FROM actors a JOIN pilots p ON p.id = a.pilot_id
            WHERE ($1::uuid[] IS NULL OR a.pilot_id = ANY($1)) AND search_fold(a.name) LIKE search_fold($2) ORDER BY a.name, a.id LIMIT 10`,
          [scope, pattern],
        )
      : none,
    sees
      ? pool.query(
          `SELECT a.id, a.title, a.date, a.type, a.pilot_id AS "pilotId", p.name AS "pilotName" FROM activities a JOIN pilots p ON p.id = a.pilot_id
            WHERE ($1::uuid[] IS NULL OR a.pilot_id = ANY($1)) AND a.title_folded LIKE search_fold($2) ORDER BY a.date DESC, a.id LIMIT 10`,
          [scope, pattern],
        )
      : none,
    seesCandidatures
      ? pool.query(
          `SELECT k.id, ARRAY(SELECT c->>'name' FROM jsonb_array_elements(k.communes) c) AS communes, k.status, k.inhabitants,
                  k.call_id AS "callId", cl.title AS "callTitle"
             FROM candidatures k JOIN calls cl ON cl.id = k.call_id
            WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(k.communes) c WHERE search_fold(c->>'name') LIKE search_fold($1))
            ORDER BY k.created_at DESC, k.id LIMIT 10`,
          [pattern],
        )
      : none,
    sees
      ? pool.query(
          `SELECT x.id, x.kind, x."pilotId", x."callId", x.year, x.audience, x.version, x.status, x."issuedAt", x.title FROM (
             SELECT r.id, r.kind, r.pilot_id AS "pilotId", r.call_id AS "callId", r.year, r.audience, r.version, r.status, r.issued_at AS "issuedAt",
                    CASE WHEN r.kind = 'pilot' THEN ($3::jsonb->>r.audience) || ' — ' || p.name || ' — année ' || r.year
                         ELSE ($4::jsonb->>r.audience) || ' — ' || COALESCE(c.title, '') END AS title, r.created_at
               FROM reports r LEFT JOIN pilots p ON p.id = r.pilot_id LEFT JOIN calls c ON c.id = r.call_id
              WHERE CASE WHEN r.kind = 'pilot' THEN ($1::uuid[] IS NULL OR r.pilot_id = ANY($1)) ELSE $1::uuid[] IS NULL END
           ) x WHERE search_fold(x.title) LIKE search_fold($2) ORDER BY x.created_at DESC, x.id LIMIT 10`,
          [scope, pattern, JSON.stringify(titles.pilot), JSON.stringify(titles.wave)],
        )
      : none,
  ]);
  return {
    q: term,
    pilots: pilots.rows,
    actors: actors.rows,
    activities: activities.rows,
    candidatures: candidatures.rows,
    reports: reports.rows.map((r) => ({ ...r, issuedAt: iso(r.issuedAt) })),
  };
});

app.get('/api/pilots/:id/overview', async (req, reply) => {
  const id = req.params.id;
  if (!reaches(req, id)) return reply.code(404).send({ code: 'pilot_not_found' });
  const { rows: lifeRows } = await pool.query(
    `SELECT start_date AS "startDate", operating_years AS "operatingYears",
            to_char(created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "createdDate" FROM pilots WHERE id = $1`,
    [id],
  );
  const life = lifeRows[0];
  if (!life) return reply.code(404).send({ code: 'pilot_not_found' });
  const today = todayInFrance();
  const start = life.startDate;
  const lifeStart = lifeStartOf(start, life.createdDate);
  const current = yearOf(start, today);
  const periods = [];
  if (!start) periods.push({ year: null, from: lifeStart, to: today });
  else if (current === 0) periods.push({ year: 0, from: lifeStart, to: shiftDays(start, -1) });
  else periods.push({ year: current, ...yearRange(start, current) });
  periods.push({ year: null, from: lifeStart, to: today });
  if (start) for (let y = 1; y <= life.operatingYears; y++) periods.push({ year: y, ...yearRange(start, y) });
  // Contributions carry a project year, not a date: the years each period touches (every year without a start).
  const yearSets = periods.map((p) => {
    if (!start) return null;
    const first = Math.max(1, yearOf(start, p.from));
    const last = Math.max(1, yearOf(start, p.to));
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  });
  const params = [id, periods.map((p) => p.from), periods.map((p) => p.to)];
  const inRanges = `unnest($2::date[], $3::date[]) WITH ORDINALITY AS r(f, t, i) JOIN activities a ON a.pilot_id = $1 AND a.date BETWEEN r.f AND r.t`;
  const [totals, groups, contributions, network] = await Promise.all([
    pool.query(
      `SELECT r.i::int AS i, count(a.id)::int AS activities, COALESCE(sum(a.participants), 0)::int AS participants,
              COALESCE(sum(a.volunteers), 0)::int AS volunteers, COALESCE(sum(a.volunteer_hours), 0)::float8 AS "volunteerHours",
              COALESCE(sum(a.diverted_reuse_kg), 0)::float8 AS reuse, COALESCE(sum(a.diverted_repair_kg), 0)::float8 AS repair,
              COALESCE(sum(a.diverted_compost_kg), 0)::float8 AS compost, COALESCE(sum(a.diverted_recycling_kg), 0)::float8 AS recycling,
              COALESCE(sum(a.diverted_other_kg), 0)::float8 AS other,
              (SELECT count(*)::int FROM activities WHERE pilot_id = $1) AS "allActivities",
              COALESCE((SELECT array_agg(DISTINCT aa.actor_id::text) FROM activity_actors aa JOIN activities x ON x.id = aa.activity_id
                          WHERE x.pilot_id = $1 AND x.date BETWEEN r.f AND r.t), '{}') AS "actorIds"
         FROM unnest($2::date[], $3::date[]) WITH ORDINALITY AS r(f, t, i)
         LEFT JOIN activities a ON a.pilot_id = $1 AND a.date BETWEEN r.f AND r.t
        GROUP BY r.i, r.f, r.t ORDER BY r.i`,
      params,
    ),
    // Policies, types and months in one pass: GROUPING SETS over the pilot's activities in each period.
    pool.query(
      `SELECT r.i::int AS i, p.policy, a.type, to_char(a.date, 'YYYY-MM') AS month, GROUPING(p.policy, a.type, to_char(a.date, 'YYYY-MM'))::int AS g,
              count(*)::int AS "perPolicy", COALESCE(sum(a.participants), 0)::int AS "participantsPerPolicy",
              (count(*) FILTER (WHERE p.n = 1))::int AS "perActivity",
              COALESCE(sum(a.participants) FILTER (WHERE p.n = 1), 0)::int AS "participantsPerActivity"
         FROM ${inRanges} CROSS JOIN LATERAL unnest(a.policies) WITH ORDINALITY AS p(policy, n)
        GROUP BY GROUPING SETS ((r.i, p.policy), (r.i, a.type), (r.i, to_char(a.date, 'YYYY-MM'), p.policy))
        ORDER BY r.i, month NULLS FIRST, p.policy NULLS FIRST, a.type NULLS FIRST`,
      params,
    ),
    pool.query(
      `SELECT s.i::int AS i, count(c.id)::int AS contributions, COALESCE(sum(c.value_cents), 0)::bigint AS "valueCents",
              COALESCE(sum(c.hours), 0)::float8 AS hours,
              COALESCE(array_agg(DISTINCT c.actor_id::text) FILTER (WHERE c.actor_id IS NOT NULL), '{}') AS "actorIds"
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS s(years, i)
         LEFT JOIN contributions c ON c.pilot_id = $1
              AND (jsonb_typeof(s.years) = 'null' OR c.year IN (SELECT y::int FROM jsonb_array_elements_text(s.years) y))
        GROUP BY s.i ORDER BY s.i`,
      [id, JSON.stringify(yearSets)],
    ),
    pool.query(
      `SELECT t.type, count(a.id)::int AS actors, COALESCE(sum(c.n), 0)::int AS contributions,
              COALESCE(sum(c.value), 0)::bigint AS "valueCents", COALESCE(sum(c.hours), 0)::float8 AS hours,
              (SELECT count(*)::int FROM actor_links WHERE pilot_id = $1) AS links
         FROM unnest($2::text[]) WITH ORDINALITY AS t(type, o)
         LEFT JOIN actors a ON a.pilot_id = $1 AND a.type = t.type
         LEFT JOIN (SELECT actor_id, count(*) AS n, sum(value_cents) AS value, sum(hours) AS hours
                      FROM contributions WHERE pilot_id = $1 GROUP BY actor_id) c ON c.actor_id = a.id
        GROUP BY t.type, t.o ORDER BY t.o`,
      [id, ['public', 'private', 'associative', 'citizen']],
    ),
  ]);
  const figures = periods.map((_, index) => {
    const i = index + 1;
    const t = totals.rows[index];
    const c = contributions.rows[index];
    const g = groups.rows.filter((x) => x.i === i);
    // Rows are (activity, policy) pairs: types count each activity once, through its first policy.
    return {
      activities: t.activities,
      participants: t.participants,
      volunteers: t.volunteers,
      volunteerHours: round2(t.volunteerHours),
      divertedKg: {
        reuse: round2(t.reuse),
        repair: round2(t.repair),
        compost: round2(t.compost),
        recycling: round2(t.recycling),
        other: round2(t.other),
        total: round2(t.reuse + t.repair + t.compost + t.recycling + t.other),
      },
      byPolicy: g
        .filter((x) => x.g === 3)
        .map((x) => ({ policy: x.policy, activities: x.perPolicy, participants: x.participantsPerPolicy })),
      byType: g
        .filter((x) => x.g === 5)
        .map((x) => ({ type: x.type, activities: x.perActivity, participants: x.participantsPerActivity })),
      byMonth: g
        .filter((x) => x.g === 2)
        .map((x) => ({
          month: x.month,
          policy: x.policy,
          activities: x.perPolicy,
          participants: x.participantsPerPolicy,
        })),
      activeActors: new Set([...c.actorIds, ...t.actorIds]).size,
      contributions: c.contributions,
      contributionsValueCents: c.valueCents,
      contributionHours: round2(c.hours),
    };
  });
  const [cur, total, ...years] = periods.map((p, i) => ({ ...p, figures: figures[i] }));
  const byType = network.rows.map(({ links: _l, hours, ...x }) => ({ ...x, hours: round2(hours) }));
  return {
    pilotId: id,
    today,
    startDate: start,
    lifeStart,
    currentProjectYear: current,
    current: cur,
    years,
    total,
    charts: { byMonth: total.figures.byMonth, contributionsByActorType: byType },
    counts: {
      actors: byType.reduce((s, x) => s + x.actors, 0),
      links: network.rows[0]?.links ?? 0,
      contributions: byType.reduce((s, x) => s + x.contributions, 0),
      activities: totals.rows[0]?.allActivities ?? 0,
    },
  };
});

app.get('/api/pilots/:id/funding', async (req, reply) => {
  const id = req.params.id;
  if (!reaches(req, id)) return reply.code(404).send({ code: 'pilot_not_found' });
  // The pilot's terms and its ledger summed in SQL by (type, fund, year, source kind), reversed entries left out.
  const [terms, sums] = await Promise.all([
    pool.query(
      `SELECT p.start_date AS "startDate", p.inhabitants, p.operating_years AS "operatingYears",
              p.investment_per_inhabitant_cents AS inv, p.operating_per_inhabitant_per_year_cents AS op,
              COALESCE((SELECT json_agg(json_build_object('inhabitants', a.inhabitants, 'effectiveDate', a.effective_date)
                          ORDER BY a.effective_date, a.created_at) FROM pilot_amendments a WHERE a.pilot_id = p.id), '[]') AS amendments
         FROM pilots p WHERE p.id = $1`,
      [id],
    ),
    pool.query(
      `SELECT e.type, e.fund, e.year, e.source_kind AS "sourceKind", sum(e.amount_cents)::bigint AS cents
         FROM ledger_entries e
        WHERE e.pilot_id = $1 AND e.type <> 'reversal'
          AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.pilot_id = $1 AND r.reverses_entry_id = e.id)
        GROUP BY 1, 2, 3, 4`,
      [id],
    ),
  ]);
  const t = terms.rows[0];
  if (!t) return reply.code(404).send({ code: 'pilot_not_found' });
  const today = todayInFrance();
  const inhabitantsOn = (date) =>
    t.amendments.filter((a) => a.effectiveDate <= date).at(-1)?.inhabitants ?? t.inhabitants;
  const total = (pred) => sums.rows.filter(pred).reduce((s, r) => s + r.cents, 0);
  const due = (year) => (t.startDate ? shiftYears(t.startDate, year - 1) : null);
  const paidFor = (fund, year) => total((r) => r.type === 'disbursement' && r.fund === fund && r.year === year);
  const lines = [{ fund: 'investment', year: 1, rate: t.inv }];
  for (let year = 1; year <= t.operatingYears; year++) lines.push({ fund: 'operating', year, rate: t.op });
  const entitlements = lines.map(({ fund, year, rate }) => {
    const inhabitants = inhabitantsOn(due(year) ?? today);
    const formulaCents = rate * inhabitants;
    return {
      fund,
      year,
      dueDate: due(year),
      inhabitants,
      formulaCents,
      amountCents: Math.max(formulaCents, paidFor(fund, year)),
    };
  });
  const balances = {};
  for (const fund of ['investment', 'operating']) {
    const entitledCents = entitlements.filter((e) => e.fund === fund).reduce((s, e) => s + e.amountCents, 0);
    const disbursedCents = total((r) => r.type === 'disbursement' && r.fund === fund);
    const spentCents = total((r) => r.type === 'expense' && r.fund === fund);
    balances[fund] = {
      entitledCents,
      disbursedCents,
      spentCents,
      availableCents: disbursedCents - spentCents,
      toDisburseCents: entitledCents - disbursedCents,
      advancedCents: Math.max(0, spentCents - disbursedCents),
    };
  }
  const years = [];
  const maxYear = Math.max(t.operatingYears, ...sums.rows.map((r) => r.year));
  for (let year = 1; year <= maxYear; year++) {
    const smicvalOperatingCents = paidFor('operating', year);
    const cofinancingCents = total((r) => r.year === year && r.type === 'cofinancing');
    const inKindCents = total((r) => r.year === year && r.type === 'in_kind');
    const bySourceKindCents = { commune: 0, actor: 0, grant: 0, own_revenue: 0, other: 0 };
    for (const r of sums.rows)
      if (r.year === year && (r.type === 'cofinancing' || r.type === 'in_kind'))
        bySourceKindCents[r.sourceKind ?? 'other'] += r.cents;
    const operatingResourcesCents = smicvalOperatingCents + cofinancingCents + inKindCents;
    years.push({
      year,
      operatingResourcesCents,
      smicvalOperatingCents,
      cofinancingCents,
      inKindCents,
      bySourceKindCents,
      spentCents: total((r) => r.year === year && r.type === 'expense'),
      autonomyRatio: operatingResourcesCents === 0 ? null : (cofinancingCents + inKindCents) / operatingResourcesCents,
    });
  }
  const schedule = entitlements
    .map((e) => {
      const paidCents = paidFor(e.fund, e.year);
      let status;
      if (paidCents >= e.amountCents) status = 'paid';
      else if (!e.dueDate || e.dueDate > today) status = paidCents > 0 ? 'partial' : 'upcoming';
      else if (shiftDays(e.dueDate, 30) < today) status = 'overdue';
      else status = paidCents > 0 ? 'partial' : 'due';
      return {
        fund: e.fund,
        year: e.year,
        dueDate: e.dueDate,
        amountCents: e.amountCents,
        paidCents,
        remainingCents: e.amountCents - paidCents,
        status,
      };
    })
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.fund.localeCompare(b.fund));
  return {
    pilotId: id,
    startDate: t.startDate,
    operatingYears: t.operatingYears,
    asOf: today,
    inhabitants: inhabitantsOn(today),
    entitlements,
    balances,
    years,
    schedule,
    totals: {
      entitledCents: balances.investment.entitledCents + balances.operating.entitledCents,
      disbursedCents: balances.investment.disbursedCents + balances.operating.disbursedCents,
      spentCents: balances.investment.spentCents + balances.operating.spentCents,
      cofinancingCents: total((r) => r.type === 'cofinancing'),
      inKindCents: total((r) => r.type === 'in_kind'),
    },
  };
});

app.get('/api/home', async (req, reply) => {
  if (req.user.role !== 'lead') return reply.code(400).send({ code: 'lead_only_in_this_floor' });
  const today = todayInFrance();
  const m = { query: (sql, params) => pool.query(sql, params).then((r) => r.rows) };
  // The first page of 25 pilots (no filter), then the same six statements scoped to its ids, as the application.
  const pageP = leadSql.leadPilotPage(m, today, {}, 1, 25).then(async ({ ids, total }) => {
    const pilotsP = homeSql.pilotRows(m, ids);
    const activitiesP = pilotsP.then((ps) =>
      homeSql.activityPeriods(
        m,
        ps.map((x) => homeModel.currentPeriod(x, today)),
      ),
    );
    const [pilotRows, ledger, milestones, waste, reports, activities] = await Promise.all([
      pilotsP,
      homeSql.ledgerSums(m, ids),
      homeSql.milestoneRows(m, ids),
      homeSql.wasteRows(m, ids),
      homeSql.issuedReports(m, ids),
      activitiesP,
    ]);
    const rows = { pilots: pilotRows, ledger, milestones, waste, reports, activities };
    return { total, pilots: homeModel.pilotSummaries(rows, today) };
  });
  const [page, totals, { waves, inBilan }, calls, notifications] = await Promise.all([
    pageP,
    leadSql.programmeTotals(m, today),
    leadSql.wavesAndBilan(m, today, 10),
    homeSql.callRows(m, today, req.user.id),
    homeSql.notificationsOf(m, req.user.id, 10),
  ]);
  return {
    role: 'lead',
    today,
    lead: {
      pilots: page.pilots,
      page: { page: 1, pageSize: 25, total: page.total },
      totals,
      waves,
      inBilan,
      calls: calls.map((c) => {
        const { phase, deadline, daysLeft } = homeModel.callPhase(c, today);
        return {
          id: c.id,
          title: c.title,
          waveYear: c.waveYear,
          phase,
          intentionDeadline: c.intentionDeadline,
          engagementDeadline: c.engagementDeadline,
          deadline,
          daysLeft,
          candidatures: c.candidatures,
          undecided: c.undecided,
          evaluations: c.evaluations,
          evaluatedCandidatures: c.evaluatedCandidatures,
        };
      }),
    },
    notifications,
  };
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(`baseline ready on ${app.server.address().port}`);
