import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, skipWithoutRedis, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

// Both backends are real: BullMQ on PostgreSQL (no REDIS_URL) and on Redis. One app at a time, since
// the backend choice is process-wide.
describe.each(['postgres', 'redis'] as const)('queue on %s', (backend) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('reports the backend in use and completes a job', async (ctx) => {
    if (backend === 'redis') skipWithoutRedis(ctx);
    t = await createTestApp({ queue: backend });
    const http = t.client();
    const health = await http.get('/api/health');
    expect(health.body).toMatchObject({ status: 'ok', queue: 'up', queueBackend: backend });
    const queued = await http.post('/api/health/probe');
    const state = await waitFor(async () => {
      const r = await http.get(`/api/health/probe/${queued.body.id}`);
      return r.body.state === 'completed' ? r.body.state : undefined;
    });
    expect(state).toBe('completed');
  });
});

describe('queue on an unreachable Redis', () => {
  it('keeps the API answering and reports the queue down (503)', async () => {
    // An API-only process must keep answering (and say what is down) when Redis is gone.
    const t = await createTestApp({
      queue: 'redis',
      overrides: { redisUrl: 'redis://127.0.0.1:1', processRole: 'api' },
    });
    try {
      const res = await t.client().get('/api/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'degraded', database: 'up', queue: 'down' });
    } finally {
      await t.close();
    }
  });
});
