import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/common/canonical-json';
import { frenchDate } from '../../src/common/format-fr';
import { projectYearRange } from '../../src/pilots/pilot-terms';
import { closeReportBrowser } from '../../src/reports/report-pdf';
import { renderReportFiles, sha256 } from '../../src/reports/report-files';
import type { PilotSnapshot } from '../../src/reports/report.types';
import { insertUser, signInAs, SignedIn } from '../factories/users';
import { chromiumPath } from '../support/browser';
import type { HttpClient } from '../support/http-client';
import { createTestApp, TestApp } from '../support/test-app';
import { download, pdfText, readXlsx, seedPilotYear, waitForReport } from './report-helpers';

type On<T> = Extract<T, { available: true }>;
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

/** A 1 000 × 700 picture made for the test, a different one per seed. */
async function picture(seed: number): Promise<Buffer> {
  const [width, height] = [1000, 700];
  const pixels = Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => (i * (seed + 3) * 7919) % 256));
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function uploadPhoto(http: HttpClient, pilotId: string, activityId: string, file: Buffer): Promise<void> {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(file)]), 'photo.jpg');
  const res = await http.request('POST', `/api/pilots/${pilotId}/activities/${activityId}/photos`, { raw: f });
  if (res.status !== 201) throw new Error(`photo upload failed: ${res.status} ${res.text}`);
}

async function reportOf(t: TestApp, lead: SignedIn, pilotId: string) {
  const created = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'ademe' });
  expect(created.status).toBe(202);
  const done = await waitForReport(lead.http, created.body.id);
  expect(done.status).toBe('done');
  const [row] = await t.sql<{ snapshot: PilotSnapshot; snapshot_sha256: string }>(
    `SELECT snapshot, snapshot_sha256 FROM reports WHERE id = $1`,
    [created.body.id],
  );
  return { id: created.body.id as string, done, ...row };
}

describe('activity photos in the yearly report', () => {
  let t: TestApp;
  let lead: SignedIn;
  let leadEmail: string;

  beforeAll(async () => {
    t = await createTestApp();
    const l = await insertUser(t, 'lead');
    leadEmail = l.email;
    lead = await signInAs(t, l.email);
  });
  afterAll(async () => {
    await closeReportBrowser();
    await t?.close();
  });

  it('prints up to six photos of the year, newest first, captioned, in the HTML, the PDF and the XLSX, reproducibly', async () => {
    const { pilotId, startDate } = await seedPilotYear(lead.http, { name: 'Photos — Saint-Genès' });
    const year1 = projectYearRange(startDate, 1);
    const list = await lead.http.get(`/api/pilots/${pilotId}/activities?from=${year1.from}&to=${year1.to}`);
    const activities: { id: string; title: string; date: string }[] = list.body.items;
    expect(activities.length).toBeGreaterThanOrEqual(4);
    // Two photos on each of the four newest activities: eight photos, the report keeps six.
    const withPhotos = activities.slice(0, 4);
    let seed = 0;
    for (const a of withPhotos) {
      await uploadPhoto(lead.http, pilotId, a.id, await picture(seed++));
      await uploadPhoto(lead.http, pilotId, a.id, await picture(seed++));
    }

    const report = await reportOf(t, lead, pilotId);
    const section = report.snapshot.sections.activities as On<PilotSnapshot['sections']['activities']>;
    expect(section.photos).toHaveLength(6);
    const expected = [0, 0, 1, 1, 2, 2].map((i) => withPhotos[i]);
    expect(section.photos!.map((p) => [p.activityTitle, p.date])).toEqual(expected.map((a) => [a.title, a.date]));
    for (const p of section.photos!) {
      expect(p.contentType).toBe('image/jpeg');
      expect(Math.max(p.width, p.height)).toBeLessThanOrEqual(600);
      expect(Buffer.from(p.base64, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    }

    const html = (await lead.http.get(`/api/reports/${report.id}/html`)).text;
    expect(html).toContain('<h3>En images</h3>');
    expect(html.match(/<figure class="photo">/g)).toHaveLength(6);
    expect(html.match(/src="data:image\/jpeg;base64,/g)).toHaveLength(6);
    for (const a of expected.slice(0, 3)) {
      const date = frenchDate(a.date);
      expect(html).toContain(`<figcaption>${a.title} — ${date}</figcaption>`);
      expect(html).toContain(`alt="Photo de l’activité « ${a.title} » du ${date}"`);
    }

    const pdf = await download(t, leadEmail, `/api/reports/${report.id}/pdf`);
    const { text } = await pdfText(pdf.bytes);
    expect(text).toContain('En images');
    for (const a of expected) expect(text).toContain(plain(`${a.title} — ${frenchDate(a.date)}`));

    const xlsx = await readXlsx((await download(t, leadEmail, `/api/reports/${report.id}/xlsx`)).bytes);
    const sheet = xlsx.getWorksheet('Activités')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const photosCol = header.indexOf('Photos');
    expect(photosCol).toBeGreaterThan(0);
    const counts = new Map<string, number>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const first = row.getCell(1).value;
      const title = first === 'Total' ? 'Total' : String(row.getCell(2).value);
      counts.set(title, Number(row.getCell(photosCol).value));
    });
    for (const a of withPhotos) expect(counts.get(a.title), a.title).toBe(2);
    expect(counts.get('Total')).toBe(8);

    // The stored snapshot renders to the very bytes the worker stored, twice.
    const stored = report.done.files as Record<'html' | 'pdf' | 'xlsx', { sha256: string }>;
    for (let i = 0; i < 2; i++) {
      const again = await renderReportFiles(
        JSON.parse(canonicalJson(report.snapshot)),
        report.snapshot_sha256,
        chromiumPath(),
      );
      for (const format of ['html', 'pdf', 'xlsx'] as const) {
        expect(sha256(again[format]), format).toBe(stored[format].sha256);
      }
    }
  });

  it('prints no photo grid for a pilot without photos', async () => {
    const { pilotId } = await seedPilotYear(lead.http, { name: 'Sans photo — Cursan' });
    const report = await reportOf(t, lead, pilotId);
    const section = report.snapshot.sections.activities as On<PilotSnapshot['sections']['activities']>;
    expect(section.available).toBe(true);
    expect(section.photos).toBeUndefined();
    const html = (await lead.http.get(`/api/reports/${report.id}/html`)).text;
    expect(html).not.toContain('En images');
    expect(html).not.toContain('<div class="photos">');
    expect(html).not.toContain('<figure');
  });
});
