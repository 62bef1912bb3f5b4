import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The `throttle_counters` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('throttle_counters')
@Check('throttle_counters_count_check', '(count >= 0)')
@Check('throttle_counters_key_check', '((length(key) >= 1) AND (length(key) <= 400))')
@Index('throttle_counters_last_at', ['lastAt'])
export class ThrottleCounter {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'throttle_counters_pkey' })
  key!: string;

  @Column({ type: 'int' })
  count!: number;

  @Column({ name: 'window_start', type: 'timestamptz', default: () => 'now()' })
  windowStart!: Date;

  @Column({ name: 'last_at', type: 'timestamptz', default: () => 'now()' })
  lastAt!: Date;
}
