import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An actor's agreement to appear by name on its pilot's public page and in the open data. False until the
 * coordinator or the lead records it: nobody is shown without having agreed.
 */
export class ActorPublicConsent1797200000000 implements MigrationInterface {
  name = 'ActorPublicConsent1797200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actors ADD COLUMN public_consent boolean NOT NULL DEFAULT false`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actors DROP COLUMN public_consent`);
  }
}
