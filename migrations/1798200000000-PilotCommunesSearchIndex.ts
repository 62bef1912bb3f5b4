import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pilots' communes as one folded text, trigram-indexed, so the global search finds a pilot by one of its
 * communes without folding every pilot's communes (a scan of all pilots per search). The names are joined with
 * a unit separator (U+001F), which a search cannot contain, so a match never spans two names; the search still
 * checks the names one by one, the index only narrows the pilots to check. `SET search_path FROM CURRENT` lets a
 * restore (which empties the search path) rebuild the index.
 */
export class PilotCommunesSearchIndex1798200000000 implements MigrationInterface {
  name = 'PilotCommunesSearchIndex1798200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION communes_fold(communes jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURNS NULL ON NULL INPUT SET search_path FROM CURRENT AS $$
        SELECT string_agg(search_fold(c->>'name'), chr(31)) FROM jsonb_array_elements(communes) c
      $$`);
    await q.query(`CREATE INDEX pilots_communes_search_idx ON pilots USING gin (communes_fold(communes) gin_trgm_ops)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS pilots_communes_search_idx`);
    await q.query(`DROP FUNCTION IF EXISTS communes_fold(jsonb)`);
  }
}
