import type { components } from '../../api/schema';

export type FundingSummary = components['schemas']['FundingSummaryDto'];
export type LedgerEntry = components['schemas']['LedgerEntryDto'];
export type CreateEntry = components['schemas']['CreateLedgerEntryDto'];
export type EntryType = LedgerEntry['type'];
export type SourceKind = NonNullable<CreateEntry['sourceKind']>;

export const entryTypeLabels: Record<EntryType, string> = {
  disbursement: 'Versement Smicval',
  expense: 'Dépense',
  cofinancing: 'Cofinancement',
  in_kind: 'Apport en nature',
  reversal: 'Annulation',
};

export { sourceKindLabels } from '../../i18n/labels';

export const instalmentStatusLabels: Record<FundingSummary['schedule'][number]['status'], string> = {
  paid: 'Versé',
  partial: 'Versé en partie',
  upcoming: 'À venir',
  due: 'À verser',
  overdue: 'En retard',
};

/**
 * One Idempotency-Key per submission: generated when a form opens and kept until the server accepted it,
 * so a double click or a retry after a network error writes once.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** « 1 234,56 » or « 1234.5 » → integer cents, exactly (no floating point); null when not a positive amount. */
export function eurosToCents(input: string): number | null {
  const s = input.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return cents > 0 ? cents : null;
}
