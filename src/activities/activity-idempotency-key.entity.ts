import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * The `activity_idempotency_keys` table, as the migrations create it (`npm run migration:check` compares the two):
 * the `Idempotency-Key` of each logged activity and its first response, replayed to a retry.
 */
@Entity('activity_idempotency_keys')
@Check('activity_idempotency_keys_key_check', '((length(key) >= 1) AND (length(key) <= 200))')
@ForeignKey('User', ['userId'], ['id'], { name: 'activity_idempotency_keys_user_id_fkey' })
@Index('activity_idempotency_keys_created_idx', ['createdAt'])
export class ActivityIdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'activity_idempotency_keys_pkey' })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'activity_idempotency_keys_pkey' })
  key!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ type: 'int', nullable: true })
  status!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  response!: unknown | null;

  @Column({ name: 'activity_id', type: 'uuid', nullable: true })
  activityId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
