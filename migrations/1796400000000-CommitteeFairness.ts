import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A fair committee: when scoring opens and the 0–5 rubric are set per call (a null rubric means the defaults
 * derived from the call text), and each member's conflict-of-interest declaration per candidature.
 */
export class CommitteeFairness1796400000000 implements MigrationInterface {
  name = 'CommitteeFairness1796400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE calls
        ADD COLUMN scoring_opens text NOT NULL DEFAULT 'after_engagement_deadline'
          CHECK (scoring_opens IN ('after_engagement_deadline', 'per_candidature')),
        ADD COLUMN rubric jsonb CHECK (rubric IS NULL OR jsonb_typeof(rubric) = 'object')`);
    await q.query(`
      CREATE TABLE candidature_conflicts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        candidature_id uuid NOT NULL REFERENCES candidatures(id),
        member_id uuid NOT NULL REFERENCES users(id),
        has_conflict boolean NOT NULL,
        link text CHECK (link IN ('elected', 'employee', 'family', 'other')),
        reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (candidature_id, member_id),
        CHECK (has_conflict = (link IS NOT NULL))
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE candidature_conflicts`);
    await q.query(`ALTER TABLE calls DROP COLUMN rubric, DROP COLUMN scoring_opens`);
  }
}
