// How the read endpoints' latency grows with the volume of the programme: the demo's running pilot is grown to
// --per-pilot activities, then copied with everything it owns (actors, ledger, milestones, waste…) until the
// database holds each size of --sizes activities (10 000 → 10 pilots, 1 000 000 → 1 000 pilots at 1 000 per pilot).
// For each size, on a fresh database of DATABASE_URL's server (default: the local PostgreSQL), the application runs
// as its own process and each endpoint is measured alone (1 connection: p50 and p99 latency) and under load
// (10 connections: req/s), then the plans of the search's statements (as the application sends them) and of
// the other statements that scan the most are printed with
// EXPLAIN (ANALYZE, BUFFERS). Goal: latency at the largest size ≤ 2× latency at the smallest.
// Each copied pilot holds its activities on the pilot's dates in its own order; `--same-dates` makes every copy
// repeat the pilot's own calendar instead (the search's worst case: the newest activities are all alike).
// Usage: npm run bench:growth [-- --sizes 10000,1000000 --per-pilot 1000 --duration 5 --same-dates]
import pg from 'pg';
import { likePattern, searchActivities, searchPilots } from '../dist/src/home/home-search.queries.js';
import {
  activitiesCursorAt,
  arg,
  benchDatabase,
  clonePilot,
  demoPilot,
  growActivities,
  load,
  signIn,
  startApp,
  stop,
} from './bench-lib.mjs';

const SIZES = arg('sizes', '10000,1000000').split(',').map(Number);
const PER_PILOT = Number(arg('per-pilot', 1000));
const DURATION = Number(arg('duration', 5));
const SEARCH = 'atelier compost';
const SAME_DATES = process.argv.includes('--same-dates');
// A phrase no title holds, made of common words: every step of the search runs and finds nothing.
const NONE = 'compost au bulletin';

const PLANS = [
  {
    label: 'overview: figures of one pilot over its life',
    sql: `SELECT count(*), sum(participants) FROM activities WHERE pilot_id = $1 AND date BETWEEN $2 AND $3`,
    params: (pilotId) => [pilotId, '2000-01-01', '2100-01-01'],
  },
  {
    label: 'activities: a deep page (keyset)',
    sql: `SELECT id FROM activities WHERE pilot_id = $1
           AND (date, extract(epoch FROM created_at), id) < ('2026-01-01'::date, 0::numeric, '00000000-0000-0000-0000-000000000000'::uuid)
           ORDER BY date DESC, created_at DESC, id DESC LIMIT 51`,
    params: (pilotId) => [pilotId],
  },
];

const results = [];
for (const size of SIZES) {
  const db = await benchDatabase('projetk_benchgrowth');
  let app;
  try {
    const pilots = Math.max(1, Math.round(size / PER_PILOT));
    console.log(`\n— ${size} activities (${pilots} pilots × ${PER_PILOT}) on ${db.name}`);
    app = await startApp(db);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const pilotId = await demoPilot(client);
    const t0 = Date.now();
    await growActivities(client, pilotId, PER_PILOT);
    await clonePilot(client, pilotId, pilots - 1, { sameDates: SAME_DATES });
    await client.query('VACUUM ANALYZE');
    const { rows: counts } = await client.query(
      `SELECT (SELECT count(*)::int FROM activities) AS activities, (SELECT count(*)::int FROM pilots) AS pilots,
              (SELECT count(*)::int FROM ledger_entries) AS ledger, (SELECT count(*)::int FROM actors) AS actors`,
    );
    console.log(
      `generated in ${Math.round((Date.now() - t0) / 1000)} s: ${counts[0].activities} activities, ` +
        `${counts[0].pilots} pilots, ${counts[0].ledger} ledger entries, ${counts[0].actors} actors`,
    );
    const deepCursor = await activitiesCursorAt(client, pilotId, Math.floor(PER_PILOT / 2));
    // A selective search too: the title of one generated activity, found among all of them.
    const { rows: rare } = await client.query(
      `SELECT title FROM activities WHERE pilot_id = $1 AND title LIKE '% #%' ORDER BY title LIMIT 1`,
      [pilotId],
    );
    const cookie = await signIn(app.base);
    const p = `/api/pilots/${pilotId}`;
    const endpoints = [
      ['record', p],
      ['overview', `${p}/overview`],
      ['funding', `${p}/funding`],
      ['activities', `${p}/activities?limit=50`],
      ['activities-deep', `${p}/activities?limit=50&cursor=${deepCursor}`],
      ['home', '/api/home'],
      ['search', `/api/search?q=${encodeURIComponent(SEARCH)}`],
      ['search-rare', `/api/search?q=${encodeURIComponent(rare[0]?.title ?? SEARCH)}`],
      ['search-none', `/api/search?q=${encodeURIComponent(NONE)}`],
    ];
    for (const [key, path] of endpoints) {
      await load(`${app.base}${path}`, 4, 2, cookie); // warm-up
      const alone = await load(`${app.base}${path}`, 1, DURATION, cookie);
      const loaded = await load(`${app.base}${path}`, 10, DURATION, cookie);
      if (alone.non2xx || loaded.non2xx) throw new Error(`${key}: non-2xx answers`);
      const row = {
        size,
        key,
        p50: alone.latency.p50,
        p99: alone.latency.p99,
        rps: Math.round(loaded.requests.average),
      };
      results.push(row);
      console.log(`${key.padEnd(16)} p50 ${row.p50} ms, p99 ${row.p99} ms alone; ${row.rps} req/s at 10 connections`);
    }
    // The search's statements as the application runs them for the lead (every pilot in scope): each statement it
    // sends is run again under EXPLAIN (ANALYZE, BUFFERS).
    for (const q of [SEARCH, rare[0]?.title ?? SEARCH, NONE]) {
      const sent = [];
      const m = { query: async (sql, params) => (sent.push([sql, params]), (await client.query(sql, params)).rows) };
      await searchActivities(m, null, likePattern(q), 10);
      await searchPilots(m, null, likePattern(q), 10);
      for (const [i, [sql, params]] of sent.entries()) {
        const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
        const what = i < sent.length - 1 ? `activities, statement ${i + 1} of ${sent.length - 1}` : 'pilots';
        console.log(`\nPlan — search « ${q} », ${what}:\n${rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
      }
    }
    for (const plan of PLANS) {
      const params = typeof plan.params === 'function' ? plan.params(pilotId) : plan.params;
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${plan.sql}`, params);
      console.log(`\nPlan — ${plan.label}:\n${rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
    }
    await client.end();
  } finally {
    await stop(app);
    await db.drop();
  }
}

if (SIZES.length > 1) {
  const [small, large] = [SIZES[0], SIZES[SIZES.length - 1]];
  console.log(
    `\n| endpoint | p50 at ${small} (ms) | p50 at ${large} (ms) | growth | req/s at ${small} | req/s at ${large} |`,
  );
  console.log('|---|---|---|---|---|---|');
  for (const a of results.filter((r) => r.size === small)) {
    const b = results.find((r) => r.size === large && r.key === a.key);
    const growth = Math.round((b.p50 / Math.max(a.p50, 1)) * 100) / 100;
    console.log(`| ${a.key} | ${a.p50} | ${b.p50} | ${growth.toFixed(2)}× | ${a.rps} | ${b.rps} |`);
  }
}
