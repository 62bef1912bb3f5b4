import { MigrationInterface, QueryRunner } from 'typeorm';

/** Calls for cooperation (one per wave), candidatures with both letters, committee evaluations. */
export class CallsCandidatures1764370400000 implements MigrationInterface {
  name = 'CallsCandidatures1764370400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        wave_year int NOT NULL CHECK (wave_year BETWEEN 2000 AND 2100),
        intention_deadline date NOT NULL,
        engagement_deadline date NOT NULL,
        min_inhabitants int NOT NULL DEFAULT 800 CHECK (min_inhabitants BETWEEN 1 AND 10000000),
        max_inhabitants int NOT NULL DEFAULT 1500 CHECK (max_inhabitants BETWEEN 1 AND 10000000),
        investment_per_inhabitant_cents bigint NOT NULL DEFAULT 8000 CHECK (investment_per_inhabitant_cents BETWEEN 0 AND 100000000),
        operating_per_inhabitant_per_year_cents bigint NOT NULL DEFAULT 2000 CHECK (operating_per_inhabitant_per_year_cents BETWEEN 0 AND 100000000),
        operating_years int NOT NULL DEFAULT 3 CHECK (operating_years BETWEEN 1 AND 10),
        webinars jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(webinars) = 'array'),
        contact text CHECK (length(contact) <= 500),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (engagement_deadline >= intention_deadline),
        CHECK (max_inhabitants >= min_inhabitants)
      )`);

    await q.query(`
      CREATE TABLE candidatures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id),
        status text NOT NULL DEFAULT 'intention_submitted'
          CHECK (status IN ('intention_submitted', 'engagement_submitted', 'selected', 'not_selected', 'withdrawn')),
        source text NOT NULL CHECK (source IN ('online', 'entered')),
        communes jsonb NOT NULL CHECK (jsonb_typeof(communes) = 'array' AND jsonb_array_length(communes) BETWEEN 1 AND 50),
        inhabitants int NOT NULL CHECK (inhabitants BETWEEN 1 AND 10000000),
        contact_name text CHECK (length(contact_name) <= 200),
        contact_email text CHECK (length(contact_email) <= 254),
        intention jsonb NOT NULL CHECK (jsonb_typeof(intention) = 'object'),
        engagement jsonb CHECK (engagement IS NULL OR jsonb_typeof(engagement) = 'object'),
        -- Only the SHA-256 of the commune's private link is kept; the link itself is shown once.
        edit_token_hash bytea UNIQUE CHECK (edit_token_hash IS NULL OR length(edit_token_hash) = 32),
        intention_submitted_at timestamptz NOT NULL DEFAULT now(),
        engagement_submitted_at timestamptz,
        intention_reopened_until date,
        engagement_reopened_until date,
        deliberation_number text CHECK (length(deliberation_number) <= 100),
        deliberation_date date,
        justification text CHECK (length(justification) <= 5000),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'engagement_submitted') <= (engagement IS NOT NULL)),
        CHECK ((status IN ('selected', 'not_selected', 'withdrawn')) = (decided_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX candidatures_call_idx ON candidatures (call_id, created_at, id)`);

    // One evaluation per member and candidature; re-scoring replaces it (until the decision).
    await q.query(`
      CREATE TABLE candidature_evaluations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        candidature_id uuid NOT NULL REFERENCES candidatures(id),
        member_id uuid NOT NULL REFERENCES users(id),
        size smallint NOT NULL CHECK (size BETWEEN 0 AND 5),
        "grouping" smallint NOT NULL CHECK ("grouping" BETWEEN 0 AND 5),
        cooperation smallint NOT NULL CHECK (cooperation BETWEEN 0 AND 5),
        actors smallint NOT NULL CHECK (actors BETWEEN 0 AND 5),
        "values" smallint NOT NULL CHECK ("values" BETWEEN 0 AND 5),
        capacity smallint NOT NULL CHECK (capacity BETWEEN 0 AND 5),
        leadership smallint NOT NULL CHECK (leadership BETWEEN 0 AND 5),
        comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 5000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (candidature_id, member_id)
      )`);

    await q.query(`ALTER TABLE pilots ADD CONSTRAINT pilots_call_fk FOREIGN KEY (call_id) REFERENCES calls(id)`);
    await q.query(`ALTER TABLE pilots ADD CONSTRAINT pilots_candidature_fk FOREIGN KEY (candidature_id) REFERENCES candidatures(id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pilots DROP CONSTRAINT pilots_candidature_fk`);
    await q.query(`ALTER TABLE pilots DROP CONSTRAINT pilots_call_fk`);
    await q.query(`DROP TABLE candidature_evaluations`);
    await q.query(`DROP TABLE candidatures`);
    await q.query(`DROP TABLE calls`);
  }
}
