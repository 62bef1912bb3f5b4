import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each activity's title folded once, when it is written, rather than at every search: the search reads titles
 * newest first and rechecks trigram matches, and folding (lower + translate) cost ~5 µs a row, ten times the
 * read. A trigger keeps the column equal to search_fold(title) on every insert and update (a write to the column
 * itself is overwritten); the trigram index moves from the expression to the column, and the index of the newest
 * activities carries the column, so the search reads recent titles without visiting the table. `SET search_path FROM
 * CURRENT` lets a restore, which empties the search path, load the rows.
 */
export class ActivitiesFoldedTitle1798300000000 implements MigrationInterface {
  name = 'ActivitiesFoldedTitle1798300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION activities_fold_title() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        NEW.title_folded := search_fold(NEW.title);
        RETURN NEW;
      END $$`);
    await q.query(`ALTER TABLE activities ADD COLUMN title_folded text`);
    await q.query(`UPDATE activities SET title_folded = search_fold(title)`);
    await q.query(`ALTER TABLE activities ALTER COLUMN title_folded SET NOT NULL`);
    await q.query(`
      CREATE TRIGGER activities_fold_title BEFORE INSERT OR UPDATE OF title, title_folded ON activities
        FOR EACH ROW EXECUTE FUNCTION activities_fold_title()`);
    await q.query(`CREATE INDEX activities_title_folded_idx ON activities USING gin (title_folded gin_trgm_ops)`);
    await q.query(`DROP INDEX activities_title_search_idx`);
    // The search reads the newest activities' folded titles from this index alone (an index-only scan).
    await q.query(`CREATE INDEX activities_newest_idx ON activities (date DESC, id) INCLUDE (pilot_id, title_folded)`);
    await q.query(`DROP INDEX activities_date_id_idx`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX activities_date_id_idx ON activities (date DESC, id)`);
    await q.query(`DROP INDEX IF EXISTS activities_newest_idx`);
    await q.query(`CREATE INDEX activities_title_search_idx ON activities USING gin (search_fold(title) gin_trgm_ops)`);
    await q.query(`DROP INDEX IF EXISTS activities_title_folded_idx`);
    await q.query(`DROP TRIGGER IF EXISTS activities_fold_title ON activities`);
    await q.query(`ALTER TABLE activities DROP COLUMN title_folded`);
    await q.query(`DROP FUNCTION IF EXISTS activities_fold_title()`);
  }
}
