/* global fetch, setTimeout, setInterval, clearInterval, Buffer */
// What bench:api and bench:growth share: a fresh database, the application (and the floor) as their own
// processes, the demo grown to a given volume with set-based SQL that keeps every constraint of the schema.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { URL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

pg.types.setTypeParser(1082, (v) => v); // dates stay YYYY-MM-DD, as the application reads them

export const root = resolve(import.meta.dirname, '..');
export const LEAD = { email: 'cheffe.projet@smicval.demo', password: 'Demo-Cheffe-Projet-2023' };

export const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

export const freePort = () =>
  new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });

/** A node process of the project, its output kept for the error message if it fails. */
export function start(label, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  const proc = { child, stopping: false, out: '' };
  child.stdout.on('data', (d) => (proc.out += d));
  child.stderr.on('data', (d) => (proc.out += d));
  child.on('exit', (code) => {
    if (code && !proc.stopping) console.error(`${label} exited ${code}:\n${proc.out.slice(-2000)}`);
  });
  return proc;
}

export async function stop(proc) {
  if (!proc || proc.child.exitCode !== null) return;
  proc.stopping = true;
  proc.child.kill('SIGTERM');
  await new Promise((r) => proc.child.once('exit', r));
}

export async function waitFor(url, timeoutMs, proc) {
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
  throw new Error(`${url} did not answer in ${timeoutMs / 1000} s:\n${proc.out.slice(-2000)}`);
}

/** Peak resident memory (VmHWM) of a process, in MB. */
export const peakRssMb = (pid) => statusMb(pid, 'VmHWM');

/** Resident memory now (VmRSS) of a process, in MB. */
export const rssMb = (pid) => statusMb(pid, 'VmRSS');

function statusMb(pid, field) {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : null;
}

/** Resets a process's VmHWM to its current RSS (Linux clear_refs), so the next peak is that of what follows. */
export function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false; // not allowed here: the peak then covers the process's whole life
  }
}

/** A fresh database on DATABASE_URL's server (default: the local PostgreSQL) and a files folder; `drop()` removes both. */
export async function benchDatabase(prefix) {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  // Every process of the application on this database shares its queues.
  const queuePrefix = `bench${randomBytes(3).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return {
    name,
    url: url.toString(),
    queuePrefix,
    dataDir,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The application's command line as `npm start` runs it (its V8 flags included), without `node`. */
export const APP_ARGS = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  .scripts.start.split(/\s+/)
  .slice(1);

/** A process of the built application on the database, with `npm start`'s command (its V8 flags included). */
function startRole(db, role, env) {
  return start(role === 'all' ? 'application' : `${role} process`, APP_ARGS, {
    DATABASE_URL: db.url,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    QUEUE_PREFIX: db.queuePrefix,
    HOST: '127.0.0.1',
    DATA_DIR: db.dataDir,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    PROCESS_ROLE: role,
    ...env,
  });
}

/**
 * The application on the database, as `npm start` runs it; resolves once it answers. `role: 'all'` (default)
 * migrates and seeds the demo at its first start, as one process. `role: 'api'` is the HTTP process of a split
 * deployment on a database seeded beforehand (`seedApp`): it never produces a report, so its memory is that of
 * serving requests alone.
 */
export async function startApp(db, { role = 'all' } = {}) {
  const port = await freePort();
  const proc = startRole(db, role, { PORT: String(port), SEED_DEMO: role === 'all' ? 'true' : 'false' });
  proc.base = `http://127.0.0.1:${port}`;
  await waitFor(`${proc.base}/api/health`, 300_000, proc);
  return proc;
}

/** Migrates the database and seeds the demo (its reports included) with one start of role `all`, then stops it. */
export async function seedApp(db) {
  await stop(await startApp(db));
}

/** A worker process of the built application (PROCESS_ROLE=worker) on the database and its queues. */
export async function startWorker(db, env = {}) {
  const proc = startRole(db, 'worker', env);
  await new Promise((resolve, reject) => {
    const started = () => /worker started/.test(proc.out);
    const timer = setInterval(() => {
      if (started()) done(resolve);
      else if (proc.child.exitCode !== null) done(() => reject(new Error(`worker exited:\n${proc.out.slice(-2000)}`)));
    }, 100);
    const done = (f) => {
      clearInterval(timer);
      f();
    };
  });
  return proc;
}

/** The demo lead's session cookie (sign-in is throttled: a bench signs in once and reuses it). */
export async function signIn(base) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'projet-k' },
    body: JSON.stringify(LEAD),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** The demo's running pilot (the first with a convention start). */
export async function demoPilot(client) {
  const { rows } = await client.query(`SELECT id FROM pilots WHERE start_date IS NOT NULL ORDER BY created_at LIMIT 1`);
  return rows[0].id;
}

/**
 * Grows a pilot to `total` activities: copies of its own activities (with their actors), dated over its life
 * up to today and written in date order, in two set-based statements.
 */
export async function growActivities(client, pilotId, total) {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM activities WHERE pilot_id = $1`, [pilotId]);
  const extra = Math.max(0, total - rows[0].n);
  await client.query(`DROP TABLE IF EXISTS bench_gen`);
  await client.query(
    `CREATE TEMP TABLE bench_gen AS
       WITH src AS (SELECT id, row_number() OVER (ORDER BY id) AS k, count(*) OVER () AS n FROM activities WHERE pilot_id = $1)
     SELECT gen_random_uuid() AS id, g, src.id AS src_id FROM generate_series(1, $2::int) g JOIN src ON src.k = 1 + (g % src.n)`,
    [pilotId, extra],
  );
  await client.query(
    `INSERT INTO activities (id, pilot_id, date, title, type, policies, participants, volunteers, volunteer_hours,
                             participation_level, diverted_reuse_kg, diverted_repair_kg, diverted_compost_kg,
                             diverted_recycling_kg, diverted_other_kg, notes, created_by)
     SELECT b.id, a.pilot_id, span.first + ((b.g * 7919) % (span.last - span.first + 1)), left(a.title || ' #' || b.g, 200),
            a.type, a.policies, a.participants, a.volunteers, a.volunteer_hours, a.participation_level, a.diverted_reuse_kg,
            a.diverted_repair_kg, a.diverted_compost_kg, a.diverted_recycling_kg, a.diverted_other_kg, a.notes, a.created_by
       FROM bench_gen b JOIN activities a ON a.id = b.src_id
      CROSS JOIN (SELECT min(date) AS first, (now() AT TIME ZONE 'Europe/Paris')::date AS last
                    FROM activities WHERE pilot_id = $1) span
      ORDER BY 3`,
    [pilotId],
  );
  await client.query(
    `INSERT INTO activity_actors (pilot_id, activity_id, actor_id)
     SELECT $1, b.id, aa.actor_id FROM bench_gen b JOIN activity_actors aa ON aa.activity_id = b.src_id`,
    [pilotId],
  );
}

// A pilot's own rows, in the order their foreign keys need. Reports are not copied (their job ids are unique).
const PILOT_TABLES = [
  'pilots',
  'pilot_amendments',
  'actors',
  'actor_links',
  'contributions',
  'activities',
  'activity_actors',
  'ledger_entries',
  'autonomy_roadmaps',
  'milestones',
  'waste_years',
];

/**
 * Adds `copies` copies of a pilot with everything it owns (actors, activities, ledger, milestones, waste…).
 * Ids are remapped with a deterministic function of (old id, copy number), so every foreign key between copied
 * rows is remapped the same way without a mapping table; columns pointing elsewhere (users, calls) are kept.
 * Pilots do not hold the same activity on the same day: each copy's activity takes one of the pilot's activity
 * dates drawn by a hash of (activity, copy), so a copy keeps the pilot's calendar but not its order of activities.
 * With `sameDates`, every copy repeats the pilot's activities on their own dates (the programme's newest
 * activities are then one pilot's newest, repeated: the search's worst case).
 */
export async function clonePilot(client, pilotId, copies, { sameDates = false } = {}) {
  await client.query(`DROP TABLE IF EXISTS bench_dates`);
  await client.query(
    `CREATE TEMP TABLE bench_dates AS SELECT array_agg(date ORDER BY id) AS dates FROM activities WHERE pilot_id = $1`,
    [pilotId],
  );
  const { rows: fks } = await client.query(
    `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col, c.confrelid::regclass::text AS target
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
  );
  const remapped = (table, column) =>
    (column === 'id' && PILOT_TABLES.includes(table)) ||
    fks.some((f) => f.tbl === table && f.col === column && PILOT_TABLES.includes(f.target));
  for (const table of PILOT_TABLES) {
    const { rows: cols } = await client.query(
      `SELECT column_name AS name, data_type AS type, column_default AS def FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' AND is_identity = 'NO'
        ORDER BY ordinal_position`,
      [table],
    );
    const own = table === 'pilots' ? 'id' : 'pilot_id';
    const { rows: exists } = await client.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2`,
      [table, own],
    );
    if (exists.length === 0) continue;
    const copied = cols.filter((c) => !(c.def ?? '').startsWith('nextval('));
    const expr = (c) => {
      if (table === 'pilots' && c.name === 'candidature_id') return 'NULL';
      if (table === 'pilots' && c.name === 'name') return `left(t.name || ' — copie ' || n, 200)`;
      if (table === 'activities' && c.name === 'date' && !sameDates)
        return `((SELECT dates FROM bench_dates))[1 + (hashtext(t.id::text || ':' || n) & 2147483647) % (SELECT cardinality(dates) FROM bench_dates)]`;
      if (c.type === 'uuid' && remapped(table, c.name))
        return `CASE WHEN t."${c.name}" IS NULL THEN NULL ELSE md5(t."${c.name}"::text || ':' || n)::uuid END`;
      return `t."${c.name}"`;
    };
    // Activities are written in date order, as a programme records them over time.
    const order = table === 'activities' ? `ORDER BY ${expr({ name: 'date' })}` : '';
    await client.query(
      `INSERT INTO "${table}" (${copied.map((c) => `"${c.name}"`).join(', ')})
       SELECT ${copied.map(expr).join(', ')} FROM "${table}" t CROSS JOIN generate_series(1, $2::int) n
        WHERE t."${own}" = $1 ${order}`,
      [pilotId, copies],
    );
  }
}

/** autocannon against one URL for `duration` seconds. */
export const load = (url, connections, duration, cookie) =>
  new Promise((done, fail) =>
    autocannon({ url, connections, duration, headers: { cookie }, pipelining: 1 }, (err, r) =>
      err ? fail(err) : done(r),
    ),
  );

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A cursor of the activities list, as the client is given it, for the activity at `offset`. */
export async function activitiesCursorAt(client, pilotId, offset) {
  const { rows } = await client.query(
    `SELECT date, extract(epoch FROM created_at)::text AS k, id FROM activities WHERE pilot_id = $1
      ORDER BY date DESC, created_at DESC, id DESC OFFSET $2 LIMIT 1`,
    [pilotId, offset],
  );
  return Buffer.from(JSON.stringify([rows[0].date, rows[0].k, rows[0].id])).toString('base64url');
}
