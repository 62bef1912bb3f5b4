import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pilot's public page and open data: off until the lead switches it on. The slug is the stable address
 * (/territoires/<slug>, /api/open-data/pilots/<slug>); the licence defaults to the Licence Ouverte 2.0.
 */
export class PilotPublications1797200100000 implements MigrationInterface {
  name = 'PilotPublications1797200100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pilot_publications (
        pilot_id uuid NOT NULL CONSTRAINT pilot_publications_pkey PRIMARY KEY
          CONSTRAINT pilot_publications_pilot_id_fkey REFERENCES pilots (id),
        slug text NOT NULL CONSTRAINT pilot_publications_slug_key UNIQUE
          CONSTRAINT pilot_publications_slug_check CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) BETWEEN 3 AND 80),
        published boolean NOT NULL DEFAULT false,
        licence text NOT NULL DEFAULT 'etalab-2.0'
          CONSTRAINT pilot_publications_licence_check CHECK (licence IN ('etalab-2.0', 'odbl-1.0', 'cc-by-4.0')),
        include_reports boolean NOT NULL DEFAULT false,
        published_at timestamptz,
        published_by uuid CONSTRAINT pilot_publications_published_by_fkey REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pilot_publications`);
  }
}
