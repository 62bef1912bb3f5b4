import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUSEKEEPING_SCHEDULER } from '../../src/health/housekeeping.service';
import { JobName, QueueName } from '../../src/queues/queue.constants';
import { signIn, SignedIn } from '../factories/users';
import { createPilot, disbursement, postEntry } from '../funding/funding-helpers';
import { createTestApp, TestApp } from '../support/test-app';

describe('daily housekeeping on the system queue', () => {
  let t: TestApp;
  let lead: SignedIn;
  let queue: Queue;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    queue = t.app.get<Queue>(getQueueToken(QueueName.System));
  });
  afterAll(() => t?.close());

  it('is scheduled once a day', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toContainEqual(
      expect.objectContaining({
        key: HOUSEKEEPING_SCHEDULER,
        name: JobName.DailyHousekeeping,
        pattern: '30 3 * * *',
        tz: 'Europe/Paris',
      }),
    );
  });

  it('purges idempotency keys older than 30 days and keeps recent ones and every ledger entry', async () => {
    const pilotId = await createPilot(lead.http);
    const oldKey = randomUUID();
    const recentKey = randomUUID();
    expect((await postEntry(lead.http, pilotId, disbursement('investment', 1, 10_000), oldKey)).status).toBe(201);
    expect((await postEntry(lead.http, pilotId, disbursement('investment', 1, 20_000), recentKey)).status).toBe(201);
    await t.sql(`UPDATE ledger_idempotency_keys SET created_at = now() - interval '31 days' WHERE key = $1`, [oldKey]);
    await t.sql(`UPDATE ledger_idempotency_keys SET created_at = now() - interval '29 days' WHERE key = $1`, [
      recentKey,
    ]);

    // The job as the scheduler would run it, through the queue and a worker.
    const job = await queue.add(JobName.DailyHousekeeping, {});
    await expect.poll(async () => (await queue.getJob(String(job.id)))?.finishedOn ?? null).not.toBeNull();
    const done = await queue.getJob(String(job.id));
    expect(done?.failedReason ?? null).toBeNull();
    expect(done?.returnvalue.idempotencyKeysPurged).toBeGreaterThanOrEqual(1);
    const keys = await t.sql<{ key: string }>(`SELECT key FROM ledger_idempotency_keys WHERE key IN ($1, $2)`, [
      oldKey,
      recentKey,
    ]);
    expect(keys.map((k) => k.key)).toEqual([recentKey]);
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_entries WHERE pilot_id = $1`, [
      pilotId,
    ]);
    expect(n).toBe(2);
  });
});

describe('sign-out needs the CSRF proof', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('refuses a cross-site sign-out (403 csrf_rejected) and keeps the session; the app’s own sign-out works', async () => {
    const user = await signIn(t, 'coordinator');
    user.http.withoutCsrfHeader();
    const crossSite = await user.http.post('/api/auth/logout', undefined, {
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.code).toBe('csrf_rejected');
    expect((await user.http.get('/api/auth/me')).status).toBe(200);
    const sameOrigin = await user.http.post('/api/auth/logout', undefined, { headers: { origin: t.baseUrl } });
    expect(sameOrigin.status).toBe(204);
    expect((await user.http.get('/api/auth/me')).status).toBe(401);
  });

  it('still lets a caller without a session "sign out" (nothing to protect)', async () => {
    expect((await t.client().withoutCsrfHeader().post('/api/auth/logout')).status).toBe(204);
  });
});
