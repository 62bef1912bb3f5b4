import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The `notifications` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('notifications')
@Check('notifications_body_check', '(length(body) <= 5000)')
@Check('notifications_event_key_check', '((length(event_key) >= 1) AND (length(event_key) <= 300))')
@Check(
  'notifications_kind_check',
  `(kind = ANY (ARRAY['call_deadline'::text, 'disbursement_due'::text, 'disbursement_overdue'::text, 'milestone_due'::text, 'milestone_late'::text, 'year_ending'::text, 'report_issued'::text, 'report_comment'::text, 'candidature_received'::text, 'candidature_decided'::text]))`,
)
@Check('notifications_link_check', '(length(link) <= 500)')
@Check('notifications_title_check', '((length(title) >= 1) AND (length(title) <= 300))')
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'notifications_pilot_id_fkey' })
@ForeignKey('User', ['userId'], ['id'], { name: 'notifications_user_id_fkey' })
@Unique('notifications_user_id_event_key_key', ['userId', 'eventKey'])
@Index('notifications_unsent_idx', ['createdAt'], { where: '(emailed_at IS NULL) AND (email_error IS NULL)' })
// Not expressible as an entity index, kept in the migration: CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)
@Index('notifications_user_idx', { synchronize: false })
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'notifications_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'event_key', type: 'text' })
  eventKey!: string;

  @Column({ type: 'text' })
  kind!:
    | 'call_deadline'
    | 'disbursement_due'
    | 'disbursement_overdue'
    | 'milestone_due'
    | 'milestone_late'
    | 'year_ending'
    | 'report_issued'
    | 'report_comment'
    | 'candidature_received'
    | 'candidature_decided';

  @Column({ name: 'pilot_id', type: 'uuid', nullable: true })
  pilotId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', nullable: true })
  link!: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true })
  emailedAt!: Date | null;

  @Column({ name: 'email_error', type: 'text', nullable: true })
  emailError!: string | null;
}
