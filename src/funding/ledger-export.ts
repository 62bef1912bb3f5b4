import type { Column } from '../common/export';
import { LedgerEntry, TYPE_LABELS } from './ledger-entries';

/** The ledger as an accountant reconciles it (CSV / XLSX): one row per entry, then the totals. */

export type ExportRow = {
  entry?: LedgerEntry;
  label?: string;
  amountCents?: number | null;
  inCents?: number | null;
  outCents?: number | null;
};

const EXPORT_COLUMNS: Column<ExportRow>[] = [
  { header: 'N° écriture', value: (r) => r.entry?.seq ?? r.label, kind: 'text', width: 14 },
  { header: 'Date', value: (r) => r.entry?.date, kind: 'date' },
  { header: 'Type', value: (r) => (r.entry ? TYPE_LABELS[r.entry.type] : null), width: 18 },
  {
    header: 'Fonds',
    value: (r) =>
      r.entry?.fund === 'investment' ? 'Investissement' : r.entry?.fund === 'operating' ? 'Fonctionnement' : null,
  },
  { header: 'Année projet', value: (r) => r.entry?.year, kind: 'number' },
  {
    header: 'Montant (€)',
    value: (r) => (r.entry ? r.entry.amountCents : (r.amountCents ?? null)),
    kind: 'cents',
    width: 16,
  },
  {
    header: 'Entrée (€)',
    value: (r) => (r.entry ? (r.entry.signedCents > 0 ? r.entry.signedCents : null) : r.inCents),
    kind: 'cents',
    width: 16,
  },
  {
    header: 'Sortie (€)',
    value: (r) => (r.entry ? (r.entry.signedCents < 0 ? -r.entry.signedCents : null) : r.outCents),
    kind: 'cents',
    width: 16,
  },
  { header: 'Référence', value: (r) => r.entry?.reference, width: 22 },
  { header: 'Catégorie', value: (r) => r.entry?.category },
  { header: 'Fournisseur', value: (r) => r.entry?.supplier, width: 20 },
  { header: 'Source', value: (r) => r.entry?.source, width: 20 },
  { header: 'Type de source', value: (r) => r.entry?.sourceKind },
  { header: 'Description', value: (r) => r.entry?.description, width: 30 },
  { header: 'Annule l’écriture N°', value: (r) => r.entry?.reversesSeq, kind: 'number' },
  { header: 'Annulée par l’écriture N°', value: (r) => r.entry?.reversedBySeq, kind: 'number' },
  { header: 'Motif d’annulation', value: (r) => r.entry?.reason, width: 24 },
  { header: 'Motif de l’attribution à une autre année', value: (r) => r.entry?.attributionReason, width: 30 },
  { header: 'Justificatif (sha256)', value: (r) => r.entry?.receipt?.sha256, width: 20 },
  { header: 'Saisi par', value: (r) => r.entry?.createdBy?.name },
  { header: 'Saisi le', value: (r) => r.entry?.createdAt },
  { header: 'Identifiant', value: (r) => r.entry?.id, width: 38 },
];

export type LedgerTable = { filename: string; columns: Column<ExportRow>[]; rows: ExportRow[]; totals: ExportRow[] };

/** Every entry in recording order with the reconciliation totals: per type net of reversals, in/out columns, balance. */
export function ledgerTable(pilotId: string, entries: LedgerEntry[]): LedgerTable {
  const totals: ExportRow[] = [];
  for (const type of ['disbursement', 'expense', 'cofinancing', 'in_kind'] as const) {
    const ofType = entries.filter((e) => e.type === type);
    if (ofType.length === 0) continue;
    const gross = ofType.reduce((s, e) => s + e.amountCents, 0);
    const cancelled = ofType.filter((e) => e.reversedByEntryId).reduce((s, e) => s + e.amountCents, 0);
    totals.push({ label: `Total ${TYPE_LABELS[type]} (net des annulations)`, amountCents: gross - cancelled });
  }
  const inCents = entries.reduce((s, e) => s + Math.max(0, e.signedCents), 0);
  const outCents = entries.reduce((s, e) => s + Math.max(0, -e.signedCents), 0);
  totals.push({ label: 'Total des colonnes Entrée / Sortie', inCents, outCents });
  // Balance on the side it falls, so every figure stays a positive number (spreadsheets treat a leading '-' in CSV as text here).
  totals.push({
    label: 'Solde (entrées − sorties)',
    inCents: inCents >= outCents ? inCents - outCents : null,
    outCents: outCents > inCents ? outCents - inCents : null,
  });
  return {
    filename: `grand-livre-${pilotId.slice(0, 8)}`,
    columns: EXPORT_COLUMNS,
    rows: entries.map((e) => ({ entry: e })),
    totals,
  };
}
