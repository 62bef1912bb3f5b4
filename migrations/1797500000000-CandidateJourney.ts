import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The candidate's journey: a readable dossier number per candidature (K-<wave year>-<0001>, from a counter per
 * year so concurrent submissions never share one), the documents attached to the letter of engagement (PDF up to
 * 10 MB), and the retention of personal data: each call keeps the personal data of its non-selected candidatures
 * for a number of years after the decision, then a job erases them and stamps the candidature.
 */
export class CandidateJourney1797500000000 implements MigrationInterface {
  name = 'CandidateJourney1797500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE candidature_dossier_counters (
        year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        last_number int NOT NULL CHECK (last_number BETWEEN 1 AND 9999))`);
    await q.query(`ALTER TABLE candidatures ADD COLUMN dossier_number text`);
    await q.query(`
      UPDATE candidatures k SET dossier_number = n.dossier
        FROM (SELECT k2.id, 'K-' || c.wave_year || '-' ||
                     lpad((row_number() OVER (PARTITION BY c.wave_year ORDER BY k2.created_at, k2.id))::text, 4, '0') AS dossier
                FROM candidatures k2 JOIN calls c ON c.id = k2.call_id) n
       WHERE n.id = k.id`);
    await q.query(`
      INSERT INTO candidature_dossier_counters (year, last_number)
      SELECT c.wave_year, count(*)::int FROM candidatures k JOIN calls c ON c.id = k.call_id GROUP BY c.wave_year`);
    await q.query(`
      ALTER TABLE candidatures
        ALTER COLUMN dossier_number SET NOT NULL,
        ADD CONSTRAINT candidatures_dossier_number_key UNIQUE (dossier_number),
        ADD CONSTRAINT candidatures_dossier_number_check CHECK (dossier_number ~ '^K-[0-9]{4}-[0-9]{4}$'),
        ADD COLUMN personal_data_erased_at timestamptz`);
    await q.query(`
      ALTER TABLE calls
        ADD COLUMN retention_years int NOT NULL DEFAULT 2 CHECK (retention_years BETWEEN 1 AND 10)`);
    await q.query(`
      CREATE TABLE candidature_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        candidature_id uuid NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
        filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
        content_type text NOT NULL CHECK (content_type = 'application/pdf'),
        size_bytes int NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        uploaded_via text NOT NULL CHECK (uploaded_via IN ('private_link', 'lead')),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX candidature_attachments_candidature_idx ON candidature_attachments (candidature_id, created_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE candidature_attachments`);
    await q.query(`ALTER TABLE calls DROP COLUMN retention_years`);
    await q.query(`ALTER TABLE candidatures DROP COLUMN personal_data_erased_at, DROP COLUMN dossier_number`);
    await q.query(`DROP TABLE candidature_dossier_counters`);
  }
}
