import type Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { onFirstUse } from '../common/on-first-use';
import { PROJECT_ROOT } from '../common/paths';
import { euros, frenchDate, number, percent } from '../common/format-fr';
import { label } from '../common/labels-fr';
import type { PublicPilotData } from './publication.types';

function templatesDir(): string {
  // Beside this file in src/ (tests); the build keeps them in src/publication/templates as well.
  const here = resolve(__dirname, 'templates');
  return existsSync(here) ? here : resolve(PROJECT_ROOT, 'src', 'publication', 'templates');
}

// Loaded by the first public page rendered, not at start.
const handlebars = onFirstUse<typeof Handlebars>('handlebars');

let compiled: { page: Handlebars.TemplateDelegate; notFound: Handlebars.TemplateDelegate } | undefined;

function templates() {
  if (!compiled) {
    const hb = handlebars().create();
    const dir = templatesDir();
    const opts = { strict: false, noEscape: false };
    compiled = {
      page: hb.compile(readFileSync(resolve(dir, 'pilot.hbs'), 'utf8'), opts),
      notFound: hb.compile(readFileSync(resolve(dir, 'not-found.hbs'), 'utf8'), opts),
    };
  }
  return compiled;
}

const stageLabel = (stage: string) => (stage === 'bilan' ? 'Bilan du programme' : label('pilotStatus', stage));
const kg = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${number(v)} kg`);
const kgHab = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${number(v)} kg/hab.`);
const change = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${percent(v)}`;

/** The page's figures as the French reader reads them: every one printed by the shared formatter. */
export function publicPageView(d: PublicPilotData) {
  const f = d.funding;
  const a = d.activities;
  const communes = d.pilot.communes.map((c) => c.name).join(', ');
  const description =
    `${d.pilot.name} : projet pilote Projet K du Smicval à ${communes} (${number(d.pilot.inhabitants)} habitants). ` +
    `${euros(f.entitledCents)} de droits, ${euros(f.spentCents)} dépensés, ${number(a.total.activities)} activités ` +
    `et ${number(a.total.participants)} participations.`;
  return {
    title: `${d.pilot.name} — page publique du projet pilote`,
    description,
    canonical: d.pageUrl,
    dataUrl: d.dataUrl,
    csvUrl: `${d.dataUrl}?format=csv`,
    licence: d.licence,
    asOf: frenchDate(d.asOf),
    pilot: {
      name: d.pilot.name,
      communes,
      inhabitants: number(d.pilot.inhabitants),
      waveYear: d.pilot.waveYear,
      startDate: frenchDate(d.pilot.startDate),
      programmeEnd: frenchDate(d.pilot.programmeEnd),
      currentProjectYear: d.pilot.currentProjectYear,
      stage: stageLabel(d.pilot.stage),
      policies: d.pilot.policies.map((p) => label('policy', p)).join(', ') || '—',
    },
    actors: {
      total: number(d.actors.total),
      byType: d.actors.byType
        .filter((t) => t.actors > 0)
        .map((t) => ({ type: label('actorType', t.type), count: number(t.actors) })),
      named: d.actors.named.map((n) => ({ name: n.name, type: label('actorType', n.type) })),
    },
    funding: {
      entitled: euros(f.entitledCents),
      disbursed: euros(f.disbursedCents),
      spent: euros(f.spentCents),
      cofinancing: euros(f.cofinancingCents),
      inKind: euros(f.inKindCents),
      funds: f.funds.map((x) => ({
        fund: label('fund', x.fund),
        entitled: euros(x.entitledCents),
        disbursed: euros(x.disbursedCents),
        spent: euros(x.spentCents),
      })),
      categories: f.spentByCategory.map((c) => ({
        category: label('expense', c.category),
        spent: euros(c.spentCents),
      })),
      years: f.years.map((y) => ({
        year: y.year,
        resources: euros(y.operatingResourcesCents),
        smicval: euros(y.smicvalOperatingCents),
        cofinancing: euros(y.cofinancingCents),
        inKind: euros(y.inKindCents),
        ratio: percent(y.autonomyRatio),
      })),
    },
    activities: {
      total: {
        activities: number(a.total.activities),
        participants: number(a.total.participants),
        hours: number(a.total.volunteerHours),
        diverted: kg(a.total.divertedKg.total),
      },
      years: a.years.map((y) => ({
        year: y.year,
        period: `${frenchDate(y.from)} – ${frenchDate(y.to)}`,
        activities: number(y.activities),
        participants: number(y.participants),
        diverted: kg(y.divertedKg.total),
      })),
      byType: a.byType.map((b) => ({
        type: label('activityType', b.type),
        activities: number(b.activities),
        participants: number(b.participants),
      })),
      recent: a.recent.map((r) => ({
        date: frenchDate(r.date),
        title: r.title,
        type: label('activityType', r.type),
        participants: number(r.participants),
      })),
    },
    waste: {
      baselineYear: d.waste.baselineYear,
      years: d.waste.years.map((w) => ({
        year: w.year,
        baseline: w.year === d.waste.baselineYear,
        residual: kgHab(w.kgPerInhabitant.residual),
        total: kgHab(w.kgPerInhabitant.total),
        change: change(w.residualChangeVsBaseline),
      })),
    },
    milestones: {
      done: number(d.milestones.done),
      total: number(d.milestones.total),
      met: d.milestones.met.map((m) => ({ title: m.title, date: frenchDate(m.completedOn ?? m.dueDate) })),
    },
    reports: d.reports.map((r) => ({
      title: r.title,
      issuedAt: frenchDate(r.issuedAt),
      url: r.pdfUrl,
      size: `${number(Math.max(1, Math.round(r.pdfBytes / 1024)))} Ko`,
    })),
  };
}

export function renderPublicPage(d: PublicPilotData): string {
  return templates().page(publicPageView(d));
}

export function renderNotFoundPage(): string {
  return templates().notFound({});
}
