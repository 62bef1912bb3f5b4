import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/common/canonical-json';
import { euros, number } from '../../src/common/format-fr';
import { DEMO_USERS, seedDemo } from '../../src/demo/demo.seed';
import { renderReportFiles, sha256 } from '../../src/reports/report-files';
import type { FinalSnapshot } from '../../src/reports/report.types';
import { signInAs } from '../factories/users';
import { chromiumPath } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';
import { download, pdfText, readXlsx } from './report-helpers';

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('reports demo seeder', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it("issues the demo pilot's year-1 report for ADEME, produced without the queue", async () => {
    const [pilot] = await t.sql<{ id: string }>(
      `SELECT id FROM pilots WHERE start_date IS NOT NULL ORDER BY created_at LIMIT 1`,
    );
    expect(pilot).toBeDefined();
    const rows = await t.sql<{ status: string; issued_at: Date | null; year: number; audience: string }>(
      `SELECT status, issued_at, year, audience FROM reports WHERE pilot_id = $1`,
      [pilot.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'done', year: 1, audience: 'ademe' });
    expect(rows[0].issued_at).not.toBeNull();
    expect(
      await t.sql(`SELECT format FROM report_files r JOIN reports p ON p.id = r.report_id WHERE p.pilot_id = $1`, [
        pilot.id,
      ]),
    ).toHaveLength(3);
  });

  it("issues the « bilan » pilot's final report across its three years, signed, whole and reproducible", async () => {
    const demoLead = DEMO_USERS.find((u) => u.key === 'lead')!;
    const lead = await signInAs(t, demoLead.email, demoLead.password);
    const [tizac] = await t.sql<{ id: string }>(`SELECT id FROM pilots WHERE name LIKE 'Tizac%'`);
    const { items } = (await lead.http.get(`/api/pilots/${tizac.id}/reports`)).body;
    expect(items).toHaveLength(1);
    const report = items[0];
    expect(report).toMatchObject({ kind: 'final', year: null, audience: 'ademe', version: 1, status: 'done' });
    expect(report.issuedAt).toBeTruthy();
    expect(report.narrative.outlook).toContain('sans la dotation du Smicval');

    const [{ snapshot, snapshot_sha256 }] = await t.sql<{ snapshot: FinalSnapshot; snapshot_sha256: string }>(
      `SELECT snapshot, snapshot_sha256 FROM reports WHERE id = $1`,
      [report.id],
    );
    expect(snapshot.kind).toBe('final');
    // Two activities a quarter, as the demo's overview counts them.
    expect(snapshot.years.map((y) => y.keyFigures.activities)).toEqual([8, 8, 8]);
    expect(snapshot.keyFigures.activities).toBe(24);
    // The co-financing grows year after year, hence the autonomy ratio.
    const ratios = snapshot.years.map((y) => y.keyFigures.autonomyRatio ?? 0);
    expect(ratios[1]).toBeGreaterThan(ratios[0]);
    expect(ratios[2]).toBeGreaterThan(ratios[1]);
    expect(snapshot.signature?.name).toBe(demoLead.name);

    const pdf = await download(t, demoLead.email, `/api/reports/${report.id}/pdf`, demoLead.password);
    expect(pdf.status).toBe(200);
    const { text } = await pdfText(pdf.bytes);
    expect(text).toContain('Bilan du programme');
    expect(text).toContain('Tizac-de-Curton');
    expect(text).toContain(`par ${demoLead.name}`);
    for (const y of snapshot.years)
      for (const figure of [euros(y.keyFigures.disbursedCents), euros(y.keyFigures.cofinancingCents)])
        expect(text, `year ${y.year}`).toContain(plain(figure));
    expect(text).toContain(plain(number(snapshot.keyFigures.participants)));
    const xlsx = await readXlsx(
      (await download(t, demoLead.email, `/api/reports/${report.id}/xlsx`, demoLead.password)).bytes,
    );
    expect(xlsx.getWorksheet('Années')!.rowCount).toBe(4);

    // The recorded hashes are those of the issued snapshot rendered again.
    const again = await renderReportFiles(JSON.parse(canonicalJson(snapshot)), snapshot_sha256, chromiumPath());
    for (const format of ['html', 'pdf', 'xlsx'] as const)
      expect(sha256(again[format]), format).toBe(report.files[format].sha256);
  });
});
