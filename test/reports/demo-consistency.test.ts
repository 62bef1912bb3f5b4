import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIndicator } from '../../client/src/i18n/format';
import { milestoneStatusLabels, targetVerdictLabels } from '../../src/common/labels-fr';
import { DEMO_USERS, seedDemo } from '../../src/demo/demo.seed';
import type { FinalSnapshot } from '../../src/reports/report.types';
import { signInAs, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';
import { agree, byLabel, cellReads, escape, pdfShows, plain, reads } from './figure-readings';
import { pilotTruth, PilotTruth, YearTruth } from './figures-truth';
import { download, pdfText, readXlsx } from './report-helpers';

type Body = Record<string, any>;
type Target = NonNullable<PilotTruth['milestones'][number]['target']>;

/** A target's measured value, from the rows (the demo's targets are on these indicators). */
function measured(truth: PilotTruth, target: Target): number | null {
  const y = truth.years.find((v) => v.year === target.year);
  if (!y) throw new Error(`no figures for year ${target.year}`);
  if (!(target.indicator in y)) throw new Error(`a target on ${target.indicator} is not derived here`);
  return y[target.indicator as keyof YearTruth] as number | null;
}

const isMet = (target: Target, actual: number | null) =>
  actual === null ? null : target.operator === 'gte' ? actual >= target.value : actual <= target.value;

describe('the seeded demo reads the same figures on the home, the pilot pages and the issued reports', () => {
  let t: TestApp;
  let truth: PilotTruth;
  let y1: YearTruth;
  let current: YearTruth;
  let pilotId: string;
  const lead = {} as Record<string, Body>;
  const coordinator = {} as Record<string, Body>;
  let report: Body;
  let html: string;
  let pdf: string;
  let xlsx: ExcelJS.Workbook;
  let asLead: SignedIn;

  const demo = (key: 'lead' | 'coordinator') => DEMO_USERS.find((u) => u.key === key)!;
  const homeRow = (home: Body, role: 'lead' | 'coordinator') =>
    home[role].pilots.find((p: { id: string }) => p.id === pilotId);

  /** The home, the indicators' catalogue and the pilot's pages (record, funding, autonomy, overview, waste). */
  async function pages(who: SignedIn, into: Record<string, Body>) {
    const pilot = `/api/pilots/${pilotId}`;
    const paths = ['funding', 'autonomy', 'overview', 'waste'].map((p) => [p, `${pilot}/${p}`]);
    paths.push(['home', '/api/home'], ['catalogue', '/api/indicators'], ['record', pilot]);
    for (const [key, path] of paths) {
      const res = await who.http.get(path);
      expect(res.status, `${key}: ${res.text}`).toBe(200);
      into[key] = res.body;
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app);
    let asCoordinator: SignedIn;
    [asLead, asCoordinator] = await Promise.all(
      (['lead', 'coordinator'] as const).map((k) => signInAs(t, demo(k).email, demo(k).password)),
    );
    // The coordinator's pilot: the demo's running one, whose year-1 report was issued at seeding.
    const home = await asCoordinator.http.get('/api/home');
    pilotId = home.body.coordinator.pilots[0].id;
    await pages(asLead, lead);
    await pages(asCoordinator, coordinator);
    const currentYear = lead.overview.currentProjectYear as number;
    truth = await pilotTruth(t, pilotId, [1, currentYear]);
    [y1, current] = truth.years;
    const { items } = (await asLead.http.get(`/api/pilots/${pilotId}/reports`)).body;
    expect(items.map((r: Body) => [r.year, r.status, Boolean(r.issuedAt)])).toEqual([[1, 'done', true]]);
    report = items[0];
    html = plain((await asLead.http.get(`/api/reports/${report.id}/html`)).text);
    // The coordinator reads the same issued report: its figures and its HTML.
    coordinator.report = (await asCoordinator.http.get(`/api/reports/${report.id}`)).body;
    coordinator.html = { text: plain((await asCoordinator.http.get(`/api/reports/${report.id}/html`)).text) };
    const { email, password } = demo('lead');
    pdf = (await pdfText((await download(t, email, `/api/reports/${report.id}/pdf`, password)).bytes)).text;
    xlsx = await readXlsx((await download(t, email, `/api/reports/${report.id}/xlsx`, password)).bytes);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('shows the lead and the coordinator the same pilot pages and the same home figures', () => {
    expect(current.year).toBeGreaterThan(1);
    for (const page of ['record', 'funding', 'autonomy', 'overview', 'waste'])
      expect(coordinator[page], page).toEqual(lead[page]);
    expect([coordinator.report.figures, coordinator.html.text]).toEqual([report.figures, html]);
    const { todo: _todo, ...coordinatorRow } = homeRow(coordinator.home, 'coordinator');
    expect(coordinatorRow).toEqual(homeRow(lead.home, 'lead'));
    agree('inhabitants in force', truth.inhabitants, {
      record: lead.record.inhabitantsInForce,
      'funding page': lead.funding.inhabitants,
      home: homeRow(lead.home, 'lead').inhabitants,
      report: report.figures.inhabitants,
    });
    // The programme's totals on the lead's home add up the pilots' rows.
    const rows: Body[] = lead.home.lead.pilots;
    expect(lead.home.lead.page.total).toBe(rows.length);
    const sum = (f: (r: Body) => number) => rows.reduce((s, r) => s + f(r), 0);
    expect(lead.home.lead.totals).toMatchObject({
      disbursedCents: sum((r) => r.funding.totals.disbursedCents),
      spentCents: sum((r) => r.funding.totals.spentCents),
      lateMilestones: sum((r) => r.lateMilestones.length),
      instalmentsDue: sum((r) => r.instalmentsDue.length),
      activitiesThisYear: sum((r) => r.thisYear.activities),
      participantsThisYear: sum((r) => r.thisYear.participants),
    });
  });

  it('agrees with the ledger on the autonomy ratio, operating resources, co-financing, disbursed and spent amounts', () => {
    const home = homeRow(lead.home, 'lead');
    const fundingYear = (y: number) => lead.funding.years.find((r: Body) => r.year === y);
    const indicators = (y: number) => lead.autonomy.indicators.years.find((r: Body) => r.year === y).values;
    const figures = report.figures as Body;
    for (const y of [y1, current]) {
      agree(`autonomy ratio, year ${y.year}`, y.autonomyRatio, {
        home: home.autonomy.find((a: Body) => a.year === y.year).ratio,
        'funding page': fundingYear(y.year).autonomyRatio,
        'autonomy page': indicators(y.year).autonomyRatio,
        ...(y === current ? { 'home headline': home.autonomyRatio } : { report: figures.autonomyRatio }),
      });
      agree(`operating resources, year ${y.year}`, y.operatingResourcesCents, {
        'funding page': fundingYear(y.year).operatingResourcesCents,
      });
      agree(`co-financing, year ${y.year}`, y.cofinancingCents, {
        'funding page': fundingYear(y.year).cofinancingCents,
      });
      agree(`in-kind, year ${y.year}`, y.inKindCents, { 'funding page': fundingYear(y.year).inKindCents });
      agree(`spent, year ${y.year}`, y.spentCents, { 'funding page': fundingYear(y.year).spentCents });
      agree(`Smicval operating, year ${y.year}`, y.disbursedCents.operating, {
        'funding page': fundingYear(y.year).smicvalOperatingCents,
      });
    }
    // The home's verdict on a year's autonomy target is the autonomy page's (checked against the rows below).
    for (const a of (home.autonomy as Body[]).filter((x) => x.target)) {
      const m = lead.autonomy.milestones.find(
        (x: Body) => x.target?.indicator === 'autonomyRatio' && x.target.year === a.year,
      );
      agree(`autonomy target, year ${a.year}`, [m.target.value, m.targetMet], { home: [a.target.value, a.targetMet] });
    }
    agree('year-1 figures', [y1.cofinancingCents, y1.inKindCents, y1.spentCents], {
      report: [figures.cofinancingCents, figures.inKindCents, figures.expensesCents],
    });
    agree('year-1 disbursed', y1.disbursedCents.investment + y1.disbursedCents.operating, {
      report: figures.disbursedCents,
    });
    // Cumulated balances per fund: the home, the funding page and the report's statement.
    for (const fund of ['investment', 'operating'] as const) {
      const b = truth.balances[fund];
      agree(`${fund} balance`, b, {
        home: { disbursedCents: home.funding[fund].disbursedCents, spentCents: home.funding[fund].spentCents },
        'funding page': {
          disbursedCents: lead.funding.balances[fund].disbursedCents,
          spentCents: lead.funding.balances[fund].spentCents,
        },
      });
      const row = [...xlsx.getWorksheet('Soldes')!.getRows(2, 2)!].find((r) =>
        String(r.getCell(1).value).includes(fund === 'investment' ? 'investissement' : 'fonctionnement'),
      )!;
      expect(cellReads(row.getCell(3)), `${fund} disbursed in the XLSX`).toBe(reads('euros', b.disbursedCents));
      expect(cellReads(row.getCell(4)), `${fund} spent in the XLSX`).toBe(reads('euros', b.spentCents));
      for (const v of [b.disbursedCents, b.spentCents])
        expect(html).toContain(`<td class="num">${reads('euros', v)}</td>`);
    }
    const resources = `ressources de fonctionnement ${reads('euros', y1.operatingResourcesCents)}, dont Smicval ${reads('euros', y1.disbursedCents.operating)}`;
    expect(html).toContain(resources);
    expect(pdf).toContain(resources);
  });

  it('agrees with the ledger on every instalment: the funding schedule, the home and the report', () => {
    const schedule = lead.funding.schedule.map((i: Body) => ({
      fund: i.fund,
      year: i.year,
      dueDate: i.dueDate,
      amountCents: i.amountCents,
      paidCents: i.paidCents,
    }));
    agree('instalments', truth.instalments, { 'funding page': schedule });
    const due = truth.instalments
      .filter((i) => i.dueDate <= truth.today && i.amountCents > i.paidCents)
      .map((i) => ({ fund: i.fund, year: i.year, dueDate: i.dueDate, remainingCents: i.amountCents - i.paidCents }));
    const homeDue = (home: Body, role: 'lead' | 'coordinator') =>
      homeRow(home, role).instalmentsDue.map(({ status: _s, ...i }: Body) => i);
    agree('instalments due', due, {
      'lead home': homeDue(lead.home, 'lead'),
      'coordinator home': homeDue(coordinator.home, 'coordinator'),
    });
    const ofYear1 = truth.instalments.filter((i) => i.year === 1);
    const entitled = ofYear1.reduce((s, i) => s + i.amountCents, 0);
    agree('year-1 entitlement', entitled, { report: report.figures.yearEntitledCents });
    const droits = xlsx.getWorksheet('Droits')!;
    const sheet = droits
      .getRows(2, droits.rowCount - 1)!
      .map((r) => `${r.getCell(2).value}:${cellReads(r.getCell(3))}`);
    expect(sheet).toEqual(
      [...truth.instalments]
        .sort((a, b) => (a.fund < b.fund ? -1 : 1))
        .map((i) => `${i.year}:${reads('euros', i.amountCents)}`),
    );
    expect(html).toContain(`Droits de l'année (tous fonds)</td><td class="num">${reads('euros', entitled)}</td>`);
    for (const i of ofYear1) {
      const fund = i.fund === 'investment' ? "Fonds d'investissement" : 'Fonds de fonctionnement';
      expect(html).toContain(`Versé — ${fund}</td><td class="num">${reads('euros', i.paidCents)}</td>`);
    }
  });

  it('agrees with the rows on activities, participants, volunteer hours, actors and « acteurs actifs »', async () => {
    const yearOf = (y: number) => lead.overview.years.find((r: Body) => r.year === y).figures;
    const indicators = (y: number) => lead.autonomy.indicators.years.find((r: Body) => r.year === y).values;
    for (const y of [y1, current]) {
      const pick = (f: Body) => ({
        activities: f.activities,
        participants: f.participants,
        volunteerHours: f.volunteerHours,
      });
      const surfaces: Record<string, unknown> = {
        'overview page': pick(yearOf(y.year)),
        'autonomy page': pick(indicators(y.year)),
      };
      if (y === current) {
        surfaces['overview current year'] = pick(lead.overview.current.figures);
        surfaces['lead home'] = pick(homeRow(lead.home, 'lead').thisYear);
        surfaces['coordinator home'] = pick(homeRow(coordinator.home, 'coordinator').thisYear);
      } else surfaces.report = pick(report.figures);
      agree(`activity figures, year ${y.year}`, pick(y), surfaces);
      agree(`active actors, year ${y.year}`, y.activeActors, {
        'overview page': yearOf(y.year).activeActors,
        'autonomy page': indicators(y.year).activeActors,
      });
    }
    // The activities page lists the year's activities: as many, with the same sums.
    const list = await asLead.http.get(`/api/pilots/${pilotId}/activities?from=${y1.from}&to=${y1.to}&limit=500`);
    const items: Body[] = list.body.items;
    expect(list.body.nextCursor).toBeNull();
    const total = (f: (a: Body) => number) => items.reduce((s, a) => s + f(a), 0);
    agree('activity figures, year 1', [y1.activities, y1.participants, y1.volunteerHours], {
      'activities page': [items.length, total((a) => a.participants), total((a) => a.volunteerHours)],
    });
    agree('actors', truth.actors, { 'overview page': lead.overview.counts.actors, report: report.figures.actors });
    const row = (label: string, value: string) =>
      `<tr><td class="wrap">${label}</td><td class="num">${value}</td></tr>`;
    expect(html).toContain(row('Acteurs actifs', reads('number', y1.activeActors)));
    // The autonomy page prints each indicator of year 1 exactly as the report's indicator table does.
    for (const def of lead.catalogue as Body[])
      expect(html, def.key).toContain(row(def.label, plain(formatIndicator(def.unit, indicators(1)[def.key]))));
    // The report names and defines both counts of actors.
    expect(html).toMatch(/<dt>Acteurs impliqués<\/dt><dd>Acteurs enregistrés pour le projet/);
    expect(html).toMatch(/<dt>Acteurs actifs<\/dt><dd>Acteurs distincts ayant une contribution ou ayant participé/);
    expect(pdf).toMatch(/Acteurs actifs Acteurs distincts ayant une contribution/);
    const indicatorsSheet = byLabel(xlsx.getWorksheet('Indicateurs')!);
    expect(cellReads(indicatorsSheet.get('Acteurs actifs'))).toBe(reads('number', y1.activeActors));
    const activities = xlsx.getWorksheet('Activités')!;
    expect(activities.rowCount - 2, 'one XLSX row per activity of the year').toBe(y1.activities);
  });

  it('agrees with the tonnages on residual waste per inhabitant, its calendar year and its change', () => {
    const home = homeRow(lead.home, 'lead');
    const wasteYear = lead.waste.years.find((w: Body) => w.year === y1.wasteYear);
    const indicators = lead.autonomy.indicators.years.find((r: Body) => r.year === 1);
    agree('waste year of project year 1', y1.wasteYear, {
      'autonomy page': indicators.wasteYear,
      report: report.figures.wasteYear,
    });
    const kg = reads('number', y1.residualKgPerInhabitant);
    const change = reads('percent', y1.residualChangeVsBaseline);
    agree('residual kg per inhabitant (reading)', kg, {
      'waste page': reads('number', wasteYear.kgPerInhabitant.residual),
      'autonomy page': reads('number', indicators.values.residualKgPerInhabitant),
      report: reads('number', report.figures.residualKgPerInhabitant),
    });
    agree('residual change vs baseline (reading)', change, {
      'waste page': reads('percent', wasteYear.residualChangeVsBaseline),
      'autonomy page': reads('percent', indicators.values.residualChangeVsBaseline),
      report: reads('percent', report.figures.residualChangeVsBaseline),
    });
    // The home shows the latest calendar year with a change against the baseline.
    const latest = Math.max(...[...truth.residual.keys()].filter((y) => y > truth.baselineYear));
    const base = truth.residual.get(truth.baselineYear)!;
    agree('home waste year', latest, { home: home.residualYear });
    agree('home residual change (reading)', reads('percent', truth.residual.get(latest)! / base - 1), {
      home: reads('percent', home.residualChangeVsBaseline),
    });
  });

  it("prints year 1's key figures as the rows give them in the report's HTML, PDF and XLSX", () => {
    const { wasteYear } = y1;
    const figures: [string, string, string][] = [
      ["Dotation Smicval de l'année", "Dotation Smicval de l'année", reads('euros', report.figures.yearEntitledCents)],
      [
        'Versé par le Smicval',
        'Versé par le Smicval',
        reads('euros', y1.disbursedCents.investment + y1.disbursedCents.operating),
      ],
      ['Dépenses engagées', 'Dépenses', reads('euros', y1.spentCents)],
      ['Cofinancements', 'Cofinancements', reads('euros', y1.cofinancingCents)],
      ['Apports en nature valorisés', 'Apports en nature', reads('euros', y1.inKindCents)],
      ["Taux d'autonomie du fonctionnement", "Taux d'autonomie", reads('percent', y1.autonomyRatio)],
      ['Activités menées', 'Activités', reads('number', y1.activities)],
      ['Participations', 'Participations', reads('number', y1.participants)],
      ['Heures de bénévolat', 'Heures de bénévolat (h)', reads('number', y1.volunteerHours)],
      ['Acteurs impliqués', 'Acteurs impliqués', reads('number', truth.actors)],
      [
        `kg d'OMR par habitant (${wasteYear})`,
        `OMR par habitant (kg/hab./an) — ${wasteYear}`,
        reads('number', y1.residualKgPerInhabitant),
      ],
      [
        `Évolution des OMR par habitant depuis l'année de référence (${wasteYear})`,
        `Évolution des OMR par habitant depuis l'année de référence — ${wasteYear}`,
        reads('percent', y1.residualChangeVsBaseline),
      ],
    ];
    const sheet = byLabel(xlsx.getWorksheet('Chiffres clés')!);
    for (const [label, xlsxLabel, value] of figures) {
      expect(html, `HTML: ${label}`).toContain(`<div class="value">${value}</div><div class="what">${label}`);
      expect(pdfShows(pdf, value, label), `PDF: ${value} ${label}`).toBe(true);
      expect(cellReads(sheet.get(xlsxLabel)), `XLSX: ${xlsxLabel}`).toBe(value);
    }
    // The spreadsheet keeps the exact ratio (Excel rounds it on display), not a rounded copy.
    expect(sheet.get("Taux d'autonomie")!.value).toBe(y1.autonomyRatio);
  });

  it('gives every milestone the same status, lateness and verdict on the home, the autonomy page and the report', () => {
    const late = truth.milestones.filter((m) => m.dueDate < truth.today && !['done', 'dropped'].includes(m.status));
    const lateOf = (role: 'lead' | 'coordinator', home: Body) =>
      homeRow(home, role).lateMilestones.map((m: Body) => m.title);
    agree(
      'late milestones',
      late.map((m) => m.title),
      {
        'lead home': lateOf('lead', lead.home),
        'coordinator home': lateOf('coordinator', coordinator.home),
        'autonomy page': lead.autonomy.milestones.filter((m: Body) => m.late).map((m: Body) => m.title),
      },
    );
    const jalons = xlsx.getWorksheet('Jalons')!;
    const xlsxRows = new Map(jalons.getRows(2, jalons.rowCount - 1)!.map((r) => [String(r.getCell(1).value), r]));
    for (const m of truth.milestones) {
      const page = lead.autonomy.milestones.find((p: Body) => p.title === m.title);
      let verdict: string | null = null;
      if (m.target) {
        const actual = measured(truth, m.target);
        const met = isMet(m.target, actual);
        const over = truth.years.find((y) => y.year === m.target!.year)!.to < truth.today;
        const code = met === null ? 'not_measurable' : `${met ? 'met' : 'not_met'}${over ? '' : '_so_far'}`;
        verdict = targetVerdictLabels[code as keyof typeof targetVerdictLabels];
        agree(`${m.title}: measured`, actual, { 'autonomy page': page.targetActual });
        agree(`${m.title}: verdict`, code, { 'autonomy page': page.targetVerdict });
      }
      const status = milestoneStatusLabels[m.status as keyof typeof milestoneStatusLabels];
      const isLate = late.includes(m);
      agree(`${m.title}: status`, [m.status, isLate], { 'autonomy page': [page.status, page.late] });
      const row = xlsxRows.get(m.title)!;
      agree(`${m.title} in the XLSX`, [status, isLate ? 'Oui' : 'Non', verdict], {
        xlsx: [row.getCell(3).value, row.getCell(4).value, row.getCell(6).value ?? null],
      });
      expect(html, m.title).toContain(`<td>${status}${isLate ? ' (en retard)' : ''}</td>`);
      if (verdict) expect(html, m.title).toMatch(new RegExp(`${escape(m.title)}</td>.*? : ${escape(verdict)}[ <]`));
    }
    const met = truth.milestones.filter((m) => m.status === 'done').length;
    expect(html.match(/<td>Réalisé<\/td>/g)?.length ?? 0, 'milestones done in the report').toBe(met);
  });

  it("agrees with the rows on the « bilan » pilot's final report, year by year", async () => {
    const [bilan] = await t.sql<{ id: string; snapshot: FinalSnapshot }>(
      `SELECT r.id, r.snapshot FROM reports r WHERE r.kind = 'final' AND r.issued_at IS NOT NULL`,
    );
    const pilot = bilan.snapshot.pilot.id;
    const years = bilan.snapshot.years.map((y) => y.year);
    const rows = await pilotTruth(t, pilot, years);
    const [funding, overview, finalHtml] = await Promise.all([
      asLead.http.get(`/api/pilots/${pilot}/funding`),
      asLead.http.get(`/api/pilots/${pilot}/overview`),
      asLead.http.get(`/api/reports/${bilan.id}/html`),
    ]);
    const text = plain(finalHtml.text);
    for (const y of rows.years) {
      const k = bilan.snapshot.years.find((s) => s.year === y.year)!.keyFigures;
      const page = overview.body.years.find((o: Body) => o.year === y.year).figures;
      const fundingYear = funding.body.years.find((f: Body) => f.year === y.year);
      const home = lead.home.lead.pilots
        .find((p: Body) => p.id === pilot)
        .autonomy.find((a: Body) => a.year === y.year);
      agree(`final report, year ${y.year}`, [y.autonomyRatio, y.cofinancingCents, y.activities, y.participants], {
        report: [k.autonomyRatio, k.cofinancingCents, k.activities, k.participants],
        pages: [fundingYear.autonomyRatio, fundingYear.cofinancingCents, page.activities, page.participants],
      });
      agree(`autonomy ratio, year ${y.year}`, y.autonomyRatio, { home: home.ratio });
      const due = rows.milestones.filter((m) => m.target?.year === y.year).map((m) => m.target!);
      const met = due.filter((target) => isMet(target, measured(rows, target))).length;
      const { milestonesDue, milestonesMet } = bilan.snapshot.years.find((s) => s.year === y.year)!;
      agree(`final report milestones, year ${y.year}`, [due.length, met], { report: [milestonesDue, milestonesMet] });
      for (const value of [reads('percent', y.autonomyRatio), reads('euros', y.cofinancingCents)])
        expect(text, `year ${y.year}`).toContain(value);
    }
  });
});
