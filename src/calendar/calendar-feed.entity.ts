import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

/**
 * The `calendar_feeds` table (each person's private ICS feed; only the SHA-256 of its secret token is kept), as
 * the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('calendar_feeds')
@Check('calendar_feeds_token_hash_check', '((length(token_hash) = 64))')
@ForeignKey('User', ['userId'], ['id'], { name: 'calendar_feeds_user_id_fkey', onDelete: 'CASCADE' })
@Unique('calendar_feeds_token_hash_key', ['tokenHash'])
export class CalendarFeed {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'calendar_feeds_pkey' })
  userId!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
