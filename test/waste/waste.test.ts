import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPilot } from '../factories/pilots';
import { addMember, signIn, SignedIn, signInAs } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

const tonnes = { residual: 300, packaging: 60, glass: 36, biowaste: 12, recyclingCentre: 240, reuse: 6 };

describe('waste per inhabitant', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinator: SignedIn;
  let reviewer: SignedIn;
  let pilotId: string;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    coordinator = await signIn(t, 'coordinator');
    reviewer = await signIn(t, 'reviewer');
    pilotId = (await createPilot(lead.http, { startDate: '2023-11-15', inhabitants: 1200 })).id;
    await addMember(lead.http, pilotId, coordinator.user.id, 'coordinator');
    await addMember(lead.http, pilotId, reviewer.user.id, 'reviewer');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('turns tonnes into kg per inhabitant and compares residual waste with the baseline year', async () => {
    const base = await lead.http.put(`/api/pilots/${pilotId}/waste/2022`, { tonnes });
    expect(base.status).toBe(200);
    expect(base.body).toMatchObject({
      year: 2022,
      population: 1200,
      populationSource: 'pilot',
      residualChangeVsBaseline: 0,
    });
    expect(base.body.kgPerInhabitant).toEqual({
      residual: 250,
      packaging: 50,
      glass: 30,
      biowaste: 10,
      recyclingCentre: 200,
      reuse: 5,
      total: 545,
    });

    const y2024 = await coordinator.http.put(`/api/pilots/${pilotId}/waste/2024`, {
      tonnes: { ...tonnes, residual: 264, biowaste: null },
    });
    expect(y2024.status).toBe(200);
    const got = await reviewer.http.get(`/api/pilots/${pilotId}/waste`);
    expect(got.status).toBe(200);
    expect(got.body.baselineYear).toBe(2022);
    expect(got.body.lastYear).toBe(2026);
    expect(got.body.years.map((y: { year: number }) => y.year)).toEqual([2022, 2024]);
    expect(got.body.years[1]).toMatchObject({
      tonnes: { residual: 264, biowaste: null },
      kgPerInhabitant: { residual: 220, biowaste: null, total: 505 },
      residualChangeVsBaseline: -0.12,
    });
    const audit = await t.sql(
      `SELECT action, after FROM audit_log WHERE entity = 'waste_year' AND pilot_id = $1 ORDER BY id`,
      [pilotId],
    );
    expect(audit.map((a) => a.action)).toEqual(['waste.create', 'waste.create']);
  });

  it('follows amendments of the inhabitants figure unless a population was entered for the year', async () => {
    await lead.http.put(`/api/pilots/${pilotId}/waste/2023`, { population: 1000, tonnes });
    const amend = await lead.http.post(`/api/pilots/${pilotId}/amendments`, {
      inhabitants: 1500,
      effectiveDate: '2024-06-01',
      reason: 'Recensement complémentaire',
    });
    expect(amend.status).toBe(201);
    const years = (await lead.http.get(`/api/pilots/${pilotId}/waste`)).body.years;
    const by = (y: number) => years.find((x: { year: number }) => x.year === y);
    expect(by(2022)).toMatchObject({ population: 1200, kgPerInhabitant: { residual: 250 } });
    expect(by(2023)).toMatchObject({
      population: 1000,
      populationSource: 'entered',
      kgPerInhabitant: { residual: 300 },
    });
    expect(by(2024)).toMatchObject({
      population: 1500,
      populationSource: 'pilot',
      kgPerInhabitant: { residual: 176 },
      residualChangeVsBaseline: -0.296,
    });
    // The autonomy indicators read the same figures (project year 1 ↔ calendar 2024).
    const autonomy = await lead.http.get(`/api/pilots/${pilotId}/autonomy`);
    expect(autonomy.body.indicators.years[0]).toMatchObject({
      wasteYear: 2024,
      values: { residualKgPerInhabitant: 176, residualChangeVsBaseline: -0.296 },
    });
    expect(autonomy.body.indicators.baselineResidualKgPerInhabitant).toBe(250);
  });

  it('replaces a year’s figures and audits what changed', async () => {
    const res = await lead.http.put(`/api/pilots/${pilotId}/waste/2024`, { tonnes: { ...tonnes, residual: 240 } });
    expect(res.status).toBe(200);
    expect(res.body.kgPerInhabitant.residual).toBe(160);
    const [a] = await t.sql(`SELECT before, after FROM audit_log WHERE action = 'waste.update' AND entity_id = $1`, [
      `${pilotId}:2024`,
    ]);
    expect(a).toEqual({ before: { residual: 264000, biowaste: null }, after: { residual: 240000, biowaste: 12000 } });
  });

  it('refuses bad input with a 400 and writes nothing', async () => {
    const snapshot = async () => [
      await t.sql(`SELECT * FROM waste_years ORDER BY year`),
      (await t.sql(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'waste_year'`))[0].n,
    ];
    const before = await snapshot();
    const cases: [string, unknown, string][] = [
      ['2025', { tonnes: { ...tonnes, residual: -1 } }, 'tonnes.residual'],
      ['2025', { tonnes: { ...tonnes, glass: -0.5 } }, 'tonnes.glass'],
      ['2025', { tonnes: { ...tonnes, plastic: 3 } }, 'tonnes.plastic'],
      ['2025', { tonnes: { packaging: 3 } }, 'tonnes.residual'],
      ['2025', { tonnes: { ...tonnes, residual: 1e9 } }, 'tonnes.residual'],
      ['2025', { tonnes: { ...tonnes, residual: '300' } }, 'tonnes.residual'],
      ['2025', { population: 0, tonnes }, 'population'],
      ['2025', { population: 12.5, tonnes }, 'population'],
      ['2025', { tonnes, comment: 'x' }, 'comment'],
      ['2025', {}, 'tonnes'],
      ['2021', { tonnes }, 'year'],
      ['2027', { tonnes }, 'year'],
      ['deux-mille', { tonnes }, 'year'],
    ];
    for (const [year, body, field] of cases) {
      const res = await coordinator.http.put(`/api/pilots/${pilotId}/waste/${year}`, body);
      expect(res.status, `${year} ${JSON.stringify(body)}`).toBe(400);
      expect(
        res.body.errors?.map((e: { field: string }) => e.field),
        `${year} ${JSON.stringify(body)}`,
      ).toContain(field);
    }
    const outside = await coordinator.http.put(`/api/pilots/${pilotId}/waste/2021`, { tonnes });
    expect(outside.body.code).toBe('waste_year_out_of_range');
    expect(await snapshot()).toEqual(before);
  });

  it('lets the lead and the pilot’s coordinator write, the reviewer only read, and hides other pilots', async () => {
    expect((await reviewer.http.put(`/api/pilots/${pilotId}/waste/2025`, { tonnes })).status).toBe(403);
    expect(await t.sql(`SELECT 1 FROM waste_years WHERE pilot_id = $1 AND year = 2025`, [pilotId])).toHaveLength(0);
    const stranger = await signIn(t, 'coordinator');
    expect((await stranger.http.put(`/api/pilots/${pilotId}/waste/2025`, { tonnes })).status).toBe(404);
    expect((await stranger.http.get(`/api/pilots/${pilotId}/waste`)).status).toBe(404);
    const committee = await signIn(t, 'committee');
    expect((await committee.http.get(`/api/pilots/${pilotId}/waste`)).status).toBe(403);
    const again = await signInAs(t, coordinator.user.email);
    expect((await again.http.put(`/api/pilots/${pilotId}/waste/2026`, { population: 1480, tonnes })).status).toBe(200);
  });

  it('needs a start date to place the baseline (409 before it)', async () => {
    const unstarted = (
      await createPilot(lead.http, { startDate: null, status: 'preparation', name: 'Pilote en préparation' })
    ).id;
    const res = await lead.http.put(`/api/pilots/${unstarted}/waste/2024`, { tonnes });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('waste_needs_start_date');
    expect((await lead.http.get(`/api/pilots/${unstarted}/waste`)).body).toEqual({
      baselineYear: null,
      firstYear: null,
      lastYear: null,
      years: [],
    });
  });
});
