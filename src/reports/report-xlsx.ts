import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { targetVerdict } from '../autonomy/milestones';
import { figure, UNIT_LABELS } from '../common/format-fr';
import { label } from '../common/labels-fr';
import { deterministicZip } from '../common/xlsx-determinism';
import { finalView } from './report-view';
import type {
  FinalSnapshot,
  KeyFigures,
  MilestoneTarget,
  PilotSnapshot,
  ReportSnapshot,
  WaveSnapshot,
} from './report.types';

type Kind = 'text' | 'cents' | 'number' | 'date' | 'ratio' | 'year';
type Col = { header: string; kind?: Kind; width?: number };
type Cell = string | number | null;

const EURO_FORMAT = '#,##0.00 "€"';
const RATIO_FORMAT = '0.0 %';

function targetText(t: MilestoneTarget | string | null): string | null {
  if (!t) return null;
  if (typeof t === 'string') return t;
  return `${t.label} ${t.operator === 'gte' ? '≥' : '≤'} ${figure(t.value, t.unit).replace(/[\u202f\u00a0]/g, ' ')} en année ${t.year}`;
}

function value(kind: Kind | undefined, v: Cell): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  // Cents become euros as numbers (never text), so the annex can be summed in a spreadsheet.
  if (kind === 'cents' && typeof v === 'number') return v / 100;
  if (kind === 'year' && typeof v === 'string') return Number(v);
  // A real date cell (a serial number with a date format), never a text.
  if (kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))
    return new Date(`${v.slice(0, 10)}T00:00:00Z`);
  return v;
}

const FORMATS: Partial<Record<Kind, string>> = {
  cents: EURO_FORMAT,
  date: 'dd/mm/yyyy',
  year: '0',
  ratio: RATIO_FORMAT,
};

/** The streaming writer: rows go to the zip as they are added, committed at once, never held for the whole book. */
type Book = ExcelJS.stream.xlsx.WorkbookWriter;
type Sheet = ReturnType<Book['addWorksheet']>;

function sheet(wb: Book, name: string, columns: { header: string; width: number }[]): Sheet {
  const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  return ws;
}

/** One sheet per table: bold frozen header, typed cells (each with its number format), an optional bold total row. */
function addTable(wb: Book, name: string, cols: Col[], rows: Cell[][], total?: Cell[]): void {
  const ws = sheet(
    wb,
    name,
    cols.map((c) => ({ header: c.header, width: c.width ?? Math.max(14, c.header.length + 2) })),
  );
  const add = (r: Cell[], bold: boolean) => {
    const row = ws.addRow(cols.map((c, i) => value(c.kind, r[i] ?? null)));
    cols.forEach((c, i) => {
      const fmt = c.kind ? FORMATS[c.kind] : undefined;
      if (fmt) row.getCell(i + 1).numFmt = fmt;
    });
    if (bold) row.font = { bold: true };
    row.commit();
  };
  for (const r of rows) add(r, false);
  if (total) add(total, true);
  ws.commit();
}

function keyFigureRows(k: KeyFigures): { rows: Cell[][]; kinds: Kind[] } {
  const items: [string, Cell, Kind][] = [
    ['Habitants concernés', k.inhabitants, 'number'],
    ["Dotation Smicval de l'année", k.yearEntitledCents, 'cents'],
    ['Versé par le Smicval', k.disbursedCents, 'cents'],
    ['Dépenses', k.expensesCents, 'cents'],
    ['Cofinancements', k.cofinancingCents, 'cents'],
    ['Apports en nature', k.inKindCents, 'cents'],
    ["Taux d'autonomie", k.autonomyRatio, 'ratio'],
    ['Activités', k.activities, 'number'],
    ['Participations', k.participants, 'number'],
    ['Heures de bénévolat (h)', k.volunteerHours, 'number'],
    ['Acteurs impliqués', k.actors, 'number'],
    ['Contributions', k.contributions, 'number'],
    [`OMR par habitant (kg/hab./an)${k.wasteYear ? ` — ${k.wasteYear}` : ''}`, k.residualKgPerInhabitant, 'number'],
    [
      `Évolution des OMR par habitant depuis l'année de référence${k.wasteYear ? ` — ${k.wasteYear}` : ''}`,
      k.residualChangeVsBaseline,
      'ratio',
    ],
  ];
  return { rows: items.map(([l, v]) => [l, v]), kinds: items.map(([, , kind]) => kind) };
}

function addKeyFigures(wb: Book, name: string, k: KeyFigures): void {
  const { rows, kinds } = keyFigureRows(k);
  const ws = sheet(wb, name, [
    { header: 'Indicateur', width: 56 },
    { header: 'Valeur', width: 20 },
  ]);
  rows.forEach((r, i) => {
    const row = ws.addRow([r[0], value(kinds[i], r[1])]);
    const fmt = FORMATS[kinds[i]];
    if (fmt) row.getCell(2).numFmt = fmt;
    row.commit();
  });
  ws.commit();
}

function pilotWorkbook(wb: Book, s: PilotSnapshot): void {
  addKeyFigures(wb, 'Chiffres clés', s.keyFigures);
  const f = s.sections.funding;
  if (f.available) {
    addTable(
      wb,
      'Soldes',
      [
        { header: 'Fonds', width: 28 },
        { header: 'Droits (€)', kind: 'cents' },
        { header: 'Versé (€)', kind: 'cents' },
        { header: 'Dépensé (€)', kind: 'cents' },
        { header: 'Disponible (€)', kind: 'cents' },
      ],
      (['investment', 'operating'] as const).map((fund) => [
        label('fund', fund),
        f.balances[fund].entitledCents,
        f.balances[fund].disbursedCents,
        f.balances[fund].spentCents,
        f.balances[fund].availableCents,
      ]),
    );
    addTable(
      wb,
      'Droits',
      [
        { header: 'Fonds', width: 28 },
        { header: 'Année de projet', kind: 'number' },
        { header: 'Montant (€)', kind: 'cents' },
      ],
      f.entitlements.map((e) => [label('fund', e.fund), e.year, e.amountCents]),
    );
    addTable(
      wb,
      'Versements',
      [
        { header: 'Date', kind: 'date' },
        { header: 'Fonds', width: 28 },
        { header: 'Référence', width: 24 },
        { header: 'Montant (€)', kind: 'cents' },
      ],
      f.disbursements.map((d) => [d.date, label('fund', d.fund), d.reference, d.amountCents]),
      ['Total', null, null, f.disbursedCents],
    );
    addTable(
      wb,
      'Dépenses',
      [
        { header: 'Catégorie', width: 24 },
        { header: 'Investissement (€)', kind: 'cents' },
        { header: 'Fonctionnement (€)', kind: 'cents' },
        { header: 'Total (€)', kind: 'cents' },
      ],
      f.expensesByCategory.map((e) => [
        label('expense', e.category),
        e.investmentCents,
        e.operatingCents,
        e.totalCents,
      ]),
      ['Total', null, null, f.expensesCents],
    );
    addTable(
      wb,
      'Cofinancements',
      [
        { header: 'Source', width: 32 },
        { header: 'Nature', width: 20 },
        { header: 'Montant (€)', kind: 'cents' },
      ],
      f.cofinancingBySource.map((c) => [c.source, label('sourceKind', c.sourceKind), c.amountCents]),
      ['Total', null, f.cofinancingCents],
    );
    addTable(
      wb,
      'Apports en nature',
      [
        { header: 'Source', width: 32 },
        { header: 'Nature', width: 20 },
        { header: 'Valeur (€)', kind: 'cents' },
      ],
      f.inKindBySource.map((c) => [c.source, label('sourceKind', c.sourceKind), c.amountCents]),
      ['Total', null, f.inKindCents],
    );
  }
  const a = s.sections.activities;
  if (a.available) {
    addTable(
      wb,
      'Activités',
      [
        { header: 'Date', kind: 'date' },
        { header: 'Activité', width: 40 },
        { header: 'Type', width: 22 },
        { header: 'Politiques', width: 40 },
        { header: 'Participants', kind: 'number' },
        { header: 'Bénévoles', kind: 'number' },
        { header: 'Heures bénévoles (h)', kind: 'number' },
        { header: 'Niveau de participation', width: 22 },
      ],
      a.list.map((x) => [
        x.date,
        x.title,
        label('activityType', x.type),
        x.policies.map((p) => label('policy', p)).join(', '),
        x.participants,
        x.volunteers,
        x.volunteerHours,
        label('participation', x.participationLevel),
      ]),
      ['Total', null, null, null, a.participants, a.volunteers, a.volunteerHours, null],
    );
    addTable(
      wb,
      'Activités par type',
      [
        { header: 'Type', width: 26 },
        { header: 'Activités', kind: 'number' },
        { header: 'Participations', kind: 'number' },
      ],
      a.byType.map((x) => [label('activityType', x.type), x.count, x.participants]),
    );
    addTable(
      wb,
      'Activités par politique',
      [
        { header: 'Politique', width: 36 },
        { header: 'Activités', kind: 'number' },
        { header: 'Participations', kind: 'number' },
      ],
      a.byPolicy.map((x) => [label('policy', x.policy), x.count, x.participants]),
    );
  }
  const ac = s.sections.actors;
  if (ac.available) {
    addTable(
      wb,
      'Acteurs',
      [
        { header: 'Acteur', width: 36 },
        { header: 'Type', width: 20 },
        { header: 'Contributions', kind: 'number' },
      ],
      ac.list.map((x) => [x.name, label('actorType', x.type), x.contributions]),
    );
    addTable(
      wb,
      'Contributions',
      [
        { header: 'Acteur', width: 32 },
        { header: 'Nature', width: 18 },
        { header: 'Description', width: 48 },
        { header: 'Valeur (€)', kind: 'cents' },
        { header: 'Heures (h)', kind: 'number' },
        { header: 'Année de projet', kind: 'number' },
      ],
      ac.contributions.map((x) => [
        x.actor,
        label('contribution', x.kind),
        x.description,
        x.valueCents,
        x.hours,
        x.year,
      ]),
      ['Total', null, null, ac.contributionsValueCents, ac.contributionsHours, null],
    );
  }
  const w = s.sections.waste;
  if (w.available) {
    const streams = ['residual', 'packaging', 'glass', 'biowaste', 'recyclingCentre', 'reuse', 'total'];
    addTable(
      wb,
      'Déchets',
      [
        { header: 'Année', kind: 'year', width: 10 },
        { header: 'Population', kind: 'number' },
        ...streams.map((st) => ({
          header: `${st === 'total' ? 'Total des flux déclarés' : label('wasteStream', st)} (kg/hab./an)`,
          kind: 'number' as const,
          width: 22,
        })),
        { header: 'OMR vs année de référence (%)', kind: 'ratio', width: 18 },
      ],
      w.years.map((y) => [
        y.year,
        y.population,
        ...streams.map((st) => y.kgPerInhabitant[st] ?? null),
        y.residualChangeVsBaseline,
      ]),
    );
    addTable(
      wb,
      'Références déchets',
      [
        { header: 'Comparé à', width: 28 },
        { header: 'Référence', width: 48 },
        { header: 'Valeur (kg/hab./an)', kind: 'number' },
        { header: 'Année', kind: 'year', width: 10 },
        { header: 'Source', width: 60 },
      ],
      w.references.map((r) => [
        r.compares === 'residual' ? 'OMR du territoire' : 'Total des flux déclarés',
        r.label,
        r.kgPerInhabitant,
        r.year,
        r.source,
      ]),
    );
  }
  const au = s.sections.autonomy;
  if (au.available) {
    addTable(
      wb,
      'Jalons',
      [
        { header: 'Jalon', width: 40 },
        { header: 'Échéance', kind: 'date' },
        { header: 'Statut', width: 14 },
        { header: 'En retard', width: 10 },
        { header: 'Cible', width: 48 },
        { header: 'Résultat', width: 28 },
      ],
      au.milestones.map((m) => [
        m.title,
        m.dueDate,
        label('milestoneStatus', m.status),
        m.late ? 'Oui' : 'Non',
        targetText(m.target),
        m.target ? label('targetVerdict', targetVerdict({ met: m.targetMet, final: m.targetFinal ?? false })) : null,
      ]),
    );
    addIndicators(wb, au.indicators);
  }
}

/** Indicators with their own unit on each row: a ratio as a percentage cell, cents as euros. */
function addIndicators(wb: Book, indicators: { label: string; value: number | null; unit: string }[]): void {
  const ws = sheet(wb, 'Indicateurs', [
    { header: 'Indicateur', width: 56 },
    { header: 'Valeur', width: 18 },
    { header: 'Unité', width: 14 },
  ]);
  for (const i of indicators) {
    const unit = (i.unit in UNIT_LABELS ? i.unit : 'count') as keyof typeof UNIT_LABELS;
    const row = ws.addRow([
      i.label,
      i.value === null ? null : unit === 'cents' ? i.value / 100 : i.value,
      UNIT_LABELS[unit],
    ]);
    if (unit === 'cents') row.getCell(2).numFmt = EURO_FORMAT;
    if (unit === 'ratio') row.getCell(2).numFmt = RATIO_FORMAT;
    row.commit();
  }
  ws.commit();
}

function waveWorkbook(wb: Book, s: WaveSnapshot): void {
  addKeyFigures(wb, 'Chiffres consolidés', s.keyFigures);
  addTable(
    wb,
    'Pilotes',
    [
      { header: 'Pilote', width: 32 },
      { header: 'Habitants', kind: 'number' },
      { header: 'Droits (€)', kind: 'cents' },
      { header: 'Versé (€)', kind: 'cents' },
      { header: 'Dépenses (€)', kind: 'cents' },
      { header: 'Cofinancements (€)', kind: 'cents' },
      { header: 'Apports en nature (€)', kind: 'cents' },
      { header: 'Autonomie (%)', kind: 'ratio' },
      { header: 'Activités', kind: 'number' },
      { header: 'Participations', kind: 'number' },
      { header: 'Acteurs', kind: 'number' },
    ],
    s.pilots.map((p) => [
      p.name,
      p.keyFigures.inhabitants,
      p.keyFigures.yearEntitledCents,
      p.keyFigures.disbursedCents,
      p.keyFigures.expensesCents,
      p.keyFigures.cofinancingCents,
      p.keyFigures.inKindCents,
      p.keyFigures.autonomyRatio,
      p.keyFigures.activities,
      p.keyFigures.participants,
      p.keyFigures.actors,
    ]),
    [
      'Total',
      s.keyFigures.inhabitants,
      s.keyFigures.yearEntitledCents,
      s.keyFigures.disbursedCents,
      s.keyFigures.expensesCents,
      s.keyFigures.cofinancingCents,
      s.keyFigures.inKindCents,
      s.keyFigures.autonomyRatio,
      s.keyFigures.activities,
      s.keyFigures.participants,
      s.keyFigures.actors,
    ],
  );
}

function finalWorkbook(wb: Book, s: FinalSnapshot): void {
  addKeyFigures(wb, 'Programme', s.keyFigures);
  addTable(
    wb,
    'Années',
    [
      { header: 'Année de projet', kind: 'number' },
      { header: 'Du', kind: 'date' },
      { header: 'Au', kind: 'date' },
      { header: 'Dotation (€)', kind: 'cents' },
      { header: 'Versé (€)', kind: 'cents' },
      { header: 'Dépenses (€)', kind: 'cents' },
      { header: 'Cofinancements (€)', kind: 'cents' },
      { header: 'Apports en nature (€)', kind: 'cents' },
      { header: 'Autonomie (%)', kind: 'ratio' },
      { header: 'Activités', kind: 'number' },
      { header: 'Participations', kind: 'number' },
      { header: 'Heures bénévoles (h)', kind: 'number' },
      { header: 'Contributions', kind: 'number' },
      { header: 'Acteurs contributeurs', kind: 'number' },
      { header: 'OMR (kg/hab./an)', kind: 'number' },
      { header: 'Évolution des OMR depuis la référence (%)', kind: 'ratio' },
      { header: 'Cibles de jalons', kind: 'number' },
      { header: 'Cibles atteintes', kind: 'number' },
    ],
    s.years.map((y) => [
      y.year,
      y.period.from,
      y.period.to,
      y.keyFigures.yearEntitledCents,
      y.keyFigures.disbursedCents,
      y.keyFigures.expensesCents,
      y.keyFigures.cofinancingCents,
      y.keyFigures.inKindCents,
      y.keyFigures.autonomyRatio,
      y.keyFigures.activities,
      y.keyFigures.participants,
      y.keyFigures.volunteerHours,
      y.keyFigures.contributions,
      y.contributingActors,
      y.keyFigures.residualKgPerInhabitant,
      y.keyFigures.residualChangeVsBaseline,
      y.milestonesDue,
      y.milestonesMet,
    ]),
  );
  const view = finalView(s);
  addTable(
    wb,
    'Déchets',
    [
      { header: 'Année civile', kind: 'number' },
      { header: 'Population', kind: 'number' },
      { header: 'OMR (kg/hab.)', kind: 'number' },
      { header: 'Total des flux déclarés (kg/hab.)', kind: 'number' },
      { header: 'Évolution des OMR depuis la référence (%)', kind: 'ratio' },
    ],
    view.wasteYears.map((w) => [w.year, w.population, w.residual, w.total, w.change]),
  );
  addTable(
    wb,
    'Jalons',
    [
      { header: 'Jalon', width: 40 },
      { header: 'Échéance', kind: 'date' },
      { header: 'Statut' },
      { header: 'Cible', width: 48 },
      { header: 'Résultat', width: 28 },
    ],
    view.milestones.map((m) => [
      m.title,
      m.dueDate,
      label('milestoneStatus', m.status),
      targetText(m.target),
      m.verdict,
    ]),
  );
}

/**
 * The spreadsheet annex: one sheet per table of the report, numbers as numbers, dates as dates, French headers
 * with their units. Byte-identical for the same snapshot: dated by the snapshot, never the clock.
 */
export async function renderReportXlsx(snapshot: ReportSnapshot): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // Inline strings (no shared-string table to build in memory), styles for the number formats.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Projet K';
  wb.lastModifiedBy = 'Projet K';
  const date = new Date(`${snapshot.asOf}T00:00:00Z`);
  wb.created = date;
  wb.modified = date;
  if (snapshot.kind === 'wave') waveWorkbook(wb, snapshot);
  else if (snapshot.kind === 'final') finalWorkbook(wb, snapshot);
  else pilotWorkbook(wb, snapshot);
  await wb.commit();
  await ended;
  return deterministicZip(Buffer.concat(chunks), snapshot.asOf);
}
