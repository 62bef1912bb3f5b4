import type Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { PROJECT_ROOT } from '../common/paths';
import { renderCharts } from './report-charts';
import { handlebarsLib } from './report-libs';
import { euros, figure, FigureUnit, frenchDate, frenchMonth, number, percent } from '../common/format-fr';
import { finalView, pilotView } from './report-view';
import { label } from '../common/labels-fr';
import type { Audience, MilestoneTarget, PilotSnapshot, ReportSnapshot } from './report.types';

/** What differs between audiences: the same data, another cover and order. The emphasis is an editorial choice for the audience (order, colour); it is never printed as a note. */
export type AudienceInfo = {
  title: string;
  waveTitle: string;
  recipient: string;
  order: SectionId[];
  emphasis: SectionId;
};
type SectionId =
  'keyFigures' | 'funding' | 'activities' | 'actors' | 'waste' | 'autonomy' | 'narrative' | 'methodology' | 'annex';

export const AUDIENCE_INFO: Record<Audience, AudienceInfo> = {
  ademe: {
    title: "Rapport annuel d'exécution",
    waveTitle: 'Rapport de vague — programme Projet K',
    recipient: "ADEME (par l'intermédiaire de COOP'TER)",
    order: ['keyFigures', 'waste', 'activities', 'funding', 'autonomy', 'actors', 'narrative', 'methodology', 'annex'],
    emphasis: 'waste',
  },
  coopter: {
    title: 'Rapport annuel de coopération',
    waveTitle: 'Rapport de vague — coopérations territoriales',
    recipient: "COOP'TER — experts de la coopération",
    order: ['keyFigures', 'narrative', 'actors', 'activities', 'autonomy', 'funding', 'waste', 'methodology', 'annex'],
    emphasis: 'actors',
  },
  board: {
    title: 'Rapport annuel au Bureau',
    waveTitle: 'Rapport de vague au Bureau du Smicval',
    recipient: 'Bureau du Smicval',
    order: ['keyFigures', 'funding', 'autonomy', 'narrative', 'activities', 'waste', 'actors', 'methodology', 'annex'],
    emphasis: 'funding',
  },
};

/** The final report's title per audience (the « bilan » is meant for ADEME and the board). */
export const FINAL_TITLES: Record<Audience, string> = {
  ademe: 'Bilan du programme — rapport final',
  coopter: 'Bilan de la coopération — rapport final',
  board: 'Bilan du programme au Bureau — rapport final',
};

const SECTION_TITLES: Record<SectionId, string> = {
  keyFigures: 'Chiffres clés',
  funding: 'État financier',
  activities: 'Activités',
  actors: 'Acteurs et contributions',
  waste: 'Déchets par habitant',
  autonomy: "Jalons et cibles d'autonomie",
  narrative: 'Appréciation de la cheffe ou du chef de projet',
  methodology: 'Note de méthode',
  annex: 'Annexes',
};

const PARTIALS: Record<SectionId, string> = {
  keyFigures: 'key-figures',
  funding: 'funding',
  activities: 'activities',
  actors: 'actors',
  waste: 'waste',
  autonomy: 'autonomy',
  narrative: 'narrative',
  methodology: 'methodology',
  annex: 'annex',
};

function templatesDir(): string {
  // Beside this file in src/ (tests); the build keeps them in src/reports/templates as well.
  const here = resolve(__dirname, 'templates');
  return existsSync(here) ? here : resolve(PROJECT_ROOT, 'src', 'reports', 'templates');
}

/** A private Handlebars instance with the report's helpers and partials (never the global one). */
export function createHandlebars(dir = templatesDir()): typeof Handlebars {
  const hb = handlebarsLib().create();
  hb.registerHelper('euros', (cents: number | null | undefined) => euros(cents));
  hb.registerHelper('date', (value: string | null | undefined) => frenchDate(value));
  hb.registerHelper('percent', (fraction: number | null | undefined) => percent(fraction));
  hb.registerHelper('number', (value: number | null | undefined) => number(value));
  hb.registerHelper('label', (group: string, code: string | null | undefined) => label(group, code));
  hb.registerHelper(
    'labels',
    (group: string, codes: string[] | undefined) => (codes ?? []).map((c) => label(group, c)).join(', ') || '—',
  );
  hb.registerHelper('join', (items: string[] | undefined) => (items ?? []).join(', ') || '—');
  hb.registerHelper('yesno', (v: boolean | null | undefined) => (v === true ? 'Oui' : v === false ? 'Non' : '—'));
  hb.registerHelper('month', (value: string) => frenchMonth(value));
  hb.registerHelper('indicator', (value: number | null | undefined, unit: FigureUnit) => figure(value, unit));
  // A target as the reader expects it: "Taux d'autonomie financière ≥ 50 % en année 2" (never "≥ 0.5").
  hb.registerHelper('target', (t: MilestoneTarget | string | null | undefined) => {
    if (!t) return '—';
    if (typeof t === 'string') return t;
    return `${t.label} ${t.operator === 'gte' ? '≥' : '≤'} ${figure(t.value, t.unit)} en année ${t.year}`;
  });
  hb.registerHelper('gt', (a: number, b: number) => a > b);
  // The lead's text: escaped, blank lines make paragraphs; an empty text says so.
  hb.registerHelper('paragraphs', (text: string | null | undefined) => {
    const parts = (text ?? '')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length === 0) return new hb.SafeString('<p class="muted">Non renseigné.</p>');
    return new hb.SafeString(parts.map((p) => `<p>${hb.escapeExpression(p).replace(/\n/g, '<br>')}</p>`).join(''));
  });
  const partialsDir = resolve(dir, 'partials');
  for (const file of readdirSync(partialsDir)
    .filter((f) => f.endsWith('.hbs'))
    .sort()) {
    hb.registerPartial(basename(file, '.hbs'), readFileSync(resolve(partialsDir, file), 'utf8'));
  }
  return hb;
}

type Compiled = {
  report: Handlebars.TemplateDelegate;
  wave: Handlebars.TemplateDelegate;
  final: Handlebars.TemplateDelegate;
};
let compiled: Compiled | undefined;

function templates(): Compiled {
  if (!compiled) {
    const dir = templatesDir();
    const hb = createHandlebars(dir);
    const opts = { strict: false, noEscape: false };
    compiled = {
      report: hb.compile(readFileSync(resolve(dir, 'report.hbs'), 'utf8'), opts),
      wave: hb.compile(readFileSync(resolve(dir, 'wave.hbs'), 'utf8'), opts),
      final: hb.compile(readFileSync(resolve(dir, 'final.hbs'), 'utf8'), opts),
    };
  }
  return compiled;
}

function pilotSections(snapshot: PilotSnapshot, info: AudienceInfo) {
  return info.order.map((id, i) => ({
    id,
    number: i + 1,
    title: SECTION_TITLES[id],
    partial: PARTIALS[id],
    emphasis: id === info.emphasis,
    data: id in snapshot.sections ? snapshot.sections[id as keyof PilotSnapshot['sections']] : null,
  }));
}

/**
 * Snapshot → self-contained HTML page (styles inline, charts as data URIs). Pure: it reads neither the
 * clock nor the database, so the same snapshot always gives the same bytes.
 */
export function renderReportHtml(snapshot: ReportSnapshot, sha256: string): string {
  const info = AUDIENCE_INFO[snapshot.audience];
  if (snapshot.kind === 'final') {
    return templates().final({
      title: `${FINAL_TITLES[snapshot.audience]} — ${snapshot.pilot.name}`,
      finalTitle: FINAL_TITLES[snapshot.audience],
      snapshot,
      sha256,
      audienceInfo: info,
      view: finalView(snapshot),
    });
  }
  const charts = renderCharts(snapshot);
  if (snapshot.kind === 'wave') {
    const n = snapshot.narrative;
    return templates().wave({
      title: `${info.waveTitle} — ${snapshot.call.title}`,
      snapshot,
      sha256,
      audienceInfo: info,
      charts,
      hasNarrative: Boolean(n.highlights || n.difficulties || n.outlook),
    });
  }
  return templates().report({
    title: `${info.title} — ${snapshot.pilot.name} — année ${snapshot.year}`,
    snapshot,
    sha256,
    audienceInfo: info,
    charts,
    view: pilotView(snapshot),
    sections: pilotSections(snapshot, info),
  });
}
