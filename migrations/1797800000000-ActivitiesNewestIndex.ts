import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Activities in the global search's order (newest first, then id), so a search for a common phrase finds the date
 * of the newest activities from this index alone and reads only the matches since then (this index and the
 * trigram index combined as bitmaps), instead of sorting every match (see searchActivities in
 * src/home/home.queries.ts and docs/benchmarks.md).
 */
export class ActivitiesNewestIndex1797800000000 implements MigrationInterface {
  name = 'ActivitiesNewestIndex1797800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX activities_date_id_idx ON activities (date DESC, id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS activities_date_id_idx`);
  }
}
