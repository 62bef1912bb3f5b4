import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Report } from './report.entity';

/**
 * The `report_comments` table (a reviewer's comment on a draft, with an optional decision; append-only by the
 * `refuse_change()` trigger), as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('report_comments')
@Check('report_comments_author_role_check', `((author_role = 'reviewer'::text))`)
@Check('report_comments_body_check', '((length(body) <= 5000))')
@Check('report_comments_check', '(((decision IS NOT NULL) OR (length(btrim(body)) > 0)))')
@Check('report_comments_decision_check', `((decision = ANY (ARRAY['approve'::text, 'changes_requested'::text])))`)
@ForeignKey('User', ['authorId'], ['id'], { name: 'report_comments_author_id_fkey' })
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'report_comments_pilot_id_fkey' })
@ForeignKey(() => Report, ['reportId'], ['id'], { name: 'report_comments_report_id_fkey' })
@Index('report_comments_report_idx', ['reportId', 'createdAt', 'id'])
export class ReportComment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'report_comments_pkey' })
  id!: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @Column({ name: 'pilot_id', type: 'uuid' })
  pilotId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ name: 'author_role', type: 'text' })
  authorRole!: 'reviewer';

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', nullable: true })
  decision!: 'approve' | 'changes_requested' | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
