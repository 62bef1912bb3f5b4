import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Atomic counters for the limits (sign-in per IP and per account, public candidatures per IP): each
 * attempt reserves its place with one upsert under the row's lock, so parallel requests and several
 * API processes cannot overshoot. Known devices let the real user sign in while their account is
 * being guessed at.
 */
export class Throttling1796000000000 implements MigrationInterface {
  name = 'Throttling1796000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE throttle_counters (
        key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 400),
        count integer NOT NULL CHECK (count >= 0),
        window_start timestamptz NOT NULL DEFAULT now(),
        last_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX throttle_counters_last_at ON throttle_counters (last_at)`);
    await q.query(`
      CREATE TABLE known_devices (
        token_hash text PRIMARY KEY CHECK (length(token_hash) = 64),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX known_devices_user ON known_devices (user_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE known_devices`);
    await q.query(`DROP TABLE throttle_counters`);
  }
}
