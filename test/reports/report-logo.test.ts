import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';
import { download, seedPilotYear, waitForReport } from './report-helpers';

// A 1×1 pixel PNG made for the test: the organisation's own logo is uploaded, never kept in the repository.
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe("the organisation's logo on reports", () => {
  let t: TestApp;
  let lead: SignedIn;
  let leadEmail: string;
  let coordinator: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    const l = await insertUser(t, 'lead');
    leadEmail = l.email;
    lead = await signInAs(t, l.email);
    coordinator = await signIn(t, 'coordinator');
  });
  afterAll(async () => {
    await t?.close();
  });

  const stored = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM organisation_logos`))[0].n;

  it('refuses what is not a small PNG or JPEG (400), other roles (403), and writes nothing', async () => {
    expect((await lead.http.get('/api/organisation/logo')).status).toBe(404);
    const bigPng = Buffer.from(PNG_1X1, 'base64');
    bigPng.writeUInt32BE(5000, 16);
    for (const [contentBase64, code] of [
      ['R0lGODlhAQABAAAAACw=', 'logo_invalid'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64'), 'logo_invalid'],
      [bigPng.toString('base64'), 'logo_invalid'],
      [Buffer.alloc(300_000, 1).toString('base64').slice(0, 359_996), 'logo_invalid'],
      ['not base64 at all!', 'validation_failed'],
    ] as const) {
      const res = await lead.http.put('/api/organisation/logo', { contentBase64 });
      expect(res.status, code).toBe(400);
      expect(res.body.code).toBe(code);
    }
    expect((await lead.http.put('/api/organisation/logo', { contentBase64: PNG_1X1, extra: 1 })).status).toBe(400);
    expect((await coordinator.http.put('/api/organisation/logo', { contentBase64: PNG_1X1 })).status).toBe(403);
    expect(await stored()).toBe(0);
  });

  it('stores the logo the lead uploads and prints it on the reports generated afterwards', async () => {
    const up = await lead.http.put('/api/organisation/logo', { contentBase64: PNG_1X1 });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ contentType: 'image/png', bytes: Buffer.from(PNG_1X1, 'base64').length });
    const served = await download(t, leadEmail, '/api/organisation/logo');
    expect(served.contentType).toBe('image/png');
    expect(served.bytes.toString('base64')).toBe(PNG_1X1);

    const { pilotId } = await seedPilotYear(lead.http);
    const created = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'board' });
    expect((await waitForReport(lead.http, created.body.id)).status).toBe('done');
    const html = (await lead.http.get(`/api/reports/${created.body.id}/html`)).text;
    expect(html).toContain(`alt="Logo de l'organisation" src="data:image/png;base64,${PNG_1X1}"`);
    const [{ logo }] = await t.sql<{ logo: { sha256: string } }>(
      `SELECT snapshot->'logo' AS logo FROM reports WHERE id = $1`,
      [created.body.id],
    );
    expect(logo.sha256).toBe(up.body.sha256);
  });
});
