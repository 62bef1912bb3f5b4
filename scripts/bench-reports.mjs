// Benchmark of one yearly report: snapshot → HTML → PDF → XLSX, on the demo pilot (a realistic year and a half of
// data: ledger, 40 activities, actors and contributions, waste), then on a national-scale pilot (3 years, 15 000
// activities, 2 000 ledger entries, 60 actors, inserted in a few set-based statements) beside a bare Chromium print
// of the same HTML. Then the national report is produced as in production: requested as the API does (a row and its
// job on the queue), by a separate PROCESS_ROLE=worker process of the built application started on the same database,
// whose peak RSS (VmHWM) and Chromium's PSS are recorded.
// Runs on a fresh database of DATABASE_URL's server (default: the local PostgreSQL), then drops it.
// Usage: npm run bench:reports [-- --runs 5]
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { peakRssMb, resetPeakRss, rssMb, startWorker, stop } from './bench-lib.mjs';

const require = createRequire(import.meta.url);
const { loadConfig } = require('../dist/src/config/config.js');
const { prepareDatabase } = require('../dist/src/database/prepare-database.js');
const { createWorkerContext } = require('../dist/src/app.factory.js');
const { seedDemo } = require('../dist/src/demo/demo.seed.js');
const { ReportSnapshotService } = require('../dist/src/reports/report-snapshot.service.js');
const { renderReportHtml } = require('../dist/src/reports/report-renderer.js');
const { printReportPdf, closeReportBrowser } = require('../dist/src/reports/report-pdf.js');
const { renderReportXlsx } = require('../dist/src/reports/report-xlsx.js');
const { sha256, reportHeader } = require('../dist/src/reports/report-files.js');
const { canonicalJson } = require('../dist/src/common/canonical-json.js');
const { chromium } = require('playwright-core');
const { CHROMIUM_ARGS } = require('../dist/src/common/chromium.js');
const { addDays } = require('../dist/src/pilots/pilot-terms.js');
const { todayInFrance } = require('../dist/src/common/codes.js');

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `projetk_bench_${randomBytes(4).toString('hex')}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
let app;
let worker;
try {
  const config = {
    ...loadConfig({ ...process.env, LOG_LEVEL: 'error' }),
    databaseUrl: url.toString(),
    processRole: 'api',
    queuePrefix: `bench${randomBytes(3).toString('hex')}`,
  };
  // Migrations, the queue's schema and the application role a worker process connects as.
  await prepareDatabase(config);
  app = await createWorkerContext(config);
  await app.init();
  await seedDemo(app);
  const db = app.get(require('@nestjs/typeorm').getDataSourceToken());
  const [{ id: pilotId }] = await db.query(
    `SELECT id FROM pilots WHERE start_date IS NOT NULL ORDER BY created_at LIMIT 1`,
  );
  // Until every feature's demo seeder is wired into the demo, add the ledger and the roadmap here.
  const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE pilot_id = $1`, [
    pilotId,
  ]);
  const users = app.get(require('../dist/src/users/users.service.js').UsersService);
  const byRole = async (role) =>
    (await db.query(`SELECT id FROM users WHERE role = $1 ORDER BY created_at LIMIT 1`, [role]))[0];
  const lead = await users.get((await byRole('lead')).id);
  const leadCtx = { user: lead, requestId: 'bench', ip: null, via: 'none' };
  if (before === 0) {
    const coordinator = await users.get((await byRole('coordinator')).id);
    const reviewer = await users.get((await byRole('reviewer')).id);
    const refs = { app, lead: leadCtx, users: { lead, coordinator, reviewer, committee: [] }, pilotId };
    await require('../dist/src/funding/funding.demo.js').seedFundingDemo(refs);
    await require('../dist/src/autonomy/autonomy.demo.js').seedAutonomyDemo(refs);
  }
  const [{ n: entries }] = await db.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE pilot_id = $1`, [
    pilotId,
  ]);
  const [{ n: activities }] = await db.query(`SELECT count(*)::int AS n FROM activities WHERE pilot_id = $1`, [
    pilotId,
  ]);
  const snapshots = app.get(ReportSnapshotService);

  const results = [];
  for (let i = 0; i < runs; i++) {
    const t = { start: performance.now() };
    const snap = await snapshots.pilotSnapshot({
      pilotId,
      year: 1,
      audience: 'ademe',
      version: 1,
      narrative: { highlights: 'Bench', difficulties: '', outlook: '' },
    });
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
  console.log(
    `Pilot data: ${entries} ledger entries, ${activities} activities; ${runs} runs (first run includes Chromium's start).`,
  );
  console.log('| stage | first run (ms) | median (ms) |');
  console.log('|---|---|---|');
  for (const [label, k] of [
    ['snapshot (gather + sha256)', 'snapshotMs'],
    ['HTML (charts + Handlebars)', 'htmlMs'],
    ['PDF (Chromium)', 'pdfMs'],
    ['XLSX (exceljs)', 'xlsxMs'],
    ['total', 'totalMs'],
  ]) {
    console.log(`| ${label} | ${f(results[0][k])} | ${f(median(k))} |`);
  }
  console.log(`Sizes: HTML ${f(median('htmlKb'))} KB, PDF ${f(median('pdfKb'))} KB, XLSX ${f(median('xlsxKb'))} KB.`);
  console.log(
    `Peak RSS of the Node process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (Chromium runs in its own processes).`,
  );

  // ---- national scale: one pilot, 3 years, 15 000 activities, 2 000 ledger entries, 60 actors ----
  const national = await seedNationalPilot(app, db, leadCtx);
  const year = 2;
  const bare = await chromium.launch({ executablePath: config.chromiumPath, args: CHROMIUM_ARGS, headless: true });
  const bareWarm = await (await bare.newContext({ javaScriptEnabled: false, offline: true })).newPage();
  const rows = [];
  const sampler = sampleMemory(process.pid);
  let memory;
  try {
    for (let i = 0; i < runs; i++) {
      // The worker's stages, in the worker's order (see renderReportFiles): snapshot → HTML → the print sent to the
      // warm Chromium, the XLSX written while Chromium prints; each stage timed on its own.
      const t = { start: performance.now() };
      const snap = await snapshots.pilotSnapshot({
        pilotId: national.pilotId,
        year,
        audience: 'ademe',
        version: 1,
        narrative: { highlights: 'Bench', difficulties: '', outlook: '' },
      });
      const text = canonicalJson(snap);
      const digest = sha256(text);
      t.snapshot = performance.now();
      const parsed = JSON.parse(text);
      const html = renderReportHtml(parsed, digest);
      t.html = performance.now();
      const pdfP = printReportPdf(html, {
        chromiumPath: config.chromiumPath,
        header: reportHeader(parsed),
        date: parsed.asOf,
      }).then((b) => ((t.pdf = performance.now()), b));
      const xlsxP = renderReportXlsx(parsed).then((b) => ((t.xlsx = performance.now()), b));
      const pdf = await pdfP;
      const xlsx = await xlsxP;
      t.end = performance.now();
      // The same HTML printed by a bare Chromium: a fresh context and page, the content, pdf({ format: 'A4' }), the
      // close (no header, no tags, no date rewrite); then the same on a page kept open between runs.
      const b0 = performance.now();
      const context = await bare.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.pdf({ format: 'A4' });
      await context.close();
      const b1 = performance.now();
      await bareWarm.setContent(html, { waitUntil: 'load' });
      await bareWarm.pdf({ format: 'A4' });
      const b2 = performance.now();
      rows.push({
        snapshotMs: t.snapshot - t.start,
        htmlMs: t.html - t.snapshot,
        pdfMs: t.pdf - t.html,
        xlsxMs: t.xlsx - t.html,
        totalMs: t.end - t.start,
        bareMs: b1 - b0,
        bareWarmMs: b2 - b1,
        htmlKb: Buffer.byteLength(html) / 1024,
        pdfKb: pdf.length / 1024,
        xlsxKb: xlsx.length / 1024,
        pages: pdfPageCount(pdf),
        activities: snap.sections.activities.available ? snap.sections.activities.count : 0,
        entries: snap.sections.funding.available ? snap.sections.funding.entryCount : 0,
      });
    }
  } finally {
    memory = await sampler.stop();
    await bare.close();
  }
  const med = (k) => {
    const v = rows.map((r) => r[k]).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  console.log('');
  console.log(
    `National scale: ${national.activities} activities, ${national.entries} ledger entries, ${national.actors} actors over 3 years (inserted in ${f(national.seedMs)} ms); report of year ${year}: ${rows[0].activities} activities, ${rows[0].entries} ledger entries; ${runs} runs; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min) at the end.`,
  );
  console.log('| stage | first run (ms) | median (ms) |');
  console.log('|---|---|---|');
  for (const [label, k] of [
    ['snapshot (gather + canonical JSON + sha256)', 'snapshotMs'],
    ['HTML (charts + Handlebars)', 'htmlMs'],
    ['PDF (warm Chromium page, header, tagged, fixed dates)', 'pdfMs'],
    ['XLSX (exceljs streaming, re-dated zip; overlaps the PDF)', 'xlsxMs'],
    ['whole report (snapshot + HTML + max(PDF, XLSX))', 'totalMs'],
    ['bare Chromium print, fresh context (as the issue defines it)', 'bareMs'],
    ['bare Chromium print, page kept open', 'bareWarmMs'],
  ]) {
    console.log(`| ${label} | ${f(rows[0][k])} | ${f(med(k))} |`);
  }
  console.log(
    `Whole report / bare print (medians): ${(med('totalMs') / med('bareMs')).toFixed(2)}× (fresh context), ${(med('totalMs') / med('bareWarmMs')).toFixed(2)}× (page kept open). Sizes: HTML ${f(med('htmlKb'))} KB, PDF ${f(med('pdfKb'))} KB (${rows[0].pages} pages), XLSX ${f(med('xlsxKb'))} KB.`,
  );
  console.log(
    `Peak memory during the national runs: Node process RSS ${f(memory.nodeMb)} MB; the report's Chromium (browser, renderer, GPU and utility processes, proportional set size) ${f(memory.chromiumMb)} MB; together ${f(memory.totalMb)} MB. Peak RSS of the Node process over the whole run (seeding included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB.`,
  );

  // ---- the national report produced by a worker process of its own, as in a split deployment ----
  await closeReportBrowser(); // this process's Chromium gone, the machine holds only the worker's
  worker = await startWorker(
    { url: url.toString(), queuePrefix: config.queuePrefix, dataDir: os.tmpdir() },
    { CHROMIUM_PATH: config.chromiumPath },
  );
  // This process seeded the demo as an API process does: its two reports were queued for the worker, which takes
  // them first. The national report is measured after them, the worker's peak reset.
  const d0 = performance.now();
  for (;;) {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM reports WHERE issued_at IS NOT NULL`);
    if (n >= 2) break;
    if (performance.now() - d0 > 600_000)
      throw new Error(`the demo's reports are not issued:\n${worker.out.slice(-2000)}`);
    await new Promise((r) => globalThis.setTimeout(r, 200));
  }
  const peakReset = resetPeakRss(worker.child.pid);
  const restMb = rssMb(worker.child.pid);
  const workerSampler = sampleMemory(worker.child.pid);
  const { ReportsService } = require('../dist/src/reports/reports.service.js');
  // What POST /api/pilots/:id/reports does: the next version's row, its job on the queue (this process runs no worker).
  const requested = await app.get(ReportsService).createForPilot(leadCtx, national.pilotId, {
    year,
    audience: 'coopter',
    narrative: { highlights: 'Bench', difficulties: '', outlook: '' },
  });
  const w0 = performance.now();
  let status = requested.status;
  while (status === 'queued' || status === 'running') {
    if (performance.now() - w0 > 600_000) throw new Error(`the worker's report is still ${status} after 10 minutes`);
    if (worker.child.exitCode !== null) throw new Error(`the worker exited:\n${worker.out.slice(-2000)}`);
    await new Promise((r) => globalThis.setTimeout(r, 200));
    [{ status }] = await db.query(`SELECT status FROM reports WHERE id = $1`, [requested.id]);
  }
  const workerMs = performance.now() - w0;
  const workerMemory = await workerSampler.stop();
  if (status !== 'done') throw new Error(`the worker's report is ${status}:\n${worker.out.slice(-2000)}`);
  console.log(
    `National report produced by a separate worker process (PROCESS_ROLE=worker, requested as the API does, from the queue to done in ${f(workerMs)} ms): worker RSS ${restMb} MB before the report (after the demo's two), peak (VmHWM${peakReset ? '' : ' since its start'}) ${peakRssMb(worker.child.pid)} MB; its Chromium's peak PSS ${f(workerMemory.chromiumMb)} MB; together ${f(workerMemory.totalMb)} MB (sampled every 0.5 s).`,
  );
} finally {
  await stop(worker).catch(() => undefined);
  await closeReportBrowser().catch(() => undefined);
  await app?.close().catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

/** Pages of a PDF, counted from its page objects (no PDF library loaded into the measured process). */
function pdfPageCount(bytes) {
  return (bytes.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/**
 * Samples memory every 500 ms in a worker thread (so the sampling never holds up the measured event loop): this
 * process's RSS (this bench's or a worker's), and the proportional set size (PSS: shared pages split between the
 * processes that share them) of the Chromium that prints the reports — the first browser that process started, the
 * bare one excluded.
 */
function sampleMemory(pid) {
  const worker = new Worker(`(${memorySampler.toString()})()`, { eval: true, workerData: { pid } });
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('message', (peak) => void worker.terminate().then(() => resolve(peak)));
        worker.postMessage('stop');
      }),
  };
}

/** Runs in the sampling thread (CommonJS, serialised with toString). */
function memorySampler() {
  const { parentPort, workerData } = require('node:worker_threads');
  const { readFileSync, readdirSync } = require('node:fs');
  const read = (f) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  };
  const mb = (text, key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) / 1024;
  const children = (pid) => {
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      return [];
    }
    return tasks.flatMap((t) => read(`/proc/${pid}/task/${t}/children`).split(' ').filter(Boolean).map(Number));
  };
  const peak = { nodeMb: 0, chromiumMb: 0, totalMb: 0 };
  let root = null;
  const tick = () => {
    const node = mb(read(`/proc/${workerData.pid}/status`), 'VmRSS');
    root ??= children(workerData.pid).sort((a, b) => a - b)[0] ?? null;
    let chromium = 0;
    const walk = (pid) => {
      chromium += mb(read(`/proc/${pid}/smaps_rollup`), 'Pss');
      children(pid).forEach(walk);
    };
    if (root) walk(root);
    peak.nodeMb = Math.max(peak.nodeMb, node);
    peak.chromiumMb = Math.max(peak.chromiumMb, chromium);
    peak.totalMb = Math.max(peak.totalMb, node + chromium);
  };
  const timer = globalThis.setInterval(tick, 500);
  parentPort.on('message', () => {
    globalThis.clearInterval(timer);
    tick();
    parentPort.postMessage(peak);
  });
}

/** A pilot at national scale, written with a few set-based INSERTs (the services would take minutes for this). */
async function seedNationalPilot(app, db, ctx) {
  const t0 = performance.now();
  const { PilotsService } = require('../dist/src/pilots/pilots.service.js');
  const start = addDays(todayInFrance(), -(3 * 365 + 40));
  const pilot = await app.get(PilotsService).create(ctx, {
    name: 'Communauté de communes des Coteaux de l’Entre-deux-Mers — échelle nationale',
    communes: [{ name: 'Créon', inseeCode: '33140' }],
    inhabitants: 60000,
    startDate: start,
    status: 'running',
    waveYear: 2023,
    policies: ['waste_reduction', 'education'],
  });
  const id = pilot.id;
  await db.query(
    `INSERT INTO actors (pilot_id, name, type)
     SELECT $1, 'Association intercommunale du réemploi n° ' || g, (ARRAY['public', 'private', 'associative', 'citizen'])[1 + g % 4]
       FROM generate_series(1, 60) g`,
    [id],
  );
  await db.query(
    `INSERT INTO activities (pilot_id, date, title, type, policies, participants, volunteers, volunteer_hours, participation_level, diverted_reuse_kg, diverted_repair_kg)
     SELECT $1, $2::date + (g % 1095), 'Atelier de réparation et de réemploi des Coteaux de l’Entre-deux-Mers n° ' || g,
            (ARRAY['workshop', 'event', 'repair_cafe', 'collection', 'training'])[1 + g % 5],
            CASE WHEN g % 3 = 0 THEN ARRAY['waste_reduction', 'education'] ELSE ARRAY['waste_reduction'] END,
            5 + g % 60, g % 8, (g % 30) / 2.0, 'concertation', g % 40, g % 15
       FROM generate_series(1, 15000) g`,
    [id, start],
  );
  await db.query(
    `INSERT INTO contributions (pilot_id, actor_id, kind, description, value_cents, hours, year)
     SELECT $1, a.id, (ARRAY['skills', 'land', 'people', 'equipment', 'money'])[1 + g % 5], 'Contribution au programme n° ' || g,
            CASE WHEN g % 2 = 0 THEN 10000 + g * 37 END, CASE WHEN g % 2 = 1 THEN 4 + g % 20 END, 1 + g % 3
       FROM generate_series(1, 600) g
       JOIN LATERAL (SELECT id FROM actors WHERE pilot_id = $1 ORDER BY name OFFSET (g % 60) LIMIT 1) a ON true`,
    [id],
  );
  // 2 000 entries over the 3 years: operating disbursements, expenses, co-financing and in-kind contributions.
  await db.query(
    `INSERT INTO ledger_entries (pilot_id, type, fund, year, amount_cents, entry_date, reference, category, supplier, source, source_kind)
     SELECT $1, k.type, k.fund, y, k.amount, $2::date + (y - 1) * 365 + (g % 360), 'PIECE-' || y || '-' || g,
            k.category, k.supplier, k.source, k.source_kind
       FROM generate_series(1, 2000) g
       CROSS JOIN LATERAL (SELECT 1 + g % 3 AS y) yy
       CROSS JOIN LATERAL (
         SELECT * FROM (VALUES
           (0, 'disbursement', 'operating', 150000 + g, NULL, NULL, NULL, NULL),
           (1, 'expense', 'operating', 90000 + g * 3, 'services', 'Prestataire n° ' || (g % 40), NULL, NULL),
           (2, 'cofinancing', NULL, 60000 + g * 5, NULL, NULL, 'Commune partenaire n° ' || (g % 25), 'commune'),
           (3, 'in_kind', NULL, 20000 + g, NULL, NULL, 'Association n° ' || (g % 30), 'other')
         ) v(n, type, fund, amount, category, supplier, source, source_kind) WHERE v.n = g % 4
       ) k`,
    [id, start],
  );
  const [{ a }] = await db.query(`SELECT count(*)::int AS a FROM activities WHERE pilot_id = $1`, [id]);
  const [{ e }] = await db.query(`SELECT count(*)::int AS e FROM ledger_entries WHERE pilot_id = $1`, [id]);
  const [{ c }] = await db.query(`SELECT count(*)::int AS c FROM actors WHERE pilot_id = $1`, [id]);
  return { pilotId: id, activities: a, entries: e, actors: c, seedMs: performance.now() - t0 };
}
