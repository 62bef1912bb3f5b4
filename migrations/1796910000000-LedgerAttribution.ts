import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lead's reason for booking an expense, co-financing or in-kind entry in another project year than its
 * date's (the server refuses such a year without it). Nullable: entries booked in their date's year have none.
 */
export class LedgerAttribution1796910000000 implements MigrationInterface {
  name = 'LedgerAttribution1796910000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE ledger_entries ADD COLUMN attribution_reason text
         CONSTRAINT ledger_entries_attribution_reason_check CHECK (length(attribution_reason) BETWEEN 1 AND 500)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN attribution_reason`);
  }
}
