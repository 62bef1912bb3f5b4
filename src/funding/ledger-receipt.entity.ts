import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { LedgerEntry } from './ledger-entry.entity';

/**
 * The `ledger_receipts` table, as the migrations create it (`npm run migration:check` compares the two).
 * Triggers, kept in the migrations: ledger_receipts_append_only → refuse_change().
 */
@Entity('ledger_receipts')
@Check(
  'ledger_receipts_content_type_check',
  `(content_type = ANY (ARRAY['application/pdf'::text, 'image/jpeg'::text, 'image/png'::text]))`,
)
@Check('ledger_receipts_filename_check', '((length(filename) >= 1) AND (length(filename) <= 200))')
@Check('ledger_receipts_sha256_check', `(sha256 ~ '^[0-9a-f]{64}$'::text)`)
@Check('ledger_receipts_size_bytes_check', '((size_bytes >= 1) AND (size_bytes <= 10485760))')
@ForeignKey('User', ['createdBy'], ['id'], { name: 'ledger_receipts_created_by_fkey' })
@ForeignKey(() => LedgerEntry, ['pilotId', 'entryId'], ['pilotId', 'id'], {
  name: 'ledger_receipts_pilot_id_entry_id_fkey',
})
export class LedgerReceipt {
  @PrimaryColumn({ name: 'entry_id', type: 'uuid', primaryKeyConstraintName: 'ledger_receipts_pkey' })
  entryId!: string;

  @Column({ name: 'pilot_id', type: 'uuid' })
  pilotId!: string;

  @Column({ type: 'text' })
  filename!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: 'application/pdf' | 'image/jpeg' | 'image/png';

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
