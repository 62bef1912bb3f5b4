import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme's final report (« bilan », kind 'final': one pilot, every project year, so no year) and the
 * reviewers' part in a draft: an append-only thread of comments, each optionally carrying the reviewer's decision
 * on that version; the organisation's logo printed on reports. Notifications gain the two report events.
 */
export class ReportReviews1796300000000 implements MigrationInterface {
  name = 'ReportReviews1796300000000';

  public async up(q: QueryRunner): Promise<void> {
    // The two checks that list the kinds were created unnamed: found by their text, replaced by named ones.
    await q.query(`
      DO $$ DECLARE c text; BEGIN
        FOR c IN SELECT conname FROM pg_constraint
                  WHERE conrelid = 'reports'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%''wave''%'
        LOOP EXECUTE format('ALTER TABLE reports DROP CONSTRAINT %I', c); END LOOP;
      END $$`);
    await q.query(`ALTER TABLE reports ADD CONSTRAINT reports_kind_check CHECK (kind IN ('pilot', 'wave', 'final'))`);
    await q.query(`
      ALTER TABLE reports ADD CONSTRAINT reports_owner_check CHECK (
        (kind = 'pilot' AND pilot_id IS NOT NULL AND year IS NOT NULL)
        OR (kind = 'wave' AND pilot_id IS NULL AND call_id IS NOT NULL)
        OR (kind = 'final' AND pilot_id IS NOT NULL AND year IS NULL))`);
    // The automatic final draft is queued once per pilot, like the yearly ones.
    await q.query(
      `CREATE UNIQUE INDEX reports_auto_final_once ON reports (pilot_id) WHERE origin = 'auto' AND kind = 'final'`,
    );

    await q.query(`
      CREATE TABLE report_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES reports(id),
        pilot_id uuid NOT NULL REFERENCES pilots(id),
        author_id uuid NOT NULL REFERENCES users(id),
        author_role text NOT NULL CHECK (author_role IN ('reviewer')),
        body text NOT NULL CHECK (length(body) <= 5000),
        decision text CHECK (decision IN ('approve', 'changes_requested')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (decision IS NOT NULL OR length(btrim(body)) > 0)
      )`);
    await q.query(`CREATE INDEX report_comments_report_idx ON report_comments (report_id, created_at, id)`);
    await q.query(`
      CREATE TRIGGER report_comments_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON report_comments
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);

    // The organisation's logo printed on reports: each upload is a new row (append-only), the latest is in use.
    await q.query(`
      CREATE TABLE organisation_logos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
        size_bytes int NOT NULL CHECK (size_bytes BETWEEN 1 AND 262144),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL CHECK (octet_length(content) = size_bytes),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organisation_logos_latest_idx ON organisation_logos (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TRIGGER organisation_logos_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON organisation_logos
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);

    await q.query(`
      DO $$ DECLARE c text; BEGIN
        FOR c IN SELECT conname FROM pg_constraint
                  WHERE conrelid = 'notifications'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%call_deadline%'
        LOOP EXECUTE format('ALTER TABLE notifications DROP CONSTRAINT %I', c); END LOOP;
      END $$`);
    await q.query(`
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('call_deadline', 'disbursement_due',
        'disbursement_overdue', 'milestone_due', 'milestone_late', 'year_ending', 'report_issued', 'report_comment'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisation_logos`);
    await q.query(`DROP TABLE report_comments`);
    await q.query(`DROP INDEX reports_auto_final_once`);
  }
}
