/* global fetch, setTimeout, Buffer */
// Throughput of the application's main read endpoints side by side with a floor measured in the same run: a
// minimal Fastify + `pg` server (scripts/bench-api-baseline.mjs) answering the identical JSON from the same
// database. Both run as their own processes on a fresh database of DATABASE_URL's server (default: the local
// PostgreSQL) holding the demo plus a pilot grown to --activities activities; the database is dropped afterwards.
// Before measuring, every endpoint's JSON is compared between the two servers: the bench stops on a difference.
// Each endpoint is then loaded with autocannon at 1 and 50 connections, the two servers interleaved, --rounds times;
// the medians and the ratio (application ÷ floor) are printed, with the API process's peak RSS.
// Usage: npm run bench:api [-- --activities 5000 --duration 5 --rounds 3 --only overview,search]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { URL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

pg.types.setTypeParser(1082, (v) => v); // dates stay YYYY-MM-DD, as the application reads them

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ACTIVITIES = Number(arg('activities', 5000));
const DURATION = Number(arg('duration', 5));
const ROUNDS = Number(arg('rounds', 3));
const ONLY = arg('only', '')?.split(',').filter(Boolean) ?? [];
const LOADS = [1, 50];
const root = resolve(import.meta.dirname, '..');

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `projetk_benchapi_${randomBytes(4).toString('hex')}`;
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${name}`;
const dataDir = mkdtempSync(join(tmpdir(), 'projetk-bench-api-'));

const freePort = () =>
  new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });

function start(label, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.on('exit', (code) => {
    if (code && !stopping) console.error(`${label} exited ${code}:\n${out.slice(-2000)}`);
  });
  return { child, output: () => out };
}

async function waitFor(url, timeoutMs, proc) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer in ${timeoutMs / 1000} s:\n${proc.output().slice(-2000)}`);
}

/** Peak resident memory (VmHWM) of a process, in MB. */
const peakRssMb = (pid) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : null;
};

let stopping = false;
let app;
let baseline;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
try {
  const appPort = await freePort();
  const basePort = await freePort();
  console.log(`Starting the application on a fresh database with the demo (${name})…`);
  app = start('application', ['dist/src/main.js'], {
    DATABASE_URL: dbUrl.toString(),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    QUEUE_PREFIX: `benchapi${randomBytes(3).toString('hex')}`,
    PORT: String(appPort),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  });
  const appBase = `http://127.0.0.1:${appPort}`;
  await waitFor(`${appBase}/api/health`, 180_000, app);

  // Grow the demo's running pilot to ACTIVITIES activities, spread over its life, each with the actors of the
  // demo activity it copies: one set-based statement per table, as bench:reports does.
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  await db.connect();
  const [pilot] = (
    await db.query(
      `SELECT id, start_date AS "startDate", to_char(created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS created
         FROM pilots WHERE start_date IS NOT NULL ORDER BY created_at LIMIT 1`,
    )
  ).rows;
  const { rows: existing } = await db.query(`SELECT count(*)::int AS n FROM activities WHERE pilot_id = $1`, [
    pilot.id,
  ]);
  const extra = Math.max(0, ACTIVITIES - existing[0].n);
  await db.query(
    `CREATE TEMP TABLE bench_gen AS
       WITH src AS (SELECT id, row_number() OVER (ORDER BY id) AS k, count(*) OVER () AS n FROM activities WHERE pilot_id = $1)
     SELECT gen_random_uuid() AS id, g, src.id AS src_id FROM generate_series(1, $2::int) g JOIN src ON src.k = 1 + (g % src.n)`,
    [pilot.id, extra],
  );
  await db.query(
    `INSERT INTO activities (id, pilot_id, date, title, type, policies, participants, volunteers, volunteer_hours,
                             participation_level, diverted_reuse_kg, diverted_repair_kg, diverted_compost_kg,
                             diverted_recycling_kg, diverted_other_kg, notes, created_by)
     SELECT b.id, a.pilot_id, span.first + ((b.g * 7919) % (span.last - span.first + 1)), left(a.title || ' #' || b.g, 200),
            a.type, a.policies, a.participants, a.volunteers, a.volunteer_hours, a.participation_level, a.diverted_reuse_kg,
            a.diverted_repair_kg, a.diverted_compost_kg, a.diverted_recycling_kg, a.diverted_other_kg, a.notes, a.created_by
       FROM bench_gen b JOIN activities a ON a.id = b.src_id
      CROSS JOIN (SELECT min(date) AS first, (now() AT TIME ZONE 'Europe/Paris')::date AS last
                    FROM activities WHERE pilot_id = $1) span`,
    [pilot.id],
  );
  await db.query(
    `INSERT INTO activity_actors (pilot_id, activity_id, actor_id)
     SELECT $1, b.id, aa.actor_id FROM bench_gen b JOIN activity_actors aa ON aa.activity_id = b.src_id`,
    [pilot.id],
  );
  await db.query('ANALYZE');
  // A deep page: the cursor of the activity at the middle of the list, as the client would have been given it.
  const { rows: deep } = await db.query(
    `SELECT date, extract(epoch FROM created_at)::text AS k, id FROM activities WHERE pilot_id = $1
      ORDER BY date DESC, created_at DESC, id DESC OFFSET $2 LIMIT 1`,
    [pilot.id, Math.floor(ACTIVITIES / 2)],
  );
  const deepCursor = Buffer.from(JSON.stringify([deep[0].date, deep[0].k, deep[0].id])).toString('base64url');
  const { rows: counted } = await db.query(`SELECT count(*)::int AS n FROM activities WHERE pilot_id = $1`, [pilot.id]);
  await db.end();

  baseline = start('baseline', ['scripts/bench-api-baseline.mjs'], {
    DATABASE_URL: dbUrl.toString(),
    PORT: String(basePort),
  });
  const baseBase = `http://127.0.0.1:${basePort}`;
  await waitFor(`${baseBase}/api/pilots`, 30_000, baseline);

  const login = await fetch(`${appBase}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'projet-k' },
    body: JSON.stringify({ email: 'cheffe.projet@smicval.demo', password: 'Demo-Cheffe-Projet-2023' }),
  });
  // Sign-in is throttled per address and account: the bench signs in once and reuses the session.
  if (login.status !== 200) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  const p = `/api/pilots/${pilot.id}`;
  const endpoints = [
    { key: 'record', path: p },
    { key: 'overview', path: `${p}/overview` },
    { key: 'funding', path: `${p}/funding` },
    { key: 'activities', path: `${p}/activities?limit=50` },
    { key: 'activities-deep', path: `${p}/activities?limit=50&cursor=${deepCursor}` },
    { key: 'home', path: '/api/home' },
    { key: 'search', path: `/api/search?q=${encodeURIComponent('atelier')}` },
  ].filter((e) => ONLY.length === 0 || ONLY.includes(e.key));

  console.log(`Pilot ${pilot.id}: ${counted[0].n} activities. Comparing the JSON of both servers…`);
  for (const e of endpoints) {
    const get = async (base) => {
      const res = await fetch(`${base}${e.path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${e.key} on ${base}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const [a, b] = await Promise.all([get(appBase), get(baseBase)]);
    if (!isDeepStrictEqual(a, b)) throw new Error(`${e.key}: the baseline's JSON differs from the application's`);
    e.bytes = JSON.stringify(a).length;
  }

  const run = (base, path, connections) =>
    new Promise((done, fail) =>
      autocannon(
        { url: `${base}${path}`, connections, duration: DURATION, headers: { cookie }, pipelining: 1 },
        (err, r) => (err ? fail(err) : done(r)),
      ),
    );
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results = [];
  for (const e of endpoints) {
    // Warm both (JIT, caches, connection pools) before measuring.
    await run(appBase, e.path, 10);
    await run(baseBase, e.path, 10);
    for (const connections of LOADS) {
      const samples = { app: [], base: [] };
      for (let round = 0; round < ROUNDS; round++) {
        // Interleaved, the order alternating, so drift on a shared machine falls on both sides.
        const order = round % 2 === 0 ? ['app', 'base'] : ['base', 'app'];
        for (const side of order) {
          const r = await run(side === 'app' ? appBase : baseBase, e.path, connections);
          if (r.non2xx || r.errors) throw new Error(`${e.key} on ${side}: ${r.non2xx} non-2xx, ${r.errors} errors`);
          samples[side].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 });
        }
      }
      const pick = (side, k) => median(samples[side].map((s) => s[k]));
      const row = {
        endpoint: e.key,
        connections,
        appRps: Math.round(pick('app', 'rps')),
        baseRps: Math.round(pick('base', 'rps')),
        ratio: Math.round((pick('app', 'rps') / pick('base', 'rps')) * 100) / 100,
        appP50: pick('app', 'p50'),
        appP99: pick('app', 'p99'),
        baseP50: pick('base', 'p50'),
        baseP99: pick('base', 'p99'),
        kB: Math.round(e.bytes / 102.4) / 10,
      };
      results.push(row);
      console.log(
        `${row.endpoint.padEnd(16)} c=${String(connections).padEnd(3)} app ${String(row.appRps).padStart(5)} req/s ` +
          `(p50 ${row.appP50} ms, p99 ${row.appP99} ms)  floor ${String(row.baseRps).padStart(5)} req/s ` +
          `(p50 ${row.baseP50} ms, p99 ${row.baseP99} ms)  ratio ${row.ratio.toFixed(2)}`,
      );
    }
  }
  console.log(
    `\nPeak RSS: application ${peakRssMb(app.child.pid)} MB, floor ${peakRssMb(baseline.child.pid)} MB ` +
      `(${ACTIVITIES} activities, ${DURATION} s × ${ROUNDS} rounds per load).`,
  );
  console.log('\n| endpoint | connections | application req/s | floor req/s | ratio | p50 / p99 ms (app) | JSON kB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.endpoint} | ${r.connections} | ${r.appRps} | ${r.baseRps} | ${r.ratio.toFixed(2)} | ${r.appP50} / ${r.appP99} | ${r.kB} |`,
    );
} finally {
  stopping = true;
  for (const proc of [baseline, app]) {
    if (!proc) continue;
    proc.child.kill('SIGTERM');
    await new Promise((r) => (proc.child.exitCode === null ? proc.child.once('exit', r) : r()));
  }
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
