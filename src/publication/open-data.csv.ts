import type { Column } from '../common/export';
import type { OpenDataCatalogue, PublicPilotData, PublicPilotEntry } from './publication.types';

/** One figure of a published pilot: the long format a portal can load without knowing the JSON. */
export type FigureRow = {
  section: string;
  indicator: string;
  dimension: string | null;
  year: number | null;
  value: number | string | null;
  unit: string;
};

export const FIGURE_COLUMNS: Column<FigureRow>[] = [
  { header: 'rubrique', value: (r) => r.section },
  { header: 'indicateur', value: (r) => r.indicator },
  { header: 'dimension', value: (r) => r.dimension },
  { header: 'annee', value: (r) => r.year, kind: 'number' },
  { header: 'valeur', value: (r) => r.value, kind: 'number' },
  { header: 'unite', value: (r) => r.unit },
];

export const CATALOGUE_COLUMNS: Column<PublicPilotEntry>[] = [
  { header: 'identifiant', value: (e) => e.slug },
  { header: 'nom', value: (e) => e.name },
  { header: 'communes', value: (e) => e.communes.join(' / ') },
  { header: 'habitants', value: (e) => e.inhabitants, kind: 'number' },
  { header: 'etape', value: (e) => e.stage },
  { header: 'date_debut', value: (e) => e.startDate },
  { header: 'publie_le', value: (e) => e.publishedAt },
  { header: 'licence', value: (e) => e.licence.name },
  { header: 'licence_url', value: (e) => e.licence.url },
  { header: 'page', value: (e) => e.pageUrl },
  { header: 'donnees', value: (e) => e.dataUrl },
];

export const catalogueRows = (c: OpenDataCatalogue): PublicPilotEntry[] => c.items;

/**
 * The JSON document as rows: money in euros (two decimals), ratios as fractions, kilograms, counts. Waste figures
 * stay exact, as in the JSON: the reader rounds once, at display (docs/open-data.md, « Precision »).
 */
export function figureRows(d: PublicPilotData): FigureRow[] {
  const rows: FigureRow[] = [];
  const add = (
    section: string,
    indicator: string,
    value: number | string | null,
    unit: string,
    year: number | null = null,
    dimension: string | null = null,
  ) => rows.push({ section, indicator, dimension, year, value, unit });
  add('pilote', 'habitants', d.pilot.inhabitants, 'habitants');
  add('pilote', 'date_debut', d.pilot.startDate, 'date');
  add('pilote', 'fin_programme', d.pilot.programmeEnd, 'date');
  add('pilote', 'etape', d.pilot.stage, 'code');
  add('acteurs', 'acteurs', d.actors.total, 'nombre');
  for (const t of d.actors.byType) add('acteurs', 'acteurs', t.actors, 'nombre', null, t.type);
  const f = d.funding;
  add('financement', 'droits', f.entitledEuros, 'EUR');
  add('financement', 'verse', f.disbursedEuros, 'EUR');
  add('financement', 'depense', f.spentEuros, 'EUR');
  add('financement', 'cofinancement', f.cofinancingEuros, 'EUR');
  add('financement', 'apport_en_nature', f.inKindEuros, 'EUR');
  for (const fund of f.funds) {
    add('financement', 'droits', fund.entitledEuros, 'EUR', null, fund.fund);
    add('financement', 'verse', fund.disbursedEuros, 'EUR', null, fund.fund);
    add('financement', 'depense', fund.spentEuros, 'EUR', null, fund.fund);
  }
  for (const c of f.spentByCategory) add('financement', 'depense_par_categorie', c.spentEuros, 'EUR', null, c.category);
  for (const y of f.years) {
    add('autonomie', 'ressources_fonctionnement', y.operatingResourcesEuros, 'EUR', y.year);
    add('autonomie', 'fonctionnement_smicval', y.smicvalOperatingEuros, 'EUR', y.year);
    add('autonomie', 'cofinancement', y.cofinancingEuros, 'EUR', y.year);
    add('autonomie', 'apport_en_nature', y.inKindEuros, 'EUR', y.year);
    add('autonomie', 'depense', y.spentEuros, 'EUR', y.year);
    add('autonomie', 'taux_autonomie', y.autonomyRatio, 'ratio', y.year);
  }
  const a = d.activities;
  for (const [year, fig] of [[null, a.total] as const, ...a.years.map((y) => [y.year, y] as const)]) {
    add('activites', 'activites', fig.activities, 'nombre', year);
    add('activites', 'participants', fig.participants, 'nombre', year);
    add('activites', 'heures_benevoles', fig.volunteerHours, 'heures', year);
    add('activites', 'dechets_evites', fig.divertedKg.total, 'kg', year);
  }
  for (const b of a.byType) {
    add('activites', 'activites', b.activities, 'nombre', null, b.type);
    add('activites', 'participants', b.participants, 'nombre', null, b.type);
  }
  for (const w of d.waste.years) {
    for (const [stream, kg] of Object.entries(w.kgPerInhabitant))
      add('dechets', 'kg_par_habitant', kg, 'kg/hab./an', w.year, stream);
    add('dechets', 'evolution_omr_vs_reference', w.residualChangeVsBaseline, 'ratio', w.year);
  }
  add('dechets', 'annee_reference', d.waste.baselineYear, 'annee');
  add('jalons', 'jalons', d.milestones.total, 'nombre');
  add('jalons', 'jalons_realises', d.milestones.done, 'nombre');
  return rows;
}
