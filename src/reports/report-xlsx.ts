import { PassThrough } from 'node:stream';
import { label } from '../common/labels-fr';
import { deterministicZip } from '../common/xlsx-determinism';
import { finalView } from './report-view';
import { pilotWorkbook } from './report-xlsx-pilot';
import { excelLib } from './report-libs';
import { addKeyFigures, addTable, Book, figureColumn, targetText } from './report-xlsx-sheet';
import type { FinalSnapshot, KeyFigures, ReportSnapshot, WaveSnapshot } from './report.types';

async function waveWorkbook(wb: Book, s: WaveSnapshot): Promise<void> {
  await addKeyFigures(wb, 'Chiffres consolidés', s.keyFigures);
  type Row = { name: string; keyFigures: KeyFigures };
  const columns = [
    { header: 'Pilote', width: 32, value: (p: Row) => p.name },
    figureColumn<Row>('Habitants', 'inhabitants'),
    figureColumn<Row>('Droits (€)', 'yearEntitledCents', 'cents'),
    figureColumn<Row>('Versé (€)', 'disbursedCents', 'cents'),
    figureColumn<Row>('Dépenses (€)', 'expensesCents', 'cents'),
    figureColumn<Row>('Cofinancements (€)', 'cofinancingCents', 'cents'),
    figureColumn<Row>('Apports en nature (€)', 'inKindCents', 'cents'),
    figureColumn<Row>('Autonomie (%)', 'autonomyRatio', 'ratio'),
    figureColumn<Row>('Activités', 'activities'),
    figureColumn<Row>('Participations', 'participants'),
    figureColumn<Row>('Acteurs', 'actors'),
  ];
  const total: Row = { name: 'Total', keyFigures: s.keyFigures };
  await addTable(
    wb,
    'Pilotes',
    columns,
    s.pilots,
    columns.map((c) => c.value(total)),
  );
}

async function finalWorkbook(wb: Book, s: FinalSnapshot): Promise<void> {
  await addKeyFigures(wb, 'Programme', s.keyFigures);
  type Year = FinalSnapshot['years'][number];
  await addTable<Year>(
    wb,
    'Années',
    [
      { header: 'Année de projet', kind: 'number', value: (y) => y.year },
      { header: 'Du', kind: 'date', value: (y) => y.period.from },
      { header: 'Au', kind: 'date', value: (y) => y.period.to },
      figureColumn('Dotation (€)', 'yearEntitledCents', 'cents'),
      figureColumn('Versé (€)', 'disbursedCents', 'cents'),
      figureColumn('Dépenses (€)', 'expensesCents', 'cents'),
      figureColumn('Cofinancements (€)', 'cofinancingCents', 'cents'),
      figureColumn('Apports en nature (€)', 'inKindCents', 'cents'),
      figureColumn('Autonomie (%)', 'autonomyRatio', 'ratio'),
      figureColumn('Activités', 'activities'),
      figureColumn('Participations', 'participants'),
      figureColumn('Heures bénévoles (h)', 'volunteerHours'),
      figureColumn('Contributions', 'contributions'),
      { header: 'Acteurs contributeurs', kind: 'number', value: (y) => y.contributingActors },
      figureColumn('OMR (kg/hab./an)', 'residualKgPerInhabitant', 'perInhabitant'),
      figureColumn('Évolution des OMR depuis la référence (%)', 'residualChangeVsBaseline', 'ratio'),
      { header: 'Cibles de jalons', kind: 'number', value: (y) => y.milestonesDue },
      { header: 'Cibles atteintes', kind: 'number', value: (y) => y.milestonesMet },
    ],
    s.years,
  );
  const view = finalView(s);
  await addTable(
    wb,
    'Déchets',
    [
      { header: 'Année civile', kind: 'number', value: (w) => w.year },
      { header: 'Population', kind: 'number', value: (w) => w.population },
      { header: 'OMR (kg/hab.)', kind: 'perInhabitant', value: (w) => w.residual },
      { header: 'Total des flux déclarés (kg/hab.)', kind: 'perInhabitant', value: (w) => w.total },
      { header: 'Évolution des OMR depuis la référence (%)', kind: 'ratio', value: (w) => w.change },
    ],
    view.wasteYears,
  );
  await addTable(
    wb,
    'Jalons',
    [
      { header: 'Jalon', width: 40, value: (m) => m.title },
      { header: 'Échéance', kind: 'date', value: (m) => m.dueDate },
      { header: 'Statut', value: (m) => label('milestoneStatus', m.status) },
      { header: 'Cible', width: 48, value: (m) => targetText(m.target) },
      { header: 'Résultat', width: 28, value: (m) => m.verdict },
    ],
    view.milestones,
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
  const wb = new (excelLib().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Projet K';
  wb.lastModifiedBy = 'Projet K';
  const date = new Date(`${snapshot.asOf}T00:00:00Z`);
  wb.created = date;
  wb.modified = date;
  if (snapshot.kind === 'wave') await waveWorkbook(wb, snapshot);
  else if (snapshot.kind === 'final') await finalWorkbook(wb, snapshot);
  else await pilotWorkbook(wb, snapshot);
  await wb.commit();
  await ended;
  return deterministicZip(Buffer.concat(chunks), snapshot.asOf);
}
