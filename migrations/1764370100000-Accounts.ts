import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1764370100000 implements MigrationInterface {
  name = 'Accounts1764370100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('lead', 'coordinator', 'committee', 'reviewer')),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);

    // Only a hash of each 256-bit session token is stored.
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        ip text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE ended_at IS NULL`);

    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);

    // The pilot record grows in the pilots migration; membership and scope need its id from the start.
    await q.query(`
      CREATE TABLE pilots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE pilot_members (
        pilot_id uuid NOT NULL REFERENCES pilots(id),
        user_id uuid NOT NULL REFERENCES users(id),
        role text NOT NULL CHECK (role IN ('coordinator', 'reviewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (pilot_id, user_id)
      )`);
    await q.query(`CREATE INDEX pilot_members_user_idx ON pilot_members (user_id)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id uuid,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        pilot_id uuid,
        before jsonb,
        after jsonb,
        request_id text,
        ip text
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id)`);
    await q.query(`CREATE INDEX audit_log_user_idx ON audit_log (user_id, at)`);
    await q.query(`CREATE INDEX audit_log_action_at_idx ON audit_log (action, at)`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE pilot_members`);
    await q.query(`DROP TABLE pilots`);
    await q.query(`DROP TABLE api_tokens`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE users`);
  }
}
