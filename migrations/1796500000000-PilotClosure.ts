import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The end of the three years: the lead's closing decision (« autonome » or « terminé ») with its date, reason
 * and author, on the pilot; the coordinator's part of a year's narrative, a draft the lead edits; notifications
 * of candidatures received and decided; each person's choice to receive notification e-mails or not; and each
 * person's private calendar feed (only the SHA-256 of its secret token is kept).
 */
export class PilotClosure1796500000000 implements MigrationInterface {
  name = 'PilotClosure1796500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE pilots
         ADD COLUMN closed_on date,
         ADD COLUMN closure_reason text CHECK (closure_reason IS NULL OR length(closure_reason) BETWEEN 1 AND 4000),
         ADD COLUMN closed_by uuid REFERENCES users(id),
         ADD CONSTRAINT pilots_closure_complete CHECK (
           (closed_on IS NULL AND closure_reason IS NULL)
           OR (closed_on IS NOT NULL AND closure_reason IS NOT NULL))`,
    );
    await q.query(
      `CREATE TABLE narrative_drafts (
         pilot_id uuid NOT NULL REFERENCES pilots(id) ON DELETE CASCADE,
         year int NOT NULL CHECK (year BETWEEN 1 AND 50),
         highlights text NOT NULL DEFAULT '' CHECK (length(highlights) <= 20000),
         difficulties text NOT NULL DEFAULT '' CHECK (length(difficulties) <= 20000),
         updated_by uuid REFERENCES users(id),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (pilot_id, year))`,
    );
    await q.query(`ALTER TABLE users ADD COLUMN email_notifications boolean NOT NULL DEFAULT true`);
    await q.query(
      `CREATE TABLE calendar_feeds (
         user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
         token_hash text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
         created_at timestamptz NOT NULL DEFAULT now())`,
    );
    await q.query(
      `ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
         ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('call_deadline', 'disbursement_due', 'disbursement_overdue',
           'milestone_due', 'milestone_late', 'year_ending', 'report_issued', 'report_comment', 'candidature_received',
           'candidature_decided'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE kind IN ('candidature_received', 'candidature_decided')`);
    await q.query(
      `ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
         ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('call_deadline', 'disbursement_due', 'disbursement_overdue',
           'milestone_due', 'milestone_late', 'year_ending', 'report_issued', 'report_comment'))`,
    );
    await q.query(`DROP TABLE calendar_feeds`);
    await q.query(`ALTER TABLE users DROP COLUMN email_notifications`);
    await q.query(`DROP TABLE narrative_drafts`);
    await q.query(
      `ALTER TABLE pilots DROP CONSTRAINT pilots_closure_complete, DROP COLUMN closed_by, DROP COLUMN closure_reason, DROP COLUMN closed_on`,
    );
  }
}
