import { MigrationInterface, QueryRunner } from 'typeorm';

/** The pilot's contract terms: territory, start, rates copied from its call, and the inhabitants' amendments. */
export class PilotRecord1764370200000 implements MigrationInterface {
  name = 'PilotRecord1764370200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE pilots
        ADD COLUMN call_id uuid,
        ADD COLUMN candidature_id uuid UNIQUE,
        ADD COLUMN wave_year int CHECK (wave_year BETWEEN 2000 AND 2100),
        ADD COLUMN communes jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(communes) = 'array'),
        ADD COLUMN inhabitants int NOT NULL CHECK (inhabitants BETWEEN 1 AND 10000000),
        ADD COLUMN inhabitants_source text,
        ADD COLUMN start_date date,
        ADD COLUMN status text NOT NULL DEFAULT 'preparation' CHECK (status IN ('preparation', 'running', 'autonomous', 'ended')),
        ADD COLUMN district text,
        ADD COLUMN place text,
        ADD COLUMN investment_per_inhabitant_cents bigint NOT NULL DEFAULT 8000 CHECK (investment_per_inhabitant_cents >= 0),
        ADD COLUMN operating_per_inhabitant_per_year_cents bigint NOT NULL DEFAULT 2000 CHECK (operating_per_inhabitant_per_year_cents >= 0),
        ADD COLUMN operating_years int NOT NULL DEFAULT 3 CHECK (operating_years BETWEEN 1 AND 10),
        ADD COLUMN policies text[] NOT NULL DEFAULT '{waste_reduction}',
        ADD COLUMN lead_user_id uuid REFERENCES users(id),
        ADD COLUMN experts jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(experts) = 'array'),
        ADD COLUMN coordinator_contact text,
        ADD COLUMN carried jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`CREATE INDEX pilots_call_idx ON pilots (call_id)`);

    // Amendments (avenants) of the inhabitants figure: history kept, never edited.
    await q.query(`
      CREATE TABLE pilot_amendments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pilot_id uuid NOT NULL REFERENCES pilots(id),
        inhabitants int NOT NULL CHECK (inhabitants BETWEEN 1 AND 10000000),
        effective_date date NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX pilot_amendments_pilot_idx ON pilot_amendments (pilot_id, effective_date)`);
    await q.query(`
      CREATE TRIGGER pilot_amendments_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON pilot_amendments
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pilot_amendments`);
    await q.query(`
      ALTER TABLE pilots DROP COLUMN call_id, DROP COLUMN candidature_id, DROP COLUMN wave_year, DROP COLUMN communes,
        DROP COLUMN inhabitants, DROP COLUMN inhabitants_source, DROP COLUMN start_date, DROP COLUMN status, DROP COLUMN district,
        DROP COLUMN place, DROP COLUMN investment_per_inhabitant_cents, DROP COLUMN operating_per_inhabitant_per_year_cents,
        DROP COLUMN operating_years, DROP COLUMN policies, DROP COLUMN lead_user_id, DROP COLUMN experts,
        DROP COLUMN coordinator_contact, DROP COLUMN carried`);
  }
}
