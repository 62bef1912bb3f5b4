import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The `reports` table, as the migrations create it (`npm run migration:check` compares the two).
 * Triggers, kept in the migrations: reports_frozen_when_issued → reports_refuse_issued_change(), reports_no_truncate → refuse_change().
 */
@Entity('reports')
@Check('reports_attempts_check', '(attempts >= 0)')
@Check('reports_audience_check', `(audience = ANY (ARRAY['ademe'::text, 'coopter'::text, 'board'::text]))`)
@Check('reports_check1', `((status = 'done'::text) OR (issued_at IS NULL))`)
@Check(
  'reports_check2',
  `((status <> 'done'::text) OR ((snapshot IS NOT NULL) AND (snapshot_sha256 IS NOT NULL) AND (progress = 100)))`,
)
@Check('reports_check3', '((snapshot IS NULL) = (snapshot_sha256 IS NULL))')
@Check('reports_error_check', '(length(error) <= 2000)')
@Check('reports_kind_check', `(kind = ANY (ARRAY['pilot'::text, 'wave'::text, 'final'::text]))`)
@Check(
  'reports_owner_check',
  `(((kind = 'pilot'::text) AND (pilot_id IS NOT NULL) AND (year IS NOT NULL)) OR ((kind = 'wave'::text) AND (pilot_id IS NULL) AND (call_id IS NOT NULL)) OR ((kind = 'final'::text) AND (pilot_id IS NOT NULL) AND (year IS NULL)))`,
)
@Check('reports_narrative_check', `(jsonb_typeof(narrative) = 'object'::text)`)
@Check('reports_origin_check', `(origin = ANY (ARRAY['manual'::text, 'auto'::text]))`)
@Check('reports_progress_check', '((progress >= 0) AND (progress <= 100))')
@Check('reports_series_key_check', '((length(series_key) >= 1) AND (length(series_key) <= 200))')
@Check('reports_snapshot_check', `((snapshot IS NULL) OR (jsonb_typeof(snapshot) = 'object'::text))`)
@Check('reports_snapshot_sha256_check', `(snapshot_sha256 ~ '^[0-9a-f]{64}$'::text)`)
@Check(
  'reports_stage_check',
  `(stage = ANY (ARRAY['snapshot'::text, 'html'::text, 'pdf'::text, 'xlsx'::text, 'store'::text]))`,
)
@Check('reports_status_check', `(status = ANY (ARRAY['queued'::text, 'running'::text, 'done'::text, 'failed'::text]))`)
@Check('reports_version_check', '((version >= 1) AND (version <= 10000))')
@Check('reports_requeue_count_check', '(requeue_count >= 0)')
@Check('reports_requeued_at_check', '((requeue_count = 0) = (requeued_at IS NULL))')
@Check('reports_year_check', '((year >= 1) AND (year <= 20))')
@ForeignKey('User', ['createdBy'], ['id'], { name: 'reports_created_by_fkey' })
@ForeignKey('User', ['issuedBy'], ['id'], { name: 'reports_issued_by_fkey' })
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'reports_pilot_id_fkey' })
@Unique('reports_job_id_key', ['jobId'])
@Unique('reports_series_key_version_key', ['seriesKey', 'version'])
@Index('reports_pending_idx', ['createdAt'], { where: `status = ANY (ARRAY['queued'::text, 'running'::text])` })
@Index('reports_auto_final_once', ['pilotId'], {
  unique: true,
  where: `((origin = 'auto'::text) AND (kind = 'final'::text))`,
})
@Index('reports_auto_draft_once', ['pilotId', 'year'], { unique: true, where: `origin = 'auto'::text` })
// Not expressible as an entity index, kept in the migration: CREATE INDEX reports_call_idx ON reports (call_id, created_at DESC) WHERE (call_id IS NOT NULL)
@Index('reports_call_idx', { synchronize: false })
// Not expressible as an entity index, kept in the migration: CREATE INDEX reports_pilot_idx ON reports (pilot_id, year, created_at DESC)
@Index('reports_pilot_idx', { synchronize: false })
export class Report {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'reports_pkey' })
  id!: string;

  @Column({ type: 'text' })
  kind!: 'pilot' | 'wave' | 'final';

  @Column({ name: 'pilot_id', type: 'uuid', nullable: true })
  pilotId!: string | null;

  @Column({ name: 'call_id', type: 'uuid', nullable: true })
  callId!: string | null;

  @Column({ type: 'int', nullable: true })
  year!: number | null;

  @Column({ type: 'text' })
  audience!: 'ademe' | 'coopter' | 'board';

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'series_key', type: 'text' })
  seriesKey!: string;

  @Column({ type: 'text', default: 'manual' })
  origin!: 'manual' | 'auto';

  @Column({ type: 'text', default: 'queued' })
  status!: 'queued' | 'running' | 'done' | 'failed';

  @Column({ type: 'int', default: 0 })
  progress!: number;

  @Column({ type: 'text', nullable: true })
  stage!: 'snapshot' | 'html' | 'pdf' | 'xlsx' | 'store' | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'job_id', type: 'text' })
  jobId!: string;

  @Column({ type: 'jsonb', default: {} })
  narrative!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  snapshot!: unknown | null;

  @Column({ name: 'snapshot_sha256', type: 'text', nullable: true })
  snapshotSha256!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  figures!: unknown | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt!: Date | null;

  @Column({ name: 'issued_by', type: 'uuid', nullable: true })
  issuedBy!: string | null;

  /** How many times the reconciler put the report back on a queue that had lost it, and when last. */
  @Column({ name: 'requeue_count', type: 'int', default: 0 })
  requeueCount!: number;

  @Column({ name: 'requeued_at', type: 'timestamptz', nullable: true })
  requeuedAt!: Date | null;
}
