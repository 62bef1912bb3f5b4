import { targetVerdict } from '../autonomy/milestones';
import { UNIT_LABELS } from '../common/format-fr';
import { label } from '../common/labels-fr';
import { addKeyFigures, addTable, Book, Column, Kind, targetText } from './report-xlsx-sheet';
import type { FundingSection, PilotSnapshot } from './report.types';

type SourceGroup = FundingSection['cofinancingBySource'][number];

/** Co-financing and in-kind contributions: one table shape, by source. */
async function addBySource(
  wb: Book,
  name: string,
  valueHeader: string,
  groups: SourceGroup[],
  totalCents: number,
): Promise<void> {
  await addTable<SourceGroup>(
    wb,
    name,
    [
      { header: 'Source', width: 32, value: (c) => c.source },
      { header: 'Nature', width: 20, value: (c) => label('sourceKind', c.sourceKind) },
      { header: valueHeader, kind: 'cents', value: (c) => c.amountCents },
    ],
    groups,
    ['Total', null, totalCents],
  );
}

async function addFunding(
  wb: Book,
  f: Extract<PilotSnapshot['sections']['funding'], { available: true }>,
): Promise<void> {
  await addTable(
    wb,
    'Soldes',
    [
      { header: 'Fonds', width: 28, value: (fund) => label('fund', fund) },
      { header: 'Droits (€)', kind: 'cents', value: (fund) => f.balances[fund].entitledCents },
      { header: 'Versé (€)', kind: 'cents', value: (fund) => f.balances[fund].disbursedCents },
      { header: 'Dépensé (€)', kind: 'cents', value: (fund) => f.balances[fund].spentCents },
      { header: 'Disponible (€)', kind: 'cents', value: (fund) => f.balances[fund].availableCents },
    ],
    ['investment', 'operating'] as const,
  );
  await addTable(
    wb,
    'Droits',
    [
      { header: 'Fonds', width: 28, value: (e) => label('fund', e.fund) },
      { header: 'Année de projet', kind: 'number', value: (e) => e.year },
      { header: 'Montant (€)', kind: 'cents', value: (e) => e.amountCents },
    ],
    f.entitlements,
  );
  await addTable(
    wb,
    'Versements',
    [
      { header: 'Date', kind: 'date', value: (d) => d.date },
      { header: 'Fonds', width: 28, value: (d) => label('fund', d.fund) },
      { header: 'Référence', width: 24, value: (d) => d.reference },
      { header: 'Montant (€)', kind: 'cents', value: (d) => d.amountCents },
    ],
    f.disbursements,
    ['Total', null, null, f.disbursedCents],
  );
  await addTable(
    wb,
    'Dépenses',
    [
      { header: 'Catégorie', width: 24, value: (e) => label('expense', e.category) },
      { header: 'Investissement (€)', kind: 'cents', value: (e) => e.investmentCents },
      { header: 'Fonctionnement (€)', kind: 'cents', value: (e) => e.operatingCents },
      { header: 'Total (€)', kind: 'cents', value: (e) => e.totalCents },
    ],
    f.expensesByCategory,
    ['Total', null, null, f.expensesCents],
  );
  await addBySource(wb, 'Cofinancements', 'Montant (€)', f.cofinancingBySource, f.cofinancingCents);
  await addBySource(wb, 'Apports en nature', 'Valeur (€)', f.inKindBySource, f.inKindCents);
}

async function addActivities(
  wb: Book,
  a: Extract<PilotSnapshot['sections']['activities'], { available: true }>,
): Promise<void> {
  await addTable(
    wb,
    'Activités',
    [
      { header: 'Date', kind: 'date', value: (x) => x.date },
      { header: 'Activité', width: 40, value: (x) => x.title },
      { header: 'Type', width: 22, value: (x) => label('activityType', x.type) },
      { header: 'Politiques', width: 40, value: (x) => x.policies.map((p) => label('policy', p)).join(', ') },
      { header: 'Participants', kind: 'number', value: (x) => x.participants },
      { header: 'Bénévoles', kind: 'number', value: (x) => x.volunteers },
      { header: 'Heures bénévoles (h)', kind: 'number', value: (x) => x.volunteerHours },
      { header: 'Niveau de participation', width: 22, value: (x) => label('participation', x.participationLevel) },
      { header: 'Photos', kind: 'number', value: (x) => x.photos ?? 0 },
    ],
    a.list,
    [
      'Total',
      null,
      null,
      null,
      a.participants,
      a.volunteers,
      a.volunteerHours,
      null,
      a.list.reduce((n, x) => n + (x.photos ?? 0), 0),
    ],
  );
  type Group = { name: string; count: number; participants: number };
  const counts = (header: string, width: number): Column<Group>[] => [
    { header, width, value: (x) => x.name },
    { header: 'Activités', kind: 'number', value: (x) => x.count },
    { header: 'Participations', kind: 'number', value: (x) => x.participants },
  ];
  await addTable(
    wb,
    'Activités par type',
    counts('Type', 26),
    a.byType.map((x) => ({ ...x, name: label('activityType', x.type) })),
  );
  await addTable(
    wb,
    'Activités par politique',
    counts('Politique', 36),
    a.byPolicy.map((x) => ({ ...x, name: label('policy', x.policy) })),
  );
}

async function addActors(
  wb: Book,
  ac: Extract<PilotSnapshot['sections']['actors'], { available: true }>,
): Promise<void> {
  await addTable(
    wb,
    'Acteurs',
    [
      { header: 'Acteur', width: 36, value: (x) => x.name },
      { header: 'Type', width: 20, value: (x) => label('actorType', x.type) },
      { header: 'Contributions', kind: 'number', value: (x) => x.contributions },
    ],
    ac.list,
  );
  await addTable(
    wb,
    'Contributions',
    [
      { header: 'Acteur', width: 32, value: (x) => x.actor },
      { header: 'Nature', width: 18, value: (x) => label('contribution', x.kind) },
      { header: 'Description', width: 48, value: (x) => x.description },
      { header: 'Valeur (€)', kind: 'cents', value: (x) => x.valueCents },
      { header: 'Heures (h)', kind: 'number', value: (x) => x.hours },
      { header: 'Année de projet', kind: 'number', value: (x) => x.year },
    ],
    ac.contributions,
    ['Total', null, null, ac.contributionsValueCents, ac.contributionsHours, null],
  );
}

const STREAMS = ['residual', 'packaging', 'glass', 'biowaste', 'recyclingCentre', 'reuse', 'total'];

async function addWaste(wb: Book, w: Extract<PilotSnapshot['sections']['waste'], { available: true }>): Promise<void> {
  await addTable(
    wb,
    'Déchets',
    [
      { header: 'Année', kind: 'year', width: 10, value: (y) => y.year },
      { header: 'Population', kind: 'number', value: (y) => y.population },
      ...STREAMS.map((st): Column<(typeof w.years)[number]> => ({
        header: `${st === 'total' ? 'Total des flux déclarés' : label('wasteStream', st)} (kg/hab./an)`,
        kind: 'perInhabitant',
        width: 22,
        value: (y) => y.kgPerInhabitant[st] ?? null,
      })),
      { header: 'OMR vs année de référence (%)', kind: 'ratio', width: 18, value: (y) => y.residualChangeVsBaseline },
    ],
    w.years,
  );
  await addTable(
    wb,
    'Références déchets',
    [
      {
        header: 'Comparé à',
        width: 28,
        value: (r) => (r.compares === 'residual' ? 'OMR du territoire' : 'Total des flux déclarés'),
      },
      { header: 'Référence', width: 48, value: (r) => r.label },
      { header: 'Valeur (kg/hab./an)', kind: 'perInhabitant', value: (r) => r.kgPerInhabitant },
      { header: 'Année', kind: 'year', width: 10, value: (r) => r.year },
      { header: 'Source', width: 60, value: (r) => r.source },
    ],
    w.references,
  );
}

async function addAutonomy(
  wb: Book,
  au: Extract<PilotSnapshot['sections']['autonomy'], { available: true }>,
): Promise<void> {
  await addTable(
    wb,
    'Jalons',
    [
      { header: 'Jalon', width: 40, value: (m) => m.title },
      { header: 'Échéance', kind: 'date', value: (m) => m.dueDate },
      { header: 'Statut', width: 14, value: (m) => label('milestoneStatus', m.status) },
      { header: 'En retard', width: 10, value: (m) => (m.late ? 'Oui' : 'Non') },
      { header: 'Cible', width: 48, value: (m) => targetText(m.target) },
      {
        header: 'Résultat',
        width: 28,
        value: (m) =>
          m.target ? label('targetVerdict', targetVerdict({ met: m.targetMet, final: m.targetFinal ?? false })) : null,
      },
    ],
    au.milestones,
  );
  // Each indicator in its own unit: a ratio as a percentage cell, cents as euros, kg per inhabitant to the tenth.
  const unitOf = (u: string) => (u in UNIT_LABELS ? u : 'count') as keyof typeof UNIT_LABELS;
  const kindOf = (u: string): Kind =>
    u === 'cents'
      ? 'cents'
      : u === 'ratio'
        ? 'ratio'
        : u === 'kgPerInhabitant' || u === 'kg_per_inhabitant'
          ? 'perInhabitant'
          : 'number';
  await addTable(
    wb,
    'Indicateurs',
    [
      { header: 'Indicateur', width: 56, value: (i) => i.label },
      { header: 'Valeur', width: 18, kind: (i) => kindOf(unitOf(i.unit)), value: (i) => i.value },
      { header: 'Unité', width: 14, value: (i) => UNIT_LABELS[unitOf(i.unit)] },
    ],
    au.indicators,
  );
}

/** The yearly report's annex: key figures, then every table of each section the snapshot has. */
export async function pilotWorkbook(wb: Book, s: PilotSnapshot): Promise<void> {
  await addKeyFigures(wb, 'Chiffres clés', s.keyFigures);
  const { funding, activities, actors, waste, autonomy } = s.sections;
  if (funding.available) await addFunding(wb, funding);
  if (activities.available) await addActivities(wb, activities);
  if (actors.available) await addActors(wb, actors);
  if (waste.available) await addWaste(wb, waste);
  if (autonomy.available) await addAutonomy(wb, autonomy);
}
