import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Yearly reports produced by queued jobs: one row per version (state and progress live here so the API
 * answers without the queue), the frozen snapshot with its sha256, and the rendered files. An issued
 * report is frozen by triggers: neither its row nor its files may change afterwards.
 */
export class Reports1764370700000 implements MigrationInterface {
  name = 'Reports1764370700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('pilot', 'wave')),
        pilot_id uuid REFERENCES pilots(id),
        call_id uuid,
        year int CHECK (year BETWEEN 1 AND 20),
        audience text NOT NULL CHECK (audience IN ('ademe', 'coopter', 'board')),
        version int NOT NULL CHECK (version BETWEEN 1 AND 10000),
        -- pilot:<id>:<year>:<audience> or wave:<callId>:<year|all>:<audience>; versions count within it.
        series_key text NOT NULL CHECK (length(series_key) BETWEEN 1 AND 200),
        origin text NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'auto')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        stage text CHECK (stage IN ('snapshot', 'html', 'pdf', 'xlsx', 'store')),
        error text CHECK (length(error) <= 2000),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        job_id text NOT NULL UNIQUE,
        narrative jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(narrative) = 'object'),
        snapshot jsonb CHECK (snapshot IS NULL OR jsonb_typeof(snapshot) = 'object'),
        snapshot_sha256 text CHECK (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
        figures jsonb,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        issued_at timestamptz,
        issued_by uuid REFERENCES users(id),
        UNIQUE (series_key, version),
        CHECK ((kind = 'pilot' AND pilot_id IS NOT NULL AND year IS NOT NULL) OR (kind = 'wave' AND pilot_id IS NULL AND call_id IS NOT NULL)),
        CHECK (status = 'done' OR issued_at IS NULL),
        CHECK (status <> 'done' OR (snapshot IS NOT NULL AND snapshot_sha256 IS NOT NULL AND progress = 100)),
        CHECK ((snapshot IS NULL) = (snapshot_sha256 IS NULL))
      )`);
    await q.query(`CREATE INDEX reports_pilot_idx ON reports (pilot_id, year, created_at DESC)`);
    await q.query(`CREATE INDEX reports_call_idx ON reports (call_id, created_at DESC) WHERE call_id IS NOT NULL`);
    // The automatic end-of-year draft is queued once per pilot and project year, whatever the schedule does.
    await q.query(`CREATE UNIQUE INDEX reports_auto_draft_once ON reports (pilot_id, year) WHERE origin = 'auto'`);

    await q.query(`
      CREATE TABLE report_files (
        report_id uuid NOT NULL REFERENCES reports(id),
        format text NOT NULL CHECK (format IN ('html', 'pdf', 'xlsx')),
        content bytea NOT NULL CHECK (octet_length(content) > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (report_id, format)
      )`);

    // Freezing: once issued, the row and its files refuse every change, whoever connects.
    await q.query(`
      CREATE OR REPLACE FUNCTION reports_refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.issued_at IS NOT NULL THEN
          RAISE EXCEPTION 'report % is issued: it is frozen', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER reports_frozen_when_issued BEFORE UPDATE OR DELETE ON reports
      FOR EACH ROW EXECUTE FUNCTION reports_refuse_issued_change()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION report_files_refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        rid uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.report_id ELSE NEW.report_id END;
      BEGIN
        IF EXISTS (SELECT 1 FROM reports WHERE id = rid AND issued_at IS NOT NULL)
           OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM reports WHERE id = OLD.report_id AND issued_at IS NOT NULL)) THEN
          RAISE EXCEPTION 'report % is issued: its files are frozen', rid USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER report_files_frozen_when_issued BEFORE INSERT OR UPDATE OR DELETE ON report_files
      FOR EACH ROW EXECUTE FUNCTION report_files_refuse_issued_change()`);
    await q.query(`
      CREATE TRIGGER reports_no_truncate BEFORE TRUNCATE ON reports
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    await q.query(`
      CREATE TRIGGER report_files_no_truncate BEFORE TRUNCATE ON report_files
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_files`);
    await q.query(`DROP TABLE reports`);
    await q.query(`DROP FUNCTION IF EXISTS report_files_refuse_issued_change()`);
    await q.query(`DROP FUNCTION IF EXISTS reports_refuse_issued_change()`);
  }
}
