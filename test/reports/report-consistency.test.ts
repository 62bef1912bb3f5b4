import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../../client/src/i18n/format';
import { euros, number, percent } from '../../src/common/format-fr';
import { addDays } from '../../src/pilots/pilot-terms';
import { todayInFrance } from '../../src/common/codes';
import { signIn, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';
import { download, pdfText, readXlsx, seedPilotYear, waitForReport } from './report-helpers';

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('one figure, one reading: home, pilot pages, report HTML, PDF and XLSX agree', () => {
  let t: TestApp;
  let lead: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * The autonomy ratio of one pilot on every surface: the home shows the current project year (pages of that
   * year are compared with it), the report year 1 (pages of year 1 are compared with it).
   */
  async function everySurface(pilotId: string) {
    const [home, funding, autonomy] = await Promise.all([
      lead.http.get('/api/home'),
      lead.http.get(`/api/pilots/${pilotId}/funding`),
      lead.http.get(`/api/pilots/${pilotId}/autonomy`),
    ]);
    expect(home.status).toBe(200);
    const homeRow = home.body.lead.pilots.find((p: { id: string }) => p.id === pilotId);
    const current = autonomy.body.indicators.currentYear as number;
    const ratioOf = (year: number) => ({
      funding: funding.body.years.find((y: { year: number }) => y.year === year).autonomyRatio as number,
      autonomy: autonomy.body.indicators.years.find((y: { year: number }) => y.year === year).values
        .autonomyRatio as number,
    });
    const created = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'board' });
    expect(created.status).toBe(202);
    const report = await waitForReport(lead.http, created.body.id);
    expect(report.status).toBe('done');
    const html = plain((await lead.http.get(`/api/reports/${report.id}/html`)).text);
    const pdf = await download(t, lead.user.email, `/api/reports/${report.id}/pdf`);
    const xlsx = await readXlsx((await download(t, lead.user.email, `/api/reports/${report.id}/xlsx`)).bytes);
    return {
      current,
      home: { home: homeRow.autonomyRatio as number, ...ratioOf(current) },
      values: { report: report.figures.autonomyRatio as number, ...ratioOf(1) },
      report,
      html,
      pdf: (await pdfText(pdf.bytes)).text,
      xlsx,
    };
  }

  it('reads the autonomy ratio 45,3 % everywhere when its exact value is 0.453496 (never 45,4 % from a second rounding)', async () => {
    // In its first year, so the home shows year 1 as the report does.
    const start = addDays(todayInFrance(), -200);
    const pilot = await lead.http.post('/api/pilots', {
      name: `Ratio ${randomUUID().slice(0, 4)}`,
      communes: [{ name: 'Haux' }],
      inhabitants: 3000,
      startDate: start,
      waveYear: 2023,
    });
    expect(pilot.status).toBe(201);
    const post = (body: Record<string, unknown>) =>
      lead.http.post(`/api/pilots/${pilot.body.id}/ledger`, body, { headers: { 'idempotency-key': randomUUID() } });
    const d = await post({
      type: 'disbursement',
      fund: 'operating',
      year: 1,
      amountCents: 5_465_040,
      date: addDays(start, 10),
      reference: 'MANDAT-1',
    });
    expect(d.status, d.text).toBe(201);
    expect(
      (
        await post({
          type: 'cofinancing',
          year: 1,
          amountCents: 4_534_960,
          date: addDays(start, 20),
          reference: 'DELIB-1',
          source: 'Commune de Haux',
          sourceKind: 'commune',
        })
      ).status,
    ).toBe(201);

    const s = await everySurface(pilot.body.id);
    expect(s.current).toBe(1);
    // One exact figure behind every page: cofinancing / operating resources, unrounded.
    for (const [surface, value] of Object.entries({ ...s.values, ...s.home }))
      expect(value, surface).toBe(4_534_960 / 10_000_000);
    // One reading: the server's formatter, the client's formatter, the HTML, the PDF and the spreadsheet's format.
    expect(plain(percent(s.values.autonomy))).toBe('45,3 %');
    expect(plain(formatPercent(s.home.home))).toBe('45,3 %');
    expect(s.html).toContain('<div class="value">45,3 %</div>');
    expect(s.html).toContain('<td class="num">45,3 %</td>');
    expect(s.html).not.toContain('45,4 %');
    expect(s.pdf).toContain('45,3 %');
    expect(s.pdf).not.toContain('45,4 %');
    const figures = s.xlsx.getWorksheet('Chiffres clés')!;
    const row = figures.getRows(2, figures.rowCount - 1)!.find((r) => r.getCell(1).value === "Taux d'autonomie")!;
    expect(row.getCell(2).value).toBe(0.453496);
    expect(row.getCell(2).numFmt).toBe('0.0 %');
  });

  it('reads residual waste « -2,6 % » everywhere when its exact change is -2,6451 % (never -2,7 % from a second rounding)', async () => {
    const start = addDays(todayInFrance(), -200);
    const pilot = await lead.http.post('/api/pilots', {
      name: `Déchets ${randomUUID().slice(0, 4)}`,
      communes: [{ name: 'Haux' }],
      inhabitants: 4000,
      startDate: start,
      waveYear: 2023,
    });
    expect(pilot.status).toBe(201);
    const pilotId = pilot.body.id as string;
    // Year 1 stands for the calendar year holding most of it; the baseline is the year before the start's.
    const baselineYear = Number(start.slice(0, 4)) - 1;
    const wasteYear = Number(addDays(start, 182).slice(0, 4));
    for (const [year, residual] of [
      [baselineYear, 1000],
      [wasteYear, 973.549],
    ]) {
      const put = await lead.http.put(`/api/pilots/${pilotId}/waste/${year}`, {
        population: 4000,
        tonnes: { residual },
      });
      expect(put.status, put.text).toBe(200);
    }
    const exactKg = 973_549 / 4000;
    const exactChange = -26_451 / 1_000_000;

    // The figures stay exact through the waste API, the autonomy indicators, the home and the report.
    const waste = await lead.http.get(`/api/pilots/${pilotId}/waste`);
    const year = waste.body.years.find((y: { year: number }) => y.year === wasteYear);
    expect(year.kgPerInhabitant.residual).toBe(exactKg);
    expect(year.residualChangeVsBaseline).toBe(exactChange);
    const s = await everySurface(pilotId);
    const autonomy = await lead.http.get(`/api/pilots/${pilotId}/autonomy`);
    const year1 = autonomy.body.indicators.years.find((y: { year: number }) => y.year === 1);
    expect(year1.wasteYear).toBe(wasteYear);
    expect(year1.values.residualKgPerInhabitant).toBe(exactKg);
    expect(year1.values.residualChangeVsBaseline).toBe(exactChange);
    const home = (await lead.http.get('/api/home')).body.lead.pilots.find((p: { id: string }) => p.id === pilotId);
    expect(home.residualChangeVsBaseline).toBe(exactChange);
    expect(s.report.figures.wasteYear).toBe(wasteYear);
    expect(s.report.figures.residualKgPerInhabitant).toBe(exactKg);
    expect(s.report.figures.residualChangeVsBaseline).toBe(exactChange);

    // Rounded once, at display: the formatters, the report's HTML (key figures and waste table), the PDF.
    expect(plain(percent(exactChange))).toBe('-2,6 %');
    expect(plain(formatPercent(home.residualChangeVsBaseline))).toBe('-2,6 %');
    expect(plain(number(exactKg))).toBe('243,4');
    expect(s.html).toContain('<div class="value">-2,6 %</div>');
    expect(s.html).toContain('<div class="value">243,4</div>');
    expect(s.html).toContain('<td class="num">-2,6 %</td>');
    expect(s.html).not.toContain('2,7 %');
    expect(s.pdf).toContain('-2,6 %');
    expect(s.pdf).not.toContain('2,7 %');
    // The spreadsheet holds the exact values; its number formats show them to 0.1 % and 0.1 kg.
    const figures = s.xlsx.getWorksheet('Chiffres clés')!;
    const rows = figures.getRows(2, figures.rowCount - 1)!;
    const change = rows.find((r) => String(r.getCell(1).value).startsWith('Évolution des OMR'))!;
    expect(change.getCell(2).value).toBe(exactChange);
    expect(change.getCell(2).numFmt).toBe('0.0 %');
    const kg = rows.find((r) => String(r.getCell(1).value).startsWith('OMR par habitant'))!;
    expect(kg.getCell(2).value).toBe(exactKg);
    expect(kg.getCell(2).numFmt).toBe('#,##0.0');
    // A figure whole at the tenth shows no decimal, as on the pages (« 250 », not « 250,0 »).
    const sheet = s.xlsx.getWorksheet('Déchets')!;
    const residual = (sheet.getRow(1).values as unknown[]).findIndex((h) => String(h).startsWith('Ordures'));
    const cells = sheet.getRows(2, 2)!.map((r) => r.getCell(residual));
    expect(cells.map((c) => [c.value, c.numFmt])).toEqual([
      [250, '#,##0'],
      [exactKg, '#,##0.0'],
    ]);
  });

  it('agrees for the demo-like pilot too: ratio, amounts and waste year the same on every surface', async () => {
    const { pilotId } = await seedPilotYear(lead.http);
    const s = await everySurface(pilotId);
    const exact = (1_000_001 + 250_050 + 333_333) / (3_000_000 + 1_000_001 + 250_050 + 333_333);
    for (const [surface, value] of Object.entries(s.values)) expect(value, surface).toBe(exact);
    // The home shows the current year (year 2 here), exactly as the funding and autonomy pages show that year.
    expect(s.current).toBe(2);
    expect(s.home.home).toBe(s.home.funding);
    expect(s.home.home).toBe(s.home.autonomy);
    const shown = plain(percent(exact));
    expect(plain(formatPercent(exact))).toBe(shown);
    expect(s.html).toContain(`<div class="value">${shown}</div>`);
    expect(s.pdf).toContain(shown);
    const cofinancing = plain(euros(s.report.figures.cofinancingCents));
    expect(cofinancing).toBe('12 500,51 €');
    expect(s.html).toContain(cofinancing);
    expect(s.pdf).toContain(cofinancing);
    // The key figures and the indicator table use the same waste year.
    const autonomy = await lead.http.get(`/api/pilots/${pilotId}/autonomy`);
    const year1 = autonomy.body.indicators.years.find((y: { year: number }) => y.year === 1);
    expect(s.report.figures.wasteYear).toBe(year1.wasteYear);
    expect(s.report.figures.residualKgPerInhabitant).toBe(year1.values.residualKgPerInhabitant);
  });

  it('words a target and its verdict once: « ≥ 50 % » and the same verdict on the autonomy page and in the report', async () => {
    const { pilotId } = await seedPilotYear(lead.http);
    const autonomy = await lead.http.get(`/api/pilots/${pilotId}/autonomy`);
    const target = autonomy.body.milestones.find(
      (m: { target: { indicator: string } | null }) => m.target?.indicator === 'autonomyRatio',
    );
    expect(target.target.value).toBe(0.5);
    // Year 2 is running with only Smicval's money so far: not met, not final.
    expect(target.targetVerdict).toBe('not_met_so_far');
    const s = await everySurface(pilotId);
    expect(s.html).toContain('≥ 50 % en année 2 : cible non atteinte à ce jour');
    expect(s.html).not.toMatch(/[≥≤] 0\.\d/);
    const jalons = s.xlsx.getWorksheet('Jalons')!;
    const row = jalons
      .getRows(2, jalons.rowCount - 1)!
      .find((r) => String(r.getCell(5).value ?? '').includes('≥ 50 %'))!;
    expect(row.getCell(6).value).toBe('cible non atteinte à ce jour');
  });
});
