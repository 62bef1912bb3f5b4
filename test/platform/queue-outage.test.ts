import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Relay } from '../support/relay';
import { createTestApp, TestApp } from '../support/test-app';

describe('Redis down: requests that need the queue answer 503 queue_unavailable within the bound, and recover', () => {
  let t: TestApp;
  let relay: Relay;

  beforeAll(async () => {
    const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    relay = new Relay({ host: redis.hostname, port: Number(redis.port || 6379) });
    await relay.start();
    redis.hostname = '127.0.0.1';
    redis.port = String(relay.port);
    // API only: no worker blocks on the queue while Redis is away.
    t = await createTestApp({ queue: 'redis', overrides: { redisUrl: redis.toString(), processRole: 'api' } });
  });
  afterAll(async () => {
    // Redis back before closing, so the application's connections shut down cleanly.
    if (relay && !relay.running) await relay.start(relay.port);
    await t?.close();
    await relay?.stop();
  });

  it('answers the anonymous queue probe with 503 and Retry-After instead of hanging, then queues again', async () => {
    const anonymous = t.client();
    expect((await anonymous.post('/api/health/probe')).status).toBeLessThan(300);

    await relay.stop();
    const started = Date.now();
    const down = await anonymous.post('/api/health/probe');
    console.info(`redis down: 503 after ${Date.now() - started} ms`);
    expect(down.status, down.text).toBe(503);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    expect(down.body.code).toBe('queue_unavailable');
    expect(down.body.detail).toBe('La file de traitement est momentanément indisponible. Réessayez dans un instant.');
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    const health = await anonymous.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.queue ?? health.body).toBeTruthy();

    await relay.start(relay.port);
    await expect
      .poll(async () => (await anonymous.post('/api/health/probe')).status, { timeout: 30_000 })
      .toBeLessThan(300);
  });
});
