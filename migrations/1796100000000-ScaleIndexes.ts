import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for national scale (checked with EXPLAIN ANALYZE on 1 M activities, see docs/benchmarks.md):
 * - trigram indexes on the folded texts the global search compares with LIKE '%…%', so a search reads the
 *   matching rows instead of folding every title (pg_trgm is a trusted extension shipped with PostgreSQL's
 *   contrib, in the embedded server as in the Debian and Docker ones);
 * - the figure columns of activities beside (pilot_id, date), so a period's totals are read from the index;
 * - both ends of actor links, which the network view and the actor pages count per actor.
 */
export class ScaleIndexes1796100000000 implements MigrationInterface {
  name = 'ScaleIndexes1796100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX activities_title_search_idx ON activities USING gin (search_fold(title) gin_trgm_ops)`);
    await q.query(`CREATE INDEX actors_name_search_idx ON actors USING gin (search_fold(name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX pilots_name_search_idx ON pilots USING gin (search_fold(name) gin_trgm_ops)`);
    await q.query(
      `CREATE INDEX activities_pilot_figures_idx ON activities (pilot_id, date)
         INCLUDE (participants, volunteers, volunteer_hours, diverted_reuse_kg, diverted_repair_kg, diverted_compost_kg, diverted_recycling_kg, diverted_other_kg)`,
    );
    await q.query(`CREATE INDEX actor_links_from_idx ON actor_links (from_actor_id)`);
    await q.query(`CREATE INDEX actor_links_to_idx ON actor_links (to_actor_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const index of ['actor_links_to_idx', 'actor_links_from_idx', 'activities_pilot_figures_idx', 'pilots_name_search_idx', 'actors_name_search_idx', 'activities_title_search_idx']) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
  }
}
