/* global fetch */
// Throughput of the application's main read endpoints side by side with a floor measured in the same run: a
// minimal Fastify + `pg` server (scripts/bench-api-baseline.mjs) answering the identical JSON from the same
// database. Both run as their own processes on a fresh database of DATABASE_URL's server (default: the local
// PostgreSQL) holding the demo plus a pilot grown to --activities activities; the database is dropped afterwards.
// Before measuring, every endpoint's JSON is compared between the two servers: the bench stops on a difference.
// Each endpoint is then loaded with autocannon at 1 and 50 connections, the two servers interleaved, --rounds times;
// the medians and the ratio (application ÷ floor) are printed. The application runs as a split deployment does: the
// database is migrated and seeded by one start of role `all`, stopped, then measured as a PROCESS_ROLE=api process
// with a PROCESS_ROLE=worker process beside it; the API process's RSS is printed at rest and its peak (VmHWM, reset
// before each load) under 1 and under 50 connections, next to the floor's.
// Usage: npm run bench:api [-- --activities 5000 --duration 5 --rounds 3 --only overview,search]
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import {
  activitiesCursorAt,
  arg,
  benchDatabase,
  demoPilot,
  freePort,
  growActivities,
  load,
  median,
  peakRssMb,
  resetPeakRss,
  rssMb,
  seedApp,
  signIn,
  start,
  startApp,
  startWorker,
  stop,
  waitFor,
} from './bench-lib.mjs';

const ACTIVITIES = Number(arg('activities', 5000));
const DURATION = Number(arg('duration', 5));
const ROUNDS = Number(arg('rounds', 3));
const ONLY = arg('only', '')?.split(',').filter(Boolean) ?? [];
const LOADS = [1, 50];

const db = await benchDatabase('projetk_benchapi');
let app;
let worker;
let baseline;
try {
  console.log(`Seeding a fresh database with the demo (${db.name}), then starting the API and worker processes…`);
  await seedApp(db);
  app = await startApp(db, { role: 'api' });
  worker = await startWorker(db);
  const appBase = app.base;
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const pilotId = await demoPilot(client);
  await growActivities(client, pilotId, ACTIVITIES);
  await client.query('ANALYZE');
  // A deep page: the cursor of the activity in the middle of the list, as the client would have been given it.
  const deepCursor = await activitiesCursorAt(client, pilotId, Math.floor(ACTIVITIES / 2));
  const { rows: counted } = await client.query(`SELECT count(*)::int AS n FROM activities WHERE pilot_id = $1`, [
    pilotId,
  ]);
  await client.end();

  const basePort = await freePort();
  baseline = start('baseline', ['scripts/bench-api-baseline.mjs'], { DATABASE_URL: db.url, PORT: String(basePort) });
  const baseBase = `http://127.0.0.1:${basePort}`;
  await waitFor(`${baseBase}/api/pilots`, 30_000, baseline);
  const cookie = await signIn(appBase);
  const memory = { rest: { app: rssMb(app.child.pid), base: rssMb(baseline.child.pid) }, peak: {}, blocks: [] };
  const p = `/api/pilots/${pilotId}`;
  const endpoints = [
    { key: 'record', path: p },
    { key: 'overview', path: `${p}/overview` },
    { key: 'funding', path: `${p}/funding` },
    { key: 'activities', path: `${p}/activities?limit=50` },
    { key: 'activities-deep', path: `${p}/activities?limit=50&cursor=${deepCursor}` },
    { key: 'home', path: '/api/home' },
    { key: 'search', path: `/api/search?q=${encodeURIComponent('atelier')}` },
  ].filter((e) => ONLY.length === 0 || ONLY.includes(e.key));

  console.log(`Pilot ${pilotId}: ${counted[0].n} activities. Comparing the JSON of both servers…`);
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

  const run = (base, path, connections) => load(`${base}${path}`, connections, DURATION, cookie);
  const results = [];
  for (const e of endpoints) {
    // Warm both (JIT, caches, connection pools) before measuring.
    await run(appBase, e.path, 10);
    await run(baseBase, e.path, 10);
    for (const connections of LOADS) {
      const samples = { app: [], base: [] };
      const peakReset = resetPeakRss(app.child.pid) && resetPeakRss(baseline.child.pid);
      for (let round = 0; round < ROUNDS; round++) {
        // Interleaved, the order alternating, so drift on a shared machine falls on both sides.
        const order = round % 2 === 0 ? ['app', 'base'] : ['base', 'app'];
        for (const side of order) {
          const r = await run(side === 'app' ? appBase : baseBase, e.path, connections);
          if (r.non2xx || r.errors) throw new Error(`${e.key} on ${side}: ${r.non2xx} non-2xx, ${r.errors} errors`);
          samples[side].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 });
        }
      }
      const peak = (memory.peak[connections] ??= { app: 0, base: 0, reset: peakReset });
      const block = { key: e.key, connections, app: peakRssMb(app.child.pid), base: peakRssMb(baseline.child.pid) };
      memory.blocks.push(block);
      peak.app = Math.max(peak.app, block.app);
      peak.base = Math.max(peak.base, block.base);
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
  console.log(`\nRSS (MB), ${ACTIVITIES} activities, ${DURATION} s × ${ROUNDS} rounds per load:`);
  console.log(
    `  API process (PROCESS_ROLE=api): at rest ${memory.rest.app}, ` +
      LOADS.map((c) => `peak at ${c} connection${c > 1 ? 's' : ''} ${memory.peak[c]?.app}`).join(', '),
  );
  console.log(
    `  floor: at rest ${memory.rest.base}, ` +
      LOADS.map((c) => `peak at ${c} connection${c > 1 ? 's' : ''} ${memory.peak[c]?.base}`).join(', '),
  );
  console.log(`  worker beside it (idle): ${rssMb(worker.child.pid)} now, peak ${peakRssMb(worker.child.pid)}`);
  // A process keeps the heap it grew: a block's peak starts from what the blocks before it left resident.
  console.log(
    `  API process's peak per load, in the order run: ${memory.blocks.map((b) => `${b.key} c=${b.connections} ${b.app}`).join(', ')}`,
  );
  if (LOADS.some((c) => memory.peak[c] && !memory.peak[c].reset))
    console.log('  (VmHWM could not be reset here: each peak covers the process since its start)');
  console.log('\n| endpoint | connections | application req/s | floor req/s | ratio | p50 / p99 ms (app) | JSON kB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.endpoint} | ${r.connections} | ${r.appRps} | ${r.baseRps} | ${r.ratio.toFixed(2)} | ${r.appP50} / ${r.appP99} | ${r.kB} |`,
    );
} finally {
  await stop(baseline);
  await stop(worker);
  await stop(app);
  await db.drop();
}
