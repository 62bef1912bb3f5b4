import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case- and accent-insensitive text for the global search ("genes" finds "Genès", "ressourcerie" finds
 * "Ressourcerie"). Plain SQL rather than the unaccent extension, which not every PostgreSQL ships.
 */
export class SearchFold1764370900000 implements MigrationInterface {
  name = 'SearchFold1764370900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
        SELECT replace(replace(translate(lower(t), 'àáâäãåçèéêëìíîïñòóôöõùúûüýÿ’', 'aaaaaaceeeeiiiinooooouuuuyy'''), 'œ', 'oe'), 'æ', 'ae')
      $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION search_fold(text)`);
  }
}
