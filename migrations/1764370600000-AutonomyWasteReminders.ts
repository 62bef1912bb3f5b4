import { MigrationInterface, QueryRunner } from 'typeorm';

/** Autonomy milestones, waste tonnage per calendar year, and in-app notifications created by the daily reminders. */
export class AutonomyWasteReminders1764370600000 implements MigrationInterface {
  name = 'AutonomyWasteReminders1764370600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE milestones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pilot_id uuid NOT NULL REFERENCES pilots(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text CHECK (length(description) <= 5000),
        due_date date NOT NULL,
        owner text CHECK (length(owner) <= 200),
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
        evidence_text text CHECK (length(evidence_text) <= 5000),
        evidence_url text CHECK (length(evidence_url) <= 2000 AND evidence_url ~ '^https?://'),
        evidence_file_name text CHECK (length(evidence_file_name) <= 255),
        evidence_file_type text CHECK (length(evidence_file_type) <= 100),
        evidence_file bytea CHECK (octet_length(evidence_file) <= 10485760),
        target_indicator text,
        target_operator text CHECK (target_operator IN ('gte', 'lte')),
        target_value float8,
        target_year int CHECK (target_year BETWEEN 1 AND 10),
        -- A target is all four fields or none.
        CHECK ((target_indicator IS NULL) = (target_operator IS NULL)
           AND (target_indicator IS NULL) = (target_value IS NULL)
           AND (target_indicator IS NULL) = (target_year IS NULL)),
        CHECK ((evidence_file IS NULL) = (evidence_file_name IS NULL)),
        completed_at timestamptz,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX milestones_pilot_idx ON milestones (pilot_id, due_date)`);

    // One row per pilot once its default roadmap has been proposed, so it is proposed once, even under races.
    await q.query(`
      CREATE TABLE autonomy_roadmaps (
        pilot_id uuid PRIMARY KEY REFERENCES pilots(id),
        proposed_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Waste per calendar year; tonnes are stored as whole kilograms. A null stream was not reported.
    await q.query(`
      CREATE TABLE waste_years (
        pilot_id uuid NOT NULL REFERENCES pilots(id),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        population int CHECK (population BETWEEN 1 AND 10000000),
        residual_kg bigint CHECK (residual_kg BETWEEN 0 AND 1000000000000),
        packaging_kg bigint CHECK (packaging_kg BETWEEN 0 AND 1000000000000),
        glass_kg bigint CHECK (glass_kg BETWEEN 0 AND 1000000000000),
        biowaste_kg bigint CHECK (biowaste_kg BETWEEN 0 AND 1000000000000),
        recycling_centre_kg bigint CHECK (recycling_centre_kg BETWEEN 0 AND 1000000000000),
        reuse_kg bigint CHECK (reuse_kg BETWEEN 0 AND 1000000000000),
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (pilot_id, year)
      )`);

    // The unique (user, event) pair makes every reminder land once per person, whatever the number of runs or workers.
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        event_key text NOT NULL CHECK (length(event_key) BETWEEN 1 AND 300),
        kind text NOT NULL CHECK (kind IN ('call_deadline', 'disbursement_due', 'disbursement_overdue', 'milestone_due', 'milestone_late', 'year_ending')),
        pilot_id uuid REFERENCES pilots(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        body text NOT NULL CHECK (length(body) <= 5000),
        link text CHECK (length(link) <= 500),
        due_date date,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        emailed_at timestamptz,
        email_error text,
        UNIQUE (user_id, event_key)
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX notifications_unsent_idx ON notifications (created_at) WHERE emailed_at IS NULL AND email_error IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE waste_years`);
    await q.query(`DROP TABLE autonomy_roadmaps`);
    await q.query(`DROP TABLE milestones`);
  }
}
