import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764370000000 implements MigrationInterface {
  name = 'Init1764370000000';

  public async up(q: QueryRunner): Promise<void> {
    // Refuses UPDATE and DELETE on append-only tables (ledger, audit trail); attached per table.
    await q.query(`
      CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS refuse_change()`);
  }
}
