import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';
import { seedPilotYear, waitForReport } from './report-helpers';

describe('a report whose PDF stage fails', () => {
  let t: TestApp;
  let lead: SignedIn;
  beforeAll(async () => {
    // Chromium "missing": every attempt fails at the PDF stage.
    t = await createTestApp({ overrides: { chromiumPath: '/nonexistent/chromium' } });
    lead = await signIn(t, 'lead');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('retries, then fails with a clear message and is never marked done nor left half-made', async () => {
    const { pilotId } = await seedPilotYear(lead.http);
    const created = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'board' });
    expect(created.status).toBe(202);
    const failed = await waitForReport(
      lead.http,
      created.body.id,
      (r) => r.status === 'failed' || r.status === 'done',
      60_000,
    );
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^PDF stage failed: Chromium not found at \/nonexistent\/chromium/);
    expect(failed.progress).toBeLessThan(100);
    expect(failed.figures).toBeUndefined();
    expect(failed.attempts).toBe(3);
    expect(await t.sql(`SELECT format FROM report_files WHERE report_id = $1`, [created.body.id])).toHaveLength(0);
    const pdf = await lead.http.get(`/api/reports/${created.body.id}/pdf`);
    expect(pdf.status).toBe(409);
    expect(pdf.body.code).toBe('report_not_ready');
    const issue = await lead.http.post(`/api/reports/${created.body.id}/issue`);
    expect(issue.status).toBe(409);
    // Generating again after a failure makes the next version.
    const again = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'board' });
    expect(again.status).toBe(202);
    expect(again.body.version).toBe(2);
  });
});
