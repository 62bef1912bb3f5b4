import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * A generated programme, inserted in a few set-based statements: pilots of three waves (one in ten still in
 * preparation), amendments, ledger entries (one reversed), activities, milestones (one late, one autonomy
 * target), waste figures and an issued report.
 */
async function generatePilots(t: TestApp, from: number, to: number): Promise<string[]> {
  const pilots = await t.sql<{ id: string }>(
    `INSERT INTO pilots (name, communes, inhabitants, inhabitants_source, start_date, status, wave_year)
     SELECT 'Pilote généré ' || lpad(g::text, 3, '0'), jsonb_build_array(jsonb_build_object('name', 'Commune ' || g)),
            800 + (g * 37) % 700, 'INSEE', CASE WHEN g % 10 = 0 THEN NULL ELSE current_date - (60 + (g * 53) % 900) END,
            CASE WHEN g % 10 = 0 THEN 'preparation' ELSE 'running' END, 2023 + g % 3
       FROM generate_series($1::int, $2::int) g RETURNING id`,
    [from, to],
  );
  const ids = pilots.map((p) => p.id);
  await t.sql(
    `INSERT INTO pilot_amendments (pilot_id, inhabitants, effective_date, reason)
     SELECT id, inhabitants + 50, start_date + 200, 'Recensement' FROM pilots WHERE id = ANY($1) AND start_date IS NOT NULL AND inhabitants % 5 = 0`,
    [ids],
  );
  await t.sql(
    `WITH p AS (SELECT id, inhabitants, start_date FROM pilots WHERE id = ANY($1) AND start_date IS NOT NULL)
     INSERT INTO ledger_entries (pilot_id, type, fund, year, amount_cents, entry_date, reference, category, supplier, source, source_kind)
     SELECT id, 'disbursement', 'investment', 1, inhabitants * 4000, start_date, 'MANDAT-I1', NULL, NULL, NULL, NULL FROM p
     UNION ALL SELECT id, 'disbursement', 'operating', 1, inhabitants * 2000, start_date, 'MANDAT-O1', NULL, NULL, NULL, NULL FROM p
     UNION ALL SELECT id, 'expense', 'investment', 1, inhabitants * 1500, start_date + 20, 'FAC-1', 'works', 'Menuiserie', NULL, NULL FROM p
     UNION ALL SELECT id, 'expense', 'operating', 1, inhabitants * 300, start_date + 25, 'FAC-2', 'staff', 'Animation', NULL, NULL FROM p
     UNION ALL SELECT id, 'cofinancing', NULL, 1, inhabitants * 700, start_date + 40, 'SUB-1', NULL, NULL, 'Département', 'grant' FROM p
     UNION ALL SELECT id, 'in_kind', NULL, 1, inhabitants * 100, start_date + 50, 'NAT-1', NULL, NULL, 'Commune', 'commune' FROM p
     UNION ALL SELECT id, 'disbursement', 'operating', 2, 12345, start_date + 30, 'DOUBLON', NULL, NULL, NULL, NULL FROM p`,
    [ids],
  );
  await t.sql(
    `INSERT INTO ledger_entries (pilot_id, type, fund, year, amount_cents, entry_date, reference, reverses_entry_id, reason)
     SELECT pilot_id, 'reversal', fund, year, amount_cents, entry_date, 'ANNUL', id, 'Saisie en double'
       FROM ledger_entries WHERE pilot_id = ANY($1) AND reference = 'DOUBLON'`,
    [ids],
  );
  await t.sql(
    `INSERT INTO activities (pilot_id, date, title, type, policies, participants, volunteers, volunteer_hours, diverted_compost_kg)
     SELECT p.id, LEAST(current_date, COALESCE(p.start_date, current_date - 100) + k * 45), 'Atelier ' || k, 'workshop',
            ARRAY['waste_reduction'], 5 + k * 3, k, k * 1.5, k * 2.25
       FROM pilots p CROSS JOIN generate_series(1, 8) k WHERE p.id = ANY($1)`,
    [ids],
  );
  await t.sql(
    `INSERT INTO milestones (pilot_id, title, due_date, status, target_indicator, target_operator, target_value, target_year)
     SELECT id, 'Gouvernance installée', start_date + 90, 'planned', NULL::text, NULL::text, NULL::float8, NULL::int FROM pilots WHERE id = ANY($1) AND start_date IS NOT NULL
     UNION ALL SELECT id, 'Lieu ouvert', start_date + 180, 'done', NULL, NULL, NULL, NULL FROM pilots WHERE id = ANY($1) AND start_date IS NOT NULL
     UNION ALL SELECT id, 'Autonomie 50 %', start_date + 729, 'planned', 'autonomyRatio', 'gte', 0.5, 2 FROM pilots WHERE id = ANY($1) AND start_date IS NOT NULL`,
    [ids],
  );
  await t.sql(
    `INSERT INTO waste_years (pilot_id, year, residual_kg, packaging_kg)
     SELECT id, extract(year FROM start_date)::int - 1 + y, inhabitants * (240 - y * 12), inhabitants * 50
       FROM pilots CROSS JOIN generate_series(0, 1) y WHERE id = ANY($1) AND start_date IS NOT NULL`,
    [ids],
  );
  await t.sql(
    `INSERT INTO reports (kind, pilot_id, year, audience, version, series_key, status, progress, job_id, snapshot, snapshot_sha256, issued_at, finished_at)
     SELECT 'pilot', id, 1, 'board', 1, 'pilot:' || id || ':1:board', 'done', 100, 'job-' || id, '{}'::jsonb, repeat('b', 64), now(), now()
       FROM pilots WHERE id = ANY($1) AND start_date IS NOT NULL`,
    [ids],
  );
  return ids;
}

/** Every pilot matching the query, page after page. */
async function allPages(lead: SignedIn, query: string, pageSize: number): Promise<any[]> {
  const pilots: any[] = [];
  for (let page = 1; ; page++) {
    const res = await lead.http.get(`/api/home?pageSize=${pageSize}&page=${page}${query}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.lead.page).toMatchObject({ page, pageSize });
    pilots.push(...res.body.lead.pilots);
    if (page * pageSize >= res.body.lead.page.total) {
      expect(pilots).toHaveLength(res.body.lead.page.total);
      return pilots;
    }
    expect(res.body.lead.pilots).toHaveLength(pageSize);
  }
}

describe('the lead’s home over a generated programme', () => {
  let t: TestApp;
  let lead: SignedIn;
  let statements: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    // Count every SQL statement TypeORM runs: its logger hears each one, whatever the logging level.
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const original = ds.logger.logQuery.bind(ds.logger);
    ds.logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      return original(query, parameters, runner);
    };
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function measuredHome(query = ''): Promise<{ body: any; count: number; ms: number }> {
    statements = [];
    const started = performance.now();
    const res = await lead.http.get(`/api/home${query}`);
    const ms = performance.now() - started;
    expect(res.status, res.text).toBe(200);
    return { body: res.body, count: statements.length, ms };
  }

  it('answers one page of pilots with the same small number of statements, and programme totals over every pilot', async () => {
    await generatePilots(t, 1, 10);
    const ten = await measuredHome();
    expect(ten.body.lead.pilots).toHaveLength(10);
    expect(ten.body.lead.page).toEqual({ page: 1, pageSize: 25, total: 10 });
    await generatePilots(t, 11, 100);
    const hundred = await measuredHome();
    // The first page only: the answer does not grow with the programme.
    expect(hundred.body.lead.pilots).toHaveLength(25);
    expect(hundred.body.lead.page).toEqual({ page: 1, pageSize: 25, total: 100 });
    console.info(
      `home (lead): ${ten.count} statements for 10 pilots (${ten.ms.toFixed(0)} ms, ${JSON.stringify(ten.body).length} B), ` +
        `${hundred.count} for 100 pilots (${hundred.ms.toFixed(0)} ms, ${JSON.stringify(hundred.body).length} B)`,
    );
    expect(hundred.count).toBe(ten.count);
    expect(hundred.count).toBeLessThanOrEqual(12);
    expect(hundred.body.lead.waves).toEqual([2025, 2024, 2023]);

    // The totals computed in SQL are the sums of the pilots' own figures, over every page.
    const every = await allPages(lead, '', 30);
    expect(new Set(every.map((p) => p.id)).size).toBe(100);
    const sum = (f: (p: any) => number) => every.reduce((s, p) => s + f(p), 0);
    const count = (f: (p: any) => boolean) => every.filter(f).length;
    const totals = hundred.body.lead.totals;
    expect(totals).toEqual({
      pilots: 100,
      byStatus: { preparation: 10, running: 90, autonomous: 0, ended: 0 },
      byStage: { preparation: 10, running: 90, bilan: 0, autonomous: 0, ended: 0 },
      inhabitants: sum((p) => p.inhabitants),
      entitledCents: sum((p) => p.funding.totals.entitledCents),
      disbursedCents: sum((p) => p.funding.totals.disbursedCents),
      spentCents: sum((p) => p.funding.totals.spentCents),
      lateMilestones: sum((p) => p.lateMilestones.length),
      instalmentsDue: sum((p) => p.instalmentsDue.length),
      activitiesThisYear: sum((p) => p.thisYear.activities),
      participantsThisYear: sum((p) => p.thisYear.participants),
    });
    expect(totals.lateMilestones).toBeGreaterThan(0);
    expect(totals.activitiesThisYear).toBeGreaterThan(0);
    expect(count((p) => p.status === 'preparation')).toBe(10);

    // Programme totals reconcile with the ledger itself.
    const [sums] = await t.sql<{ disbursed: string; spent: string }>(
      `SELECT COALESCE(sum(amount_cents) FILTER (WHERE type = 'disbursement'), 0)::text AS disbursed,
              COALESCE(sum(amount_cents) FILTER (WHERE type = 'expense'), 0)::text AS spent
         FROM ledger_entries e WHERE type <> 'reversal' AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_entry_id = e.id)`,
    );
    expect(totals).toMatchObject({ disbursedCents: Number(sums.disbursed), spentCents: Number(sums.spent) });

    // A few pilots (with and without amendments, one in preparation) against their own pages.
    const amended = await t.sql<{ pilot_id: string }>(`SELECT pilot_id FROM pilot_amendments LIMIT 1`);
    const picks = [every[0], every[57], every.find((p) => p.status === 'preparation')];
    if (amended[0]) picks.push(every.find((p) => p.id === amended[0].pilot_id));
    for (const row of picks) {
      const [funding, overview] = await Promise.all([
        lead.http.get(`/api/pilots/${row.id}/funding`),
        lead.http.get(`/api/pilots/${row.id}/overview`),
      ]);
      expect(funding.status).toBe(200);
      for (const fund of ['investment', 'operating'] as const) {
        expect(row.funding[fund]).toMatchObject({
          entitledCents: funding.body.balances[fund].entitledCents,
          disbursedCents: funding.body.balances[fund].disbursedCents,
          spentCents: funding.body.balances[fund].spentCents,
        });
      }
      expect(row.inhabitants).toBe(funding.body.inhabitants);
      for (const y of row.autonomy)
        expect(y.ratio).toBe(funding.body.years.find((f: any) => f.year === y.year)?.autonomyRatio ?? null);
      expect(row.thisYear.activities).toBe(overview.body.current.figures.activities);
      expect(row.thisYear.participants).toBe(overview.body.current.figures.participants);
      expect(row.thisYear.divertedKg).toBe(overview.body.current.figures.divertedKg.total);
    }
  }, 120_000);
});

describe('the lead’s page of pilots: filters and paging input', () => {
  let t: TestApp;
  let lead: SignedIn;
  let over: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    await generatePilots(t, 1, 100);
    // A pilot whose three operating years are over, still running: « bilan ».
    [over] = await t.sql<{ id: string }>(
      `INSERT INTO pilots (name, communes, inhabitants, inhabitants_source, start_date, status, wave_year)
       VALUES ('Pilote achevé', '[{"name":"Sauveterre-de-Guyenne"}]', 900, 'INSEE', current_date - 1200, 'running', 2022)
       RETURNING id`,
    );
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function measuredHome(query = ''): Promise<{ body: any }> {
    const res = await lead.http.get(`/api/home${query}`);
    expect(res.status, res.text).toBe(200);
    return { body: res.body };
  }

  it('filters the pilots by wave, status, stage and name in SQL, the totals staying the programme’s', async () => {
    const wave = await allPages(lead, '&waveYear=2024', 10);
    const [{ n: inWave }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pilots WHERE wave_year = 2024`);
    expect(wave).toHaveLength(inWave);
    expect(wave.every((p) => p.waveYear === 2024)).toBe(true);

    const preparing = await allPages(lead, '&status=preparation', 4);
    expect(preparing).toHaveLength(10);
    expect(preparing.every((p) => p.status === 'preparation' && p.startDate === null)).toBe(true);

    const bilan = await measuredHome('?stage=bilan');
    expect(bilan.body.lead.pilots.map((p: any) => [p.id, p.stage])).toEqual([[over.id, 'bilan']]);
    expect(bilan.body.lead.totals.byStage.bilan).toBe(1);
    expect(bilan.body.lead.totals.pilots).toBe(101);
    expect(bilan.body.lead.inBilan).toEqual([{ id: over.id, name: 'Pilote achevé', operatingYears: 3 }]);
    expect((await measuredHome('?stage=running')).body.lead.page.total).toBe(90);

    // Name or commune, case and accents ignored; % and _ are literal.
    const byName = await measuredHome('?q=PILOTE%20GENERE%20007');
    expect(byName.body.lead.pilots.map((p: any) => p.name)).toEqual(['Pilote généré 007']);
    const byCommune = await measuredHome(`?q=${encodeURIComponent('sauveterre-de-guyenne')}`);
    expect(byCommune.body.lead.pilots.map((p: any) => p.id)).toEqual([over.id]);
    expect((await measuredHome('?q=%25%25')).body.lead.page.total).toBe(0);

    // Filters combine; a page beyond the last is empty, not an error.
    const combined = await measuredHome('?waveYear=2023&status=preparation&pageSize=100');
    expect(combined.body.lead.pilots.every((p: any) => p.waveYear === 2023 && p.status === 'preparation')).toBe(true);
    const beyond = await measuredHome('?page=50');
    expect(beyond.body.lead.pilots).toEqual([]);
    expect(beyond.body.lead.page.total).toBe(101);
  }, 120_000);

  it('refuses bad paging and filters with a French 400, and other roles ignore the lead’s paging', async () => {
    for (const query of [
      'page=0',
      'page=-1',
      'page=abc',
      'page=1.5',
      'pageSize=0',
      'pageSize=101',
      'status=paused',
      'stage=closed',
      'waveYear=99',
      'q=a',
      'sort=name',
    ]) {
      const res = await lead.http.get(`/api/home?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.detail).toBe('Certaines informations saisies sont invalides.');
      expect(res.body.errors[0].field).toBe(query.split('=')[0]);
      expect(res.body.errors[0].message).toMatch(/[a-zé]/);
    }
    const reviewer = await signIn(t, 'reviewer');
    const res = await reviewer.http.get('/api/home?page=2&pageSize=5');
    expect(res.status).toBe(200);
    expect(res.body.lead).toBeUndefined();
    expect(res.body.reviewer.pilots).toEqual([]);
  }, 60_000);
});
