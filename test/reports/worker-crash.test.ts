import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../factories/users';
import { ensureServerBuilt, ServerProcess, signalGroup, startServer, workerEnv } from '../support/built-server';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { seedPilotYear } from './report-helpers';

describe('a worker killed in the middle of a report', () => {
  let t: TestApp;
  const workers: ServerProcess[] = [];

  function startWorker(): ServerProcess {
    const worker = startServer(workerEnv(t));
    workers.push(worker);
    return worker;
  }

  beforeAll(async () => {
    ensureServerBuilt();
    // An API-only process: the only workers are the child processes this test starts and kills.
    t = await createTestApp({ overrides: { processRole: 'api' } });
  }, 300_000);
  afterAll(async () => {
    for (const w of workers) signalGroup(w.child, 'SIGKILL');
    await t?.close();
  });

  it('leaves exactly one completed report after a restart', async () => {
    const lead = await signIn(t, 'lead');
    const { pilotId } = await seedPilotYear(lead.http);
    const created = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'coopter' });
    expect(created.status).toBe(202);
    const id: string = created.body.id;
    // Without a worker the API still answers, from PostgreSQL.
    expect((await lead.http.get(`/api/reports/${id}`)).body).toMatchObject({ status: 'queued', progress: 0 });

    const first = startWorker();
    const seen = await waitFor(
      async () => {
        const [r] = await t.sql<{ status: string; progress: number; stage: string }>(
          `SELECT status, progress, stage FROM reports WHERE id = $1`,
          [id],
        );
        return r.status === 'running' && r.progress >= 10 ? r : undefined;
      },
      60_000,
      10,
    );
    signalGroup(first.child, 'SIGKILL');
    await first.exited;
    expect(seen.status).toBe('running');
    const [afterKill] = await t.sql<{ status: string }>(`SELECT status FROM reports WHERE id = $1`, [id]);
    expect(afterKill.status).not.toBe('done');
    expect(await t.sql(`SELECT format FROM report_files WHERE report_id = $1`, [id])).toHaveLength(0);

    const second = startWorker();
    const done = await waitFor(
      async () => {
        const r = await lead.http.get(`/api/reports/${id}`);
        return r.body.status === 'done' || r.body.status === 'failed' ? r.body : undefined;
      },
      120_000,
      250,
    );
    expect(done.status).toBe('done');
    expect(done.progress).toBe(100);
    const rows = await t.sql<{ id: string; status: string; attempts: number }>(
      `SELECT id, status, attempts FROM reports WHERE pilot_id = $1`,
      [pilotId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('done');
    expect(rows[0].attempts).toBeGreaterThanOrEqual(2);
    const files = await t.sql<{ format: string }>(
      `SELECT format FROM report_files WHERE report_id = $1 ORDER BY format`,
      [id],
    );
    expect(files.map((f) => f.format)).toEqual(['html', 'pdf', 'xlsx']);
    signalGroup(second.child, 'SIGTERM');
  }, 240_000);
});
