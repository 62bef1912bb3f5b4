import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The funding ledger: append-only entries (corrections are reversal rows), receipts stored with their
 * sha256, and the idempotency keys that make a retried POST write nothing new.
 */
export class FundingLedger1764370500000 implements MigrationInterface {
  name = 'FundingLedger1764370500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        pilot_id uuid NOT NULL REFERENCES pilots(id),
        type text NOT NULL CHECK (type IN ('disbursement', 'expense', 'cofinancing', 'in_kind', 'reversal')),
        fund text CHECK (fund IN ('investment', 'operating')),
        year int NOT NULL CHECK (year BETWEEN 1 AND 10),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0 AND amount_cents <= 100000000000),
        entry_date date NOT NULL,
        reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
        category text CHECK (category IN ('works', 'equipment', 'staff', 'services', 'communication', 'other')),
        supplier text CHECK (length(supplier) BETWEEN 1 AND 200),
        source text CHECK (length(source) BETWEEN 1 AND 200),
        source_kind text CHECK (source_kind IN ('commune', 'actor', 'grant', 'own_revenue', 'other')),
        actor_id uuid,
        description text CHECK (length(description) <= 2000),
        reverses_entry_id uuid UNIQUE,
        reason text CHECK (length(reason) BETWEEN 1 AND 2000),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (pilot_id, id),
        -- A reversal cancels one entry of the same pilot; the UNIQUE above makes "at most once" a database fact.
        FOREIGN KEY (pilot_id, reverses_entry_id) REFERENCES ledger_entries (pilot_id, id),
        -- A co-financing actor must be an actor of this very pilot.
        FOREIGN KEY (pilot_id, actor_id) REFERENCES actors (pilot_id, id),
        CHECK ((type = 'reversal') = (reverses_entry_id IS NOT NULL)),
        CHECK ((type = 'reversal') = (reason IS NOT NULL)),
        CHECK (type NOT IN ('disbursement', 'expense') OR fund IS NOT NULL),
        CHECK (type NOT IN ('cofinancing', 'in_kind') OR (fund IS NULL AND source IS NOT NULL)),
        CHECK ((type = 'expense') = (category IS NOT NULL)),
        CHECK (type = 'expense' OR supplier IS NULL),
        CHECK (type IN ('cofinancing', 'in_kind', 'reversal') OR (source IS NULL AND source_kind IS NULL)),
        CHECK (actor_id IS NULL OR source_kind = 'actor'),
        CHECK (type <> 'disbursement' OR fund = 'operating' OR year = 1)
      )`);
    await q.query(`CREATE INDEX ledger_entries_pilot_idx ON ledger_entries (pilot_id, seq)`);
    // The over-entitlement check reads one fund-year's disbursements (and their reversals) under the pilot's lock.
    await q.query(`CREATE INDEX ledger_entries_fund_year_idx ON ledger_entries (pilot_id, fund, year) WHERE type IN ('disbursement', 'reversal')`);
    await q.query(`
      CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_entries
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);

    // One receipt per entry, kept with its digest; never replaced or removed.
    await q.query(`
      CREATE TABLE ledger_receipts (
        entry_id uuid PRIMARY KEY,
        pilot_id uuid NOT NULL,
        filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes int NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (pilot_id, entry_id) REFERENCES ledger_entries (pilot_id, id)
      )`);
    await q.query(`
      CREATE TRIGGER ledger_receipts_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_receipts
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);

    // Idempotency keys are per user; the stored response is replayed for the same key and body.
    await q.query(`
      CREATE TABLE ledger_idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash text NOT NULL,
        status int,
        response jsonb,
        entry_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX ledger_idempotency_keys_created_idx ON ledger_idempotency_keys (created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_idempotency_keys`);
    await q.query(`DROP TABLE ledger_receipts`);
    await q.query(`DROP TABLE ledger_entries`);
  }
}
