import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, seedDemo } from '../../src/demo/demo.seed';
import { signInAs } from '../factories/users';
import { ensureServerBuilt, ServerProcess, signalGroup, startServer, workerEnv } from '../support/built-server';
import { createTestApp, TestApp } from '../support/test-app';
import { download, pdfText } from './report-helpers';

/**
 * A split deployment's first start: the API process (PROCESS_ROLE=api) seeds the demo without producing its
 * reports, which a worker process of its own then produces and issues.
 */
describe('demo seeded by an API-only process, reports produced by a separate worker', () => {
  let t: TestApp;
  let worker: ServerProcess | undefined;

  beforeAll(async () => {
    ensureServerBuilt();
    t = await createTestApp({ overrides: { processRole: 'api' } });
    await seedDemo(t.app);
  }, 240_000);
  afterAll(async () => {
    if (worker) {
      signalGroup(worker.child, 'SIGKILL');
      await worker.exited;
    }
    await t?.close();
  }, 60_000);

  it('leaves the reports to the worker, which issues the year-1 and the final report', async () => {
    // Nothing produced in the API process: no report row at all until a worker takes the job.
    expect(await t.sql(`SELECT id FROM reports`)).toEqual([]);

    worker = startServer(workerEnv(t));
    const issued = async () =>
      t.sql<{ kind: string; year: number | null; status: string; files: number }>(
        `SELECT r.kind, r.year, r.status, (SELECT count(*)::int FROM report_files f WHERE f.report_id = r.id) AS files
           FROM reports r WHERE r.issued_at IS NOT NULL ORDER BY r.kind DESC`,
      );
    await expect.poll(async () => (await issued()).length, { timeout: 180_000, interval: 500 }).toBe(2);
    expect(await issued()).toEqual([
      { kind: 'pilot', year: 1, status: 'done', files: 3 },
      { kind: 'final', year: null, status: 'done', files: 3 },
    ]);

    // The lead reads the issued year-1 report through the API process, signed by them.
    const demoLead = DEMO_USERS.find((u) => u.key === 'lead')!;
    const lead = await signInAs(t, demoLead.email, demoLead.password);
    const [pilot] = await t.sql<{ id: string }>(
      `SELECT id FROM pilots WHERE start_date IS NOT NULL ORDER BY created_at LIMIT 1`,
    );
    const { items } = (await lead.http.get(`/api/pilots/${pilot.id}/reports`)).body;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ year: 1, audience: 'ademe', version: 1, status: 'done' });
    expect(items[0].issuedAt).toBeTruthy();
    const pdf = await download(t, demoLead.email, `/api/reports/${items[0].id}/pdf`, demoLead.password);
    expect(pdf.status).toBe(200);
    expect((await pdfText(pdf.bytes)).text).toContain(`par ${demoLead.name}`);
  }, 300_000);
});
