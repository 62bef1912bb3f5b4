import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `Idempotency-Key` on logging an activity (the offline activity log sends each queued activity with its own
 * key): per user, the request's hash and the first response, replayed to a retry. `activity_id` has no foreign
 * key, like the ledger's: deleting the activity later must not be blocked by a remembered key.
 */
export class ActivityIdempotencyKeys1797100000000 implements MigrationInterface {
  name = 'ActivityIdempotencyKeys1797100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash text NOT NULL,
        status int,
        response jsonb,
        activity_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX activity_idempotency_keys_created_idx ON activity_idempotency_keys (created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_idempotency_keys`);
  }
}
