import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The `milestones` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('milestones')
@Check(
  'milestones_check',
  '(((target_indicator IS NULL) = (target_operator IS NULL)) AND ((target_indicator IS NULL) = (target_value IS NULL)) AND ((target_indicator IS NULL) = (target_year IS NULL)))',
)
@Check('milestones_check1', '((evidence_file IS NULL) = (evidence_file_name IS NULL))')
@Check('milestones_description_check', '(length(description) <= 5000)')
@Check('milestones_evidence_file_check', '(octet_length(evidence_file) <= 10485760)')
@Check('milestones_evidence_file_name_check', '(length(evidence_file_name) <= 255)')
@Check('milestones_evidence_file_type_check', '(length(evidence_file_type) <= 100)')
@Check('milestones_evidence_text_check', '(length(evidence_text) <= 5000)')
@Check('milestones_evidence_url_check', `((length(evidence_url) <= 2000) AND (evidence_url ~ '^https?://'::text))`)
@Check('milestones_owner_check', '(length(owner) <= 200)')
@Check(
  'milestones_status_check',
  `(status = ANY (ARRAY['planned'::text, 'in_progress'::text, 'done'::text, 'dropped'::text]))`,
)
@Check('milestones_target_operator_check', `(target_operator = ANY (ARRAY['gte'::text, 'lte'::text]))`)
@Check('milestones_target_year_check', '((target_year >= 1) AND (target_year <= 10))')
@Check('milestones_title_check', '((length(title) >= 1) AND (length(title) <= 200))')
@ForeignKey('User', ['createdBy'], ['id'], { name: 'milestones_created_by_fkey' })
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'milestones_pilot_id_fkey' })
@Index('milestones_pilot_idx', ['pilotId', 'dueDate'])
export class Milestone {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'milestones_pkey' })
  id!: string;

  @Column({ name: 'pilot_id', type: 'uuid' })
  pilotId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'text', nullable: true })
  owner!: string | null;

  @Column({ type: 'text', default: 'planned' })
  status!: 'planned' | 'in_progress' | 'done' | 'dropped';

  @Column({ name: 'evidence_text', type: 'text', nullable: true })
  evidenceText!: string | null;

  @Column({ name: 'evidence_url', type: 'text', nullable: true })
  evidenceUrl!: string | null;

  @Column({ name: 'evidence_file_name', type: 'text', nullable: true })
  evidenceFileName!: string | null;

  @Column({ name: 'evidence_file_type', type: 'text', nullable: true })
  evidenceFileType!: string | null;

  @Column({ name: 'evidence_file', type: 'bytea', nullable: true })
  evidenceFile!: Buffer | null;

  @Column({ name: 'target_indicator', type: 'text', nullable: true })
  targetIndicator!: string | null;

  @Column({ name: 'target_operator', type: 'text', nullable: true })
  targetOperator!: 'gte' | 'lte' | null;

  @Column({ name: 'target_value', type: 'double precision', nullable: true })
  targetValue!: number | null;

  @Column({ name: 'target_year', type: 'int', nullable: true })
  targetYear!: number | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
