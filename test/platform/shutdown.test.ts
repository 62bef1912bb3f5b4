import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/demo/demo.seed';
import { freePort, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { signIn, signInAs } from '../factories/users';
import {
  alive,
  descendants,
  ensureServerBuilt,
  errorLines,
  groupAlive,
  ServerProcess,
  signalGroup,
  startServer,
  workerEnv,
} from '../support/built-server';
import { HttpClient } from '../support/http-client';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { seedPilotYear } from '../reports/report-helpers';

// A stop as an operator or an orchestrator does it: SIGTERM while a report is being produced. The job must
// finish, the process exit 0 with nothing logged at error level, and nothing it started (Chromium, the
// embedded PostgreSQL) stay behind.

async function stopAndCheck(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  // Everything the server starts, watched until it exits (the report's Chromium may start during the stop).
  const started = new Map<number, string>();
  const look = () => {
    for (const pid of descendants(server.child.pid!)) {
      if (started.has(pid)) continue;
      try {
        started.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
      } catch {
        // ended between the listing and the read
      }
    }
  };
  look();
  const watching = setInterval(look, 25);
  signalGroup(server.child, signal);
  const exit = await server.exited;
  clearInterval(watching);
  expect(exit, server.output()).toEqual({ code: 0, signal: null });
  // The whole output with it: which connection or job was still there when PostgreSQL stopped.
  expect(errorLines(server.output()), server.output()).toEqual([]);
  expect(server.output()).toContain('Projet K stopped');
  expect(
    [...started.values()].some((cmd) => /chromium/.test(cmd)),
    `the report was printed by Chromium\n${server.output()}`,
  ).toBe(true);
  await waitFor(async () => (groupAlive(server.child) ? undefined : true), 10_000, 100);
  // Nothing it started outlives it: Chromium (in a process group of its own) and PostgreSQL included.
  await waitFor(async () => ([...started.keys()].some(alive) ? undefined : true), 10_000, 100);
}

describe('SIGTERM to a worker producing a report', () => {
  let t: TestApp;
  const started: ServerProcess[] = [];
  beforeAll(async () => {
    ensureServerBuilt();
    // API only: the one worker is the process this test starts and stops.
    t = await createTestApp({ overrides: { processRole: 'api' } });
  }, 300_000);
  afterAll(async () => {
    for (const s of started) signalGroup(s.child, 'SIGKILL');
    await t?.close();
  });

  it('lets the running report finish, then exits 0 without an error', async () => {
    const lead = await signIn(t, 'lead');
    const { pilotId } = await seedPilotYear(lead.http);
    const created = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'board' });
    expect(created.status).toBe(202);
    const id: string = created.body.id;

    const worker = startServer(workerEnv(t, 'info'));
    started.push(worker);
    await waitFor(
      async () => {
        const [r] = await t.sql<{ status: string }>(`SELECT status FROM reports WHERE id = $1`, [id]);
        return r.status === 'running' ? r : undefined;
      },
      90_000,
      10,
    );
    await stopAndCheck(worker);
    const [after] = await t.sql<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM reports WHERE id = $1`,
      [id],
    );
    expect(after, worker.output()).toEqual({ status: 'done', attempts: 1 });
    const files = await t.sql<{ format: string }>(
      `SELECT format FROM report_files WHERE report_id = $1 ORDER BY format`,
      [id],
    );
    expect(files.map((f) => f.format)).toEqual(['html', 'pdf', 'xlsx']);
  }, 240_000);
});

// Ctrl-C in a terminal sends SIGINT to the whole foreground process group; a supervisor stopping a process group
// sends SIGTERM. The embedded PostgreSQL, in a session of its own, is stopped by the application, last.
describe.each([
  ['SIGINT', 'Ctrl-C in the terminal'],
  ['SIGTERM', 'a supervisor'],
] as const)('%s to the embedded default (npm start with nothing configured), as %s sends it', (signal, _sender) => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  beforeAll(() => {
    ensureServerBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'projetk-stop-'));
    chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as its own user when the tests run as root
  });
  afterAll(() => {
    if (server) signalGroup(server.child, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the running report, stops PostgreSQL last and exits 0 without an error', async () => {
    const port = await freePort();
    server = startServer({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    const up = await waitFor(
      async () => ((await fetch(`${baseUrl}/api/health`).catch(() => undefined))?.ok ? true : undefined),
      180_000,
      250,
    ).catch(() => false);
    expect(up, `the embedded default did not become healthy:\n${server.output()}`).toBe(true);
    const lead = await signInAs({ client: () => new HttpClient(baseUrl) }, DEMO_USERS[0].email, DEMO_USERS[0].password);
    const pilots = await lead.http.get('/api/pilots');
    const pilotId: string = pilots.body.items[0].id;
    const created = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'board' });
    expect(created.status).toBe(202);
    const id: string = created.body.id;
    await waitFor(
      async () => ((await lead.http.get(`/api/reports/${id}`)).body.status === 'running' ? true : undefined),
      90_000,
      10,
    );

    await stopAndCheck(server, signal);
    server = undefined;

    // The data folder, opened again, holds the finished report.
    const db = await startEmbeddedPostgres(dataDir);
    try {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client
        .query<{ status: string }>(`SELECT status FROM reports WHERE id = $1`, [id])
        .finally(() => client.end());
      expect(rows).toEqual([{ status: 'done' }]);
    } finally {
      await db.stop();
    }
  }, 300_000);
});
