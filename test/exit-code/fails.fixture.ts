import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, TestApp } from '../support/test-app';

// Not part of the suite: CI runs it alone (VITEST_EXIT_CODE_CHECK=1 npm test -- --project integration) and expects `npm test` to exit
// non-zero, through the same global setup (embedded PostgreSQL or DATABASE_URL) and the same application boot.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('fails on purpose, so that the exit status of the test command is proved to report failures', async () => {
  const health = await t.client().get('/api/health');
  expect(health.status).toBe(200);
  expect(health.status, 'this assertion fails on purpose').toBe(599);
});
