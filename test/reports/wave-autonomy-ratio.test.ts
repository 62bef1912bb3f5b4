import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, SignedIn } from '../factories/users';
import { createPilot, postEntry } from '../funding/funding-helpers';
import { createTestApp, TestApp } from '../support/test-app';
import { download, readXlsx, waitForReport } from './report-helpers';

/**
 * The wave's autonomy ratio is consolidated: the own resources (co-financing + in-kind) of every pilot of the call
 * over all their operating resources, divided once (`autonomyRatio` in src/funding/entitlements.ts) — never the
 * average of the pilots' ratios. Pilot A: 1 M€ own of 4 M€ (25 %); pilot B: 1 M€ own of 2 M€ (50 %). The wave:
 * 2 of 6 (33,3 %), where an average would say 37,5 % and swapped terms 300 %.
 */
describe('wave report: one consolidated autonomy ratio', () => {
  let t: TestApp;
  let lead: SignedIn;
  let callId: string;
  const names = { a: `Vague A ${randomUUID().slice(0, 4)}`, b: `Vague B ${randomUUID().slice(0, 4)}` };

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    const call = await lead.http.post('/api/calls', {
      title: `Appel 2023 — autonomie ${randomUUID().slice(0, 4)}`,
      waveYear: 2023,
      intentionDeadline: '2099-06-02',
      engagementDeadline: '2099-09-01',
    });
    expect(call.status, call.text).toBe(201);
    callId = call.body.id;
    const a = await createPilot(lead.http, { name: names.a, inhabitants: 1500, startDate: '2023-11-15' });
    const b = await createPilot(lead.http, { name: names.b, inhabitants: 1000, startDate: '2023-11-15' });
    await t.sql(`UPDATE pilots SET call_id = $1, wave_year = 2023 WHERE id = ANY($2::uuid[])`, [callId, [a, b]]);
    const own = (type: 'cofinancing' | 'in_kind', amountCents: number) => ({
      type,
      year: 1,
      amountCents,
      date: '2024-03-01',
      reference: `DELIB-${randomUUID().slice(0, 6)}`,
      source: 'Commune',
      sourceKind: 'commune',
    });
    const operating = (amountCents: number) => ({
      type: 'disbursement',
      fund: 'operating',
      year: 1,
      amountCents,
      date: '2024-01-10',
      reference: `MANDAT-${randomUUID().slice(0, 6)}`,
    });
    for (const [pilotId, body] of [
      [a, operating(3_000_000)],
      [a, own('cofinancing', 600_000)],
      [a, own('in_kind', 400_000)],
      [b, operating(1_000_000)],
      [b, own('cofinancing', 1_000_000)],
    ] as const) {
      const res = await postEntry(lead.http, pilotId, body);
      expect(res.status, res.text).toBe(201);
    }
    // Each pilot's own ratio, as its funding page shows it.
    expect((await lead.http.get(`/api/pilots/${a}/funding`)).body.years[0].autonomyRatio).toBe(0.25);
    expect((await lead.http.get(`/api/pilots/${b}/funding`)).body.years[0].autonomyRatio).toBe(0.5);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function waveReport(body: Record<string, unknown>) {
    const res = await lead.http.post(`/api/calls/${callId}/reports`, { audience: 'board', ...body });
    expect(res.status, res.text).toBe(202);
    const done = await waitForReport(lead.http, res.body.id);
    expect(done.status).toBe('done');
    return done;
  }

  it('divides the sums for one project year, not the average of the pilots’ ratios', async () => {
    const done = await waveReport({ year: 1 });
    expect(done.figures.cofinancingCents).toBe(1_600_000);
    expect(done.figures.inKindCents).toBe(400_000);
    expect(done.figures.autonomyRatio).toBe(2_000_000 / 6_000_000);
  });

  it('does the same over the wave’s whole life, with each pilot’s own life ratio in the spreadsheet', async () => {
    const done = await waveReport({});
    expect(done.year).toBeNull();
    expect(done.figures.autonomyRatio).toBe(2_000_000 / 6_000_000);
    const xlsx = await readXlsx((await download(t, lead.user.email, `/api/reports/${done.id}/xlsx`)).bytes);
    const sheet = xlsx.getWorksheet('Pilotes')!;
    const ratios = new Map<string, unknown>();
    sheet.eachRow((row, n) => {
      if (n > 1) ratios.set(String(row.getCell(1).value), row.getCell(8).value);
    });
    expect(ratios.get(names.a)).toBe(0.25);
    expect(ratios.get(names.b)).toBe(0.5);
    expect(ratios.get('Total')).toBe(2_000_000 / 6_000_000);
  });
});
