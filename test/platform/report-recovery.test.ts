import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueName } from '../../src/queues/queue.constants';
import { ReportReconciler } from '../../src/reports/report-reconciler.service';
import { createPilot } from '../funding/funding-helpers';
import { signIn, SignedIn } from '../factories/users';
import { waitForReport } from '../reports/report-helpers';
import { ensureServerBuilt, ServerProcess, signalGroup, startServer, workerEnv } from '../support/built-server';
import { RedisServer } from '../support/redis-server';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Redis of the test's own, without persistence, killed and started again empty: the reports the database says are
 * queued must still all be produced, put back on the queue by the worker's reconciler.
 */
describe('Redis restarted empty: the reconciler puts every pending report back on the queue', () => {
  let redis: RedisServer;
  let t: TestApp;
  let lead: SignedIn;
  let worker: ServerProcess | undefined;

  beforeAll(async () => {
    ensureServerBuilt();
    redis = new RedisServer();
    await redis.start();
    // API only: the worker is a process of its own, reconciling every second.
    t = await createTestApp({ queue: 'redis', overrides: { redisUrl: redis.url, processRole: 'api' } });
    lead = await signIn(t, 'lead');
  }, 300_000);
  afterAll(async () => {
    // Redis back before closing, so the application's connections shut down cleanly.
    if (redis && !redis.running) await redis.start();
    if (worker) {
      signalGroup(worker.child, 'SIGKILL');
      await worker.exited;
    }
    await t?.close();
    await redis?.dispose();
  }, 120_000);

  it('completes every queued report after the restart, each put back exactly once; health says so', async () => {
    worker = startServer({ ...workerEnv(t), REPORT_RECONCILE_SECONDS: '1' });
    const pilotId = await createPilot(lead.http);
    // Paused, the queue keeps the jobs waiting: none is taken before Redis goes (the pause dies with Redis).
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Reports));
    await queue.pause();
    const ids: string[] = [];
    for (const audience of ['coopter', 'board', 'ademe']) {
      const created = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience });
      expect(created.status, created.text).toBe(202);
      ids.push(created.body.id);
    }
    const before = await t.client().get('/api/health');
    expect(before.status).toBe(200);
    expect(before.body.reports).toEqual({ pending: 3, missing: 0, requeuedLastDay: 0 });
    // Every job is in the queue: a pass adds nothing.
    expect(await t.app.get(ReportReconciler).reconcile()).toEqual({ pending: 3, requeued: 0, markedFailed: 0 });
    const counts = await queue.getJobCounts('waiting', 'active');
    expect(counts).toEqual({ waiting: 3, active: 0 });

    await redis.stop();
    const down = await t.client().get('/api/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ queue: 'down', reports: { pending: 3, missing: null } });
    await redis.start();

    for (const id of ids) {
      const report = await waitForReport(lead.http, id, undefined, 180_000);
      expect(report, worker.output()).toMatchObject({ status: 'done', progress: 100 });
    }
    const rows = await t.sql<{ requeue_count: number }>(`SELECT requeue_count FROM reports WHERE id = ANY($1)`, [ids]);
    // The worker reconciled every second while they ran: the job id kept each to one re-enqueue.
    expect(rows.map((r) => r.requeue_count)).toEqual([1, 1, 1]);
    const files = await t.sql(`SELECT 1 FROM report_files WHERE report_id = ANY($1)`, [ids]);
    expect(files).toHaveLength(9);
    const after = await t.client().get('/api/health');
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: 'ok', reports: { pending: 0, missing: 0, requeuedLastDay: 3 } });
  }, 300_000);

  it('answers a report request with 503 queue_unavailable and Retry-After when Redis is down; the row is failed', async () => {
    const pilotId = await createPilot(lead.http);
    await redis.stop();
    const started = Date.now();
    const down = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'coopter' });
    console.info(`report request with Redis down: ${down.status} after ${Date.now() - started} ms`);
    expect(down.status, down.text).toBe(503);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    expect(down.body.code).toBe('queue_unavailable');
    expect(down.body.detail).toBe('La file de traitement est momentanément indisponible. Réessayez dans un instant.');
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    const [row] = await t.sql<{ id: string; status: string }>(`SELECT id, status FROM reports WHERE pilot_id = $1`, [
      pilotId,
    ]);
    expect(row.status).toBe('failed');

    await redis.start();
    // Back: the next request makes the next version and it is produced; the failed one stays failed.
    const again = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'coopter' });
    expect(again.status, again.text).toBe(202);
    expect(again.body.version).toBe(2);
    expect(await waitForReport(lead.http, again.body.id, undefined, 180_000)).toMatchObject({ status: 'done' });
    expect((await lead.http.get(`/api/reports/${row.id}`)).body.status).toBe('failed');
  }, 300_000);
});

describe('the reconciler on the PostgreSQL queue backend', () => {
  let t: TestApp;
  let lead: SignedIn;

  beforeAll(async () => {
    // No worker: the test plays the reconciler's pass itself.
    t = await createTestApp({ queue: 'postgres', overrides: { processRole: 'api' } });
    lead = await signIn(t, 'lead');
  });
  afterAll(() => t?.close());

  it('puts back a report whose job the queue lost, once, and health shows it missing until then', async () => {
    const pilotId = await createPilot(lead.http);
    const created = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'board' });
    expect(created.status, created.text).toBe(202);
    const [{ jobId }] = await t.sql<{ jobId: string }>(`SELECT job_id AS "jobId" FROM reports WHERE id = $1`, [
      created.body.id,
    ]);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Reports));
    const reconciler = t.app.get(ReportReconciler);
    // Just created: within the grace the creation has to add its job, nothing is counted as lost.
    expect(await reconciler.reconcile()).toEqual({ pending: 1, requeued: 0, markedFailed: 0 });

    await queue.remove(jobId);
    await t.sql(`UPDATE reports SET updated_at = now() - interval '1 minute' WHERE id = $1`, [created.body.id]);
    const lost = await t.client().get('/api/health');
    expect(lost.status).toBe(503);
    expect(lost.body).toMatchObject({
      status: 'degraded',
      database: 'up',
      queue: 'up',
      reports: { pending: 1, missing: 1, requeuedLastDay: 0 },
    });

    expect(await reconciler.reconcile()).toEqual({ pending: 1, requeued: 1, markedFailed: 0 });
    expect(await reconciler.reconcile()).toEqual({ pending: 1, requeued: 0, markedFailed: 0 });
    expect(await queue.getJobState(jobId)).toBe('waiting');
    const [row] = await t.sql<{ status: string; requeue_count: number }>(
      `SELECT status, requeue_count FROM reports WHERE id = $1`,
      [created.body.id],
    );
    expect(row).toEqual({ status: 'queued', requeue_count: 1 });
    const back = await t.client().get('/api/health');
    expect(back.status).toBe(200);
    expect(back.body.reports).toEqual({ pending: 1, missing: 0, requeuedLastDay: 1 });
  });
});
