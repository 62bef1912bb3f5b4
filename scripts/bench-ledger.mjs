/* global fetch, URL, performance */
// Benchmark of the funding ledger's write path: POST /api/pilots/:id/ledger (disbursements, each with its own
// Idempotency-Key) through HTTP against a local app on a fresh database of DATABASE_URL's server (default: the
// local PostgreSQL), dropped afterwards. Every write of one pilot takes that pilot's row lock, so one pilot is
// the worst case; several pilots show that the lock is per pilot.
// Usage: npm run bench:ledger [-- --requests 1000 --concurrency 50]
import { createRequire } from 'node:module';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { loadConfig } = require('../dist/src/config/config.js');
const { runMigrations } = require('../dist/src/database/data-source.js');
const { migrateQueueSchema } = require('../dist/src/queues/queue-backend.js');
const { createHttpApp } = require('../dist/src/app.factory.js');
const { UsersService } = require('../dist/src/users/users.service.js');
const { SYSTEM_CONTEXT } = require('../dist/src/auth/auth.types.js');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REQUESTS = arg('requests', 1000);
const CONCURRENCY = arg('concurrency', 50);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `projetk_bench_${randomBytes(4).toString('hex')}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
let app;
try {
  await runMigrations(url.toString());
  const config = {
    ...loadConfig({ ...process.env, LOG_LEVEL: 'error' }),
    databaseUrl: url.toString(),
    processRole: 'api',
    host: '127.0.0.1',
    port: 0,
    queuePrefix: `bench${randomBytes(3).toString('hex')}`,
    seedDemo: false,
  };
  await migrateQueueSchema(config);
  app = await createHttpApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const password = 'Bench-Grand-Livre-2026-!';
  await app
    .get(UsersService)
    .create(SYSTEM_CONTEXT, { email: 'bench.lead@example.org', name: 'Bench', role: 'lead', password });
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'projet-k' },
    body: JSON.stringify({ email: 'bench.lead@example.org', password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { 'content-type': 'application/json', 'x-requested-with': 'projet-k', cookie };

  const createPilot = async (inhabitants) => {
    const res = await fetch(`${base}/api/pilots`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: `Bench ${randomUUID().slice(0, 6)}`,
        communes: [{ name: 'Bench' }],
        inhabitants,
        startDate: '2024-01-15',
      }),
    });
    if (res.status !== 201) throw new Error(`pilot: ${res.status} ${await res.text()}`);
    return (await res.json()).id;
  };
  const disburse = async (pilotId, amountCents) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/pilots/${pilotId}/ledger`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        type: 'disbursement',
        fund: 'operating',
        year: 1,
        amountCents,
        date: '2024-02-01',
        reference: 'BENCH',
      }),
    });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t0 };
  };
  /** Runs `jobs` with at most `concurrency` in flight; returns the results and the wall time. */
  const run = async (jobs, concurrency) => {
    const results = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          results.push(await job());
        }
      }),
    );
    return { results, wallMs: performance.now() - t0 };
  };
  const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const summarise = (label, { results, wallMs }, concurrency) => {
    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    const count = (s) => results.filter((r) => r.status === s).length;
    return {
      scenario: label,
      requests: results.length,
      concurrency,
      'req/s': Math.round((results.length / wallMs) * 1000),
      'p50 ms': pct(ms, 50).toFixed(1),
      'p95 ms': pct(ms, 95).toFixed(1),
      'p99 ms': pct(ms, 99).toFixed(1),
      201: count(201),
      409: count(409),
      '5xx': results.filter((r) => r.status >= 500).length,
    };
  };

  // Warm-up (JIT, connection pool, prepared plans).
  const warm = await createPilot(1_000_000);
  await run(
    Array.from({ length: 50 }, () => () => disburse(warm, 100)),
    10,
  );

  const rows = [];
  const one = await createPilot(1_000_000); // 20 M€ of operating year 1: no refusal, pure write path
  rows.push(
    summarise(
      'one pilot, under the cap',
      await run(
        Array.from({ length: REQUESTS }, () => () => disburse(one, 100)),
        CONCURRENCY,
      ),
      CONCURRENCY,
    ),
  );

  const pilots = await Promise.all(Array.from({ length: 10 }, () => createPilot(1_000_000)));
  rows.push(
    summarise(
      '10 pilots, under the cap',
      await run(
        Array.from({ length: REQUESTS }, (_, i) => () => disburse(pilots[i % 10], 100)),
        CONCURRENCY,
      ),
      CONCURRENCY,
    ),
  );

  const capped = await createPilot(1500); // 30 000 € of operating year 1; the requests ask for twice that
  const per = Math.floor((2 * 30_000_00) / REQUESTS);
  const cap = await run(
    Array.from({ length: REQUESTS }, () => () => disburse(capped, per)),
    CONCURRENCY,
  );
  rows.push(summarise('one pilot, 2× the entitlement', cap, CONCURRENCY));
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const [{ sum }] = (
    await db.query(`SELECT COALESCE(SUM(amount_cents), 0)::bigint AS sum FROM ledger_entries WHERE pilot_id = $1`, [
      capped,
    ])
  ).rows;
  await db.end();

  console.table(rows);
  console.log(
    `Capped pilot: committed ${Number(sum)} cents of an entitlement of ${30_000_00} (${Number(sum) <= 30_000_00 ? 'never above' : 'ABOVE!'})`,
  );
  console.log('\nMarkdown:\n');
  const cols = Object.keys(rows[0]);
  console.log(`| ${cols.join(' | ')} |\n|${cols.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${cols.map((c) => r[c]).join(' | ')} |`);
} finally {
  await app?.close().catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
