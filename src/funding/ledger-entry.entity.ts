import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The `ledger_entries` table, as the migrations create it (`npm run migration:check` compares the two).
 * bigint columns (cents, kilograms, counters) arrive as numbers: the driver parses int8 with a safety guard (src/database/data-source.ts).
 * Triggers, kept in the migrations: ledger_entries_append_only → refuse_change().
 */
@Entity('ledger_entries')
@Check('ledger_entries_amount_cents_check', `((amount_cents > 0) AND (amount_cents <= '100000000000'::bigint))`)
@Check(
  'ledger_entries_category_check',
  `(category = ANY (ARRAY['works'::text, 'equipment'::text, 'staff'::text, 'services'::text, 'communication'::text, 'other'::text]))`,
)
@Check('ledger_entries_check', `((type = 'reversal'::text) = (reverses_entry_id IS NOT NULL))`)
@Check('ledger_entries_check1', `((type = 'reversal'::text) = (reason IS NOT NULL))`)
@Check('ledger_entries_check2', `((type <> ALL (ARRAY['disbursement'::text, 'expense'::text])) OR (fund IS NOT NULL))`)
@Check(
  'ledger_entries_check3',
  `((type <> ALL (ARRAY['cofinancing'::text, 'in_kind'::text])) OR ((fund IS NULL) AND (source IS NOT NULL)))`,
)
@Check('ledger_entries_check4', `((type = 'expense'::text) = (category IS NOT NULL))`)
@Check('ledger_entries_check5', `((type = 'expense'::text) OR (supplier IS NULL))`)
@Check(
  'ledger_entries_check6',
  `((type = ANY (ARRAY['cofinancing'::text, 'in_kind'::text, 'reversal'::text])) OR ((source IS NULL) AND (source_kind IS NULL)))`,
)
@Check('ledger_entries_check7', `((actor_id IS NULL) OR (source_kind = 'actor'::text))`)
@Check('ledger_entries_check8', `((type <> 'disbursement'::text) OR (fund = 'operating'::text) OR (year = 1))`)
@Check(
  'ledger_entries_attribution_reason_check',
  '((length(attribution_reason) >= 1) AND (length(attribution_reason) <= 500))',
)
@Check('ledger_entries_description_check', '(length(description) <= 2000)')
@Check('ledger_entries_fund_check', `(fund = ANY (ARRAY['investment'::text, 'operating'::text]))`)
@Check('ledger_entries_reason_check', '((length(reason) >= 1) AND (length(reason) <= 2000))')
@Check('ledger_entries_reference_check', '((length(reference) >= 1) AND (length(reference) <= 200))')
@Check('ledger_entries_source_check', '((length(source) >= 1) AND (length(source) <= 200))')
@Check(
  'ledger_entries_source_kind_check',
  `(source_kind = ANY (ARRAY['commune'::text, 'actor'::text, 'grant'::text, 'own_revenue'::text, 'other'::text]))`,
)
@Check('ledger_entries_supplier_check', '((length(supplier) >= 1) AND (length(supplier) <= 200))')
@Check(
  'ledger_entries_type_check',
  `(type = ANY (ARRAY['disbursement'::text, 'expense'::text, 'cofinancing'::text, 'in_kind'::text, 'reversal'::text]))`,
)
@Check('ledger_entries_year_check', '((year >= 1) AND (year <= 10))')
@ForeignKey('User', ['createdBy'], ['id'], { name: 'ledger_entries_created_by_fkey' })
@ForeignKey('Actor', ['pilotId', 'actorId'], ['pilotId', 'id'], { name: 'ledger_entries_pilot_id_actor_id_fkey' })
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'ledger_entries_pilot_id_fkey' })
@ForeignKey(() => LedgerEntry, ['pilotId', 'reversesEntryId'], ['pilotId', 'id'], {
  name: 'ledger_entries_pilot_id_reverses_entry_id_fkey',
})
@Unique('ledger_entries_pilot_id_id_key', ['pilotId', 'id'])
@Unique('ledger_entries_reverses_entry_id_key', ['reversesEntryId'])
@Unique('ledger_entries_seq_key', ['seq'])
@Index('ledger_entries_fund_year_idx', ['pilotId', 'fund', 'year'], {
  where: `type = ANY (ARRAY['disbursement'::text, 'reversal'::text])`,
})
@Index('ledger_entries_pilot_idx', ['pilotId', 'seq'])
export class LedgerEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'ledger_entries_pkey' })
  id!: string;

  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  seq!: number;

  @Column({ name: 'pilot_id', type: 'uuid' })
  pilotId!: string;

  @Column({ type: 'text' })
  type!: 'disbursement' | 'expense' | 'cofinancing' | 'in_kind' | 'reversal';

  @Column({ type: 'text', nullable: true })
  fund!: 'investment' | 'operating' | null;

  @Column({ type: 'int' })
  year!: number;

  @Column({ name: 'amount_cents', type: 'bigint' })
  amountCents!: number;

  @Column({ name: 'entry_date', type: 'date' })
  entryDate!: string;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text', nullable: true })
  category!: 'works' | 'equipment' | 'staff' | 'services' | 'communication' | 'other' | null;

  @Column({ type: 'text', nullable: true })
  supplier!: string | null;

  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ name: 'source_kind', type: 'text', nullable: true })
  sourceKind!: 'commune' | 'actor' | 'grant' | 'own_revenue' | 'other' | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'reverses_entry_id', type: 'uuid', nullable: true })
  reversesEntryId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'attribution_reason', type: 'text', nullable: true })
  attributionReason!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
