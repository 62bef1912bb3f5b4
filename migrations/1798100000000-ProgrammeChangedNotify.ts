import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table the lead's programme totals and « bilan » card read (src/home/home-lead.queries.ts). */
const TABLES = ['pilots', 'pilot_amendments', 'ledger_entries', 'activities', 'milestones'];

/**
 * A notification on the channel `programme_changed` for every statement that writes one of the tables the
 * programme totals read. NOTIFY is transactional: it is delivered when (and only if) the writing transaction
 * commits, and the notifications of one transaction fold into one. The home's cache of the totals
 * (src/home/programme-totals.cache.ts) listens on it in every API process and drops its entry on each one.
 */
export class ProgrammeChangedNotify1798100000000 implements MigrationInterface {
  name = 'ProgrammeChangedNotify1798100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION notify_programme_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('programme_changed', '');
        RETURN NULL;
      END $$`);
    for (const table of TABLES) {
      await q.query(`CREATE TRIGGER ${table}_programme_changed
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION notify_programme_changed()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`DROP TRIGGER IF EXISTS ${table}_programme_changed ON ${table}`);
    await q.query(`DROP FUNCTION IF EXISTS notify_programme_changed()`);
  }
}
