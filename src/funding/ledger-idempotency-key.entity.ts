import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * The `ledger_idempotency_keys` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('ledger_idempotency_keys')
@Check('ledger_idempotency_keys_key_check', '((length(key) >= 1) AND (length(key) <= 200))')
@ForeignKey('User', ['userId'], ['id'], { name: 'ledger_idempotency_keys_user_id_fkey' })
@Index('ledger_idempotency_keys_created_idx', ['createdAt'])
export class LedgerIdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'ledger_idempotency_keys_pkey' })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'ledger_idempotency_keys_pkey' })
  key!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ type: 'int', nullable: true })
  status!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  response!: unknown | null;

  @Column({ name: 'entry_id', type: 'uuid', nullable: true })
  entryId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
