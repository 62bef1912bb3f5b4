// Benchmark of one yearly report: snapshot → HTML → PDF → XLSX, on the demo pilot (a realistic year and a half of
// data: ledger, 40 activities, actors and contributions, waste). Runs on a fresh database of DATABASE_URL's
// server (default: the local PostgreSQL), then drops it. Usage: npm run bench:reports [-- --runs 5]
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';

const require = createRequire(import.meta.url);
const { loadConfig } = require('../dist/src/config/config.js');
const { runMigrations } = require('../dist/src/database/data-source.js');
const { migrateQueueSchema } = require('../dist/src/queues/queue-backend.js');
const { createWorkerContext } = require('../dist/src/app.factory.js');
const { seedDemo } = require('../dist/src/demo/demo.seed.js');
const { ReportSnapshotService } = require('../dist/src/reports/report-snapshot.service.js');
const { renderReportHtml } = require('../dist/src/reports/report-renderer.js');
const { printReportPdf, closeReportBrowser } = require('../dist/src/reports/report-pdf.js');
const { renderReportXlsx } = require('../dist/src/reports/report-xlsx.js');
const { canonicalJson, sha256 } = require('../dist/src/reports/reports.service.js');

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
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
  const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'error' }), databaseUrl: url.toString(), processRole: 'api', queuePrefix: `bench${randomBytes(3).toString('hex')}` };
  await migrateQueueSchema(config);
  app = await createWorkerContext(config);
  await app.init();
  await seedDemo(app);
  const db = app.get(require('@nestjs/typeorm').getDataSourceToken());
  const [{ id: pilotId }] = await db.query(`SELECT id FROM pilots WHERE start_date IS NOT NULL ORDER BY created_at LIMIT 1`);
  // Until every feature's demo seeder is wired into the demo, add the ledger and the roadmap here.
  const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE pilot_id = $1`, [pilotId]);
  if (before === 0) {
    const users = app.get(require('../dist/src/users/users.service.js').UsersService);
    const byRole = async (role) => (await db.query(`SELECT id FROM users WHERE role = $1 ORDER BY created_at LIMIT 1`, [role]))[0];
    const lead = await users.get((await byRole('lead')).id);
    const coordinator = await users.get((await byRole('coordinator')).id);
    const reviewer = await users.get((await byRole('reviewer')).id);
    const refs = { app, lead: { user: lead, requestId: 'bench', ip: null, via: 'none' }, users: { lead, coordinator, reviewer, committee: [] }, pilotId };
    await require('../dist/src/funding/funding.demo.js').seedFundingDemo(refs);
    await require('../dist/src/autonomy/autonomy.demo.js').seedAutonomyDemo(refs);
  }
  const [{ n: entries }] = await db.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE pilot_id = $1`, [pilotId]);
  const [{ n: activities }] = await db.query(`SELECT count(*)::int AS n FROM activities WHERE pilot_id = $1`, [pilotId]);
  const snapshots = app.get(ReportSnapshotService);

  const results = [];
  for (let i = 0; i < runs; i++) {
    const t = { start: performance.now() };
    const snap = await snapshots.pilotSnapshot({ pilotId, year: 1, audience: 'ademe', version: 1, narrative: { highlights: 'Bench', difficulties: '', outlook: '' } });
    const text = canonicalJson(snap);
    const digest = sha256(text);
    t.snapshot = performance.now();
    const html = renderReportHtml(JSON.parse(text), digest);
    t.html = performance.now();
    const pdf = await printReportPdf(html, { chromiumPath: config.chromiumPath, header: 'Benchmark' });
    t.pdf = performance.now();
    const xlsx = await renderReportXlsx(snap);
    t.xlsx = performance.now();
    results.push({
      snapshotMs: t.snapshot - t.start,
      htmlMs: t.html - t.snapshot,
      pdfMs: t.pdf - t.html,
      xlsxMs: t.xlsx - t.pdf,
      totalMs: t.xlsx - t.start,
      htmlKb: Buffer.byteLength(html) / 1024,
      pdfKb: pdf.length / 1024,
      xlsxKb: xlsx.length / 1024,
    });
  }
  const median = (k) => {
    const v = results.map((r) => r[k]).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  const f = (n) => n.toFixed(0);
  console.log(`Pilot data: ${entries} ledger entries, ${activities} activities; ${runs} runs (first run includes Chromium's start).`);
  console.log('| stage | first run (ms) | median (ms) |');
  console.log('|---|---|---|');
  for (const [label, k] of [['snapshot (gather + sha256)', 'snapshotMs'], ['HTML (charts + Handlebars)', 'htmlMs'], ['PDF (Chromium)', 'pdfMs'], ['XLSX (exceljs)', 'xlsxMs'], ['total', 'totalMs']]) {
    console.log(`| ${label} | ${f(results[0][k])} | ${f(median(k))} |`);
  }
  console.log(`Sizes: HTML ${f(median('htmlKb'))} KB, PDF ${f(median('pdfKb'))} KB, XLSX ${f(median('xlsxKb'))} KB.`);
  console.log(`Peak RSS of the Node process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (Chromium runs in its own processes).`);
} finally {
  await closeReportBrowser().catch(() => undefined);
  await app?.close().catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
