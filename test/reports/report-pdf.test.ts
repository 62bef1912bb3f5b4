import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { euros, figure, frenchMonth, number, percent } from '../../src/common/format-fr';
import { closeReportBrowser } from '../../src/reports/report-pdf';
import { renderReportHtml, AUDIENCE_INFO } from '../../src/reports/report-renderer';
import type { PilotSnapshot, WaveSnapshot } from '../../src/reports/report.types';
import { renderReportFiles, sha256 } from '../../src/reports/report-files';
import { chromiumPath, launchBrowser } from '../support/browser';
import { overflowingElements, PRINTABLE_WIDTH_PX } from './report-layout';
import { pdfText, pdfTextOutsideMargins, readXlsx } from './report-helpers';
import { largePilotSnapshotFixture, pilotSnapshotFixture, waveSnapshotFixture } from './snapshot.fixture';

type On<T> = Extract<T, { available: true }>;
const SHA = 'b'.repeat(64);
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

/**
 * Every figure of the snapshot that the PDF prints, formatted as a reader reads it, computed here from the
 * snapshot on its own (sums by month, top items) rather than from the renderer's helpers.
 */
function expectedFigures(s: PilotSnapshot): string[] {
  const k = s.keyFigures;
  const f = s.sections.funding as On<PilotSnapshot['sections']['funding']>;
  const a = s.sections.activities as On<PilotSnapshot['sections']['activities']>;
  const ac = s.sections.actors as On<PilotSnapshot['sections']['actors']>;
  const w = s.sections.waste as On<PilotSnapshot['sections']['waste']>;
  const au = s.sections.autonomy as On<PilotSnapshot['sections']['autonomy']>;
  const out: string[] = [];
  out.push(...[k.yearEntitledCents, k.disbursedCents, k.expensesCents, k.cofinancingCents, k.inKindCents].map(euros));
  out.push(
    percent(k.autonomyRatio),
    number(k.activities),
    number(k.participants),
    number(k.volunteerHours),
    number(k.actors),
    number(k.residualKgPerInhabitant),
    percent(k.residualChangeVsBaseline),
  );
  for (const fund of ['investment', 'operating'] as const) {
    const b = f.balances[fund];
    out.push(
      euros(b.entitledCents),
      euros(b.disbursedCents),
      euros(b.spentCents),
      euros(b.availableCents),
      euros(f.disbursedByFund[fund]),
    );
  }
  out.push(...f.expensesByCategory.flatMap((e) => [euros(e.totalCents)]));
  out.push(...f.cofinancingBySource.slice(0, 10).map((c) => euros(c.amountCents)));
  if (f.cofinancingBySource.length > 15)
    out.push(euros(f.cofinancingBySource.slice(10).reduce((t, c) => t + c.amountCents, 0)));
  out.push(...a.byType.flatMap((t) => [number(t.count), number(t.participants)]));
  out.push(...a.byPolicy.flatMap((p) => [number(p.count), number(p.participants)]));
  out.push(...Object.values(a.divertedKg).map(number));
  const months = new Map<string, { n: number; p: number; v: number; h: number }>();
  for (const x of a.list) {
    const m = months.get(x.date.slice(0, 7)) ?? { n: 0, p: 0, v: 0, h: 0 };
    months.set(x.date.slice(0, 7), {
      n: m.n + 1,
      p: m.p + x.participants,
      v: m.v + x.volunteers,
      h: m.h + x.volunteerHours,
    });
  }
  for (const [month, m] of months) out.push(frenchMonth(month), number(m.n), number(m.p), number(m.v), number(m.h));
  const top = [...a.list].sort((x, y) => y.participants - x.participants || x.date.localeCompare(y.date)).slice(0, 10);
  out.push(...top.flatMap((x) => [number(x.participants), number(x.volunteerHours)]));
  out.push(...ac.byType.map((t) => number(t.count)), euros(ac.contributionsValueCents), number(ac.contributionsHours));
  const kinds = new Map<string, { n: number; v: number; h: number }>();
  for (const c of ac.contributions) {
    const g = kinds.get(c.kind) ?? { n: 0, v: 0, h: 0 };
    kinds.set(c.kind, { n: g.n + 1, v: g.v + (c.valueCents ?? 0), h: g.h + (c.hours ?? 0) });
  }
  for (const g of kinds.values()) out.push(number(g.n), euros(g.v), number(g.h));
  for (const y of w.years) out.push(number(y.population), ...Object.values(y.kgPerInhabitant).map(number));
  out.push(...w.references.map((r) => `${number(r.kgPerInhabitant)} kg (${r.year})`));
  out.push(...au.indicators.map((i) => figure(i.value, i.unit)));
  return out.map(plain);
}

/** The figure stands whole in the text: not glued to another digit on either side ("50" is not found in "5"). */
function hasWhole(text: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\d,])${escaped}(?![\\d])`).test(text);
}

describe('report PDF: every figure printed whole, at any volume', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await closeReportBrowser();
  });

  it('prints every figure of a large pilot with long titles and 5-digit values, within 20 pages', async () => {
    const snapshot = largePilotSnapshotFixture(3000);
    const { pdf } = await renderReportFiles(snapshot, SHA, chromiumPath());
    const { text, pages } = await pdfText(pdf);
    const missing = expectedFigures(snapshot).filter((v) => !hasWhole(text, v));
    expect(missing).toEqual([]);
    // Present in the text layer is not enough: no text run may sit past the page's margins, where it is cut.
    expect(await pdfTextOutsideMargins(pdf)).toEqual([]);
    // Long titles wrap but stay whole.
    const squeezed = text.replace(/\s+/g, '');
    const a = snapshot.sections.activities as On<PilotSnapshot['sections']['activities']>;
    const top = [...a.list]
      .sort((x, y) => y.participants - x.participants || x.date.localeCompare(y.date))
      .slice(0, 10);
    for (const x of top) expect(squeezed).toContain(x.title.replace(/\s+/g, ''));
    expect(squeezed).toContain(snapshot.pilot.name.replace(/\s+/g, ''));
    // The whole list is not printed: the PDF stays short however many activities there are.
    expect(pages).toBeLessThanOrEqual(20);
    expect(text).not.toContain(a.list.at(-1)!.title.slice(-12) + ' ');
  });

  it('lays out every table of the pilot and wave reports within the printable width', async () => {
    for (const html of [
      renderReportHtml(largePilotSnapshotFixture(300), SHA),
      renderReportHtml(pilotSnapshotFixture({ audience: 'board' }), SHA),
      renderReportHtml(manyPilotsWave(), SHA),
    ]) {
      expect(await overflowingElements(browser, html)).toEqual([]);
    }
    // The check is not blind: the same report laid out on a page half as wide has elements past the edge.
    const narrow = await overflowingElements(
      browser,
      renderReportHtml(largePilotSnapshotFixture(300), SHA),
      PRINTABLE_WIDTH_PX / 2,
    );
    expect(narrow.length).toBeGreaterThan(0);
  });

  it('prints the wave table whole: every pilot with its 5-digit figures', async () => {
    const wave = manyPilotsWave();
    const { pdf } = await renderReportFiles(wave, SHA, chromiumPath());
    const { text } = await pdfText(pdf);
    const missing = wave.pilots
      .flatMap((p) =>
        [euros(p.keyFigures.cofinancingCents), number(p.keyFigures.actors), number(p.keyFigures.participants)].map(
          plain,
        ),
      )
      .filter((v) => !hasWhole(text, v));
    expect(missing).toEqual([]);
    expect(await pdfTextOutsideMargins(pdf)).toEqual([]);
  });

  it('renders the same snapshot to byte-identical HTML, PDF and XLSX, in a tagged PDF with a title and a language', async () => {
    const snapshot = pilotSnapshotFixture();
    const first = await renderReportFiles(snapshot, SHA, chromiumPath());
    const second = await renderReportFiles(JSON.parse(JSON.stringify(snapshot)), SHA, chromiumPath());
    for (const format of ['html', 'pdf', 'xlsx'] as const)
      expect(sha256(second[format]), format).toBe(sha256(first[format]));
    // No clock in the zip: every entry is dated by the snapshot's day (renders a second apart would differ otherwise).
    const zip = await JSZip.loadAsync(first.xlsx);
    const [y, m, d] = snapshot.asOf.split('-').map(Number);
    for (const entry of Object.values(zip.files))
      expect([
        entry.name,
        entry.date.getFullYear(),
        entry.date.getMonth() + 1,
        entry.date.getDate(),
        entry.date.getHours(),
      ]).toEqual([entry.name, y, m, d, 0]);
    const pdf = first.pdf.toString('latin1');
    expect(pdf).toContain('/StructTreeRoot');
    expect(pdf).toContain('/Lang (fr)');
    expect(pdf).toContain(`/CreationDate (D:${snapshot.asOf.replace(/-/g, '')}000000`);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(first.pdf), isEvalSupported: false }).promise;
    const { info } = (await doc.getMetadata()) as { info: { Title?: string } };
    expect(info.Title).toBe(`${AUDIENCE_INFO.ademe.title} — ${snapshot.pilot.name} — année 1`);
    await doc.destroy();
    // The annex: real date cells and French headers with units (no "count", "hours", "ratio", "cents").
    const wb = await readXlsx(first.xlsx);
    const disb = wb.getWorksheet('Versements')!;
    expect(disb.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(disb.getRow(1).getCell(4).value).toBe('Montant (€)');
    const headers = wb.worksheets.flatMap((ws) =>
      (ws.getRow(1).values as unknown[]).filter((v): v is string => typeof v === 'string'),
    );
    const cells = wb.worksheets.flatMap((ws) =>
      ws
        .getSheetValues()
        .flatMap((r) => (Array.isArray(r) ? r : []))
        .filter((v): v is string => typeof v === 'string'),
    );
    for (const english of ['count', 'hours', 'ratio', 'cents', 'kgPerInhabitant']) {
      expect(headers.join('|')).not.toMatch(new RegExp(`\\b${english}\\b`));
      expect(cells).not.toContain(english);
    }
    const indicators = wb.getWorksheet('Indicateurs')!;
    const ratio = indicators
      .getRows(2, indicators.rowCount - 1)!
      .find((r) => r.getCell(1).value === "Taux d'autonomie financière")!;
    expect(ratio.getCell(2).value).toBe(0.3548);
    expect(ratio.getCell(2).numFmt).toContain('%');
  });
});

/** A wave of 12 pilots with long names and 5-digit figures. */
function manyPilotsWave(): WaveSnapshot {
  const w = waveSnapshotFixture();
  const base = w.pilots[0];
  w.pilots = Array.from({ length: 12 }, (_, i) => ({
    ...base,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Communauté de communes des Coteaux de l’Entre-deux-Mers et du Créonnais n° ${i + 1}`,
    keyFigures: {
      ...base.keyFigures,
      inhabitants: 98_765 - i,
      yearEntitledCents: 987_654_321 + i,
      disbursedCents: 876_543_210 + i,
      expensesCents: 765_432_109 + i,
      cofinancingCents: 654_321_098 + i,
      actors: 12_345 + i,
      activities: 23_456 + i,
      participants: 87_654 + i,
    },
  }));
  return w;
}
