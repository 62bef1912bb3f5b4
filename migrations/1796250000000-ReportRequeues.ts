import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the report reconciler last put a report back on the queue (it was queued or running in the database but
 * absent from the queue, e.g. after a Redis restart without persistence), and how many times: health reports it.
 */
export class ReportRequeues1796250000000 implements MigrationInterface {
  name = 'ReportRequeues1796250000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE reports
         ADD COLUMN requeue_count integer NOT NULL DEFAULT 0 CHECK (requeue_count >= 0),
         ADD COLUMN requeued_at timestamptz,
         ADD CONSTRAINT reports_requeued_at_check CHECK ((requeue_count = 0) = (requeued_at IS NULL))`,
    );
    await q.query(`CREATE INDEX reports_pending_idx ON reports (created_at) WHERE status IN ('queued', 'running')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS reports_pending_idx`);
    await q.query(
      `ALTER TABLE reports DROP CONSTRAINT reports_requeued_at_check, DROP COLUMN requeued_at, DROP COLUMN requeue_count`,
    );
  }
}
