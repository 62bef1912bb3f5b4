import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pilot's actors, their contributions and links, and the activities logged on the ground. Every row
 * carries its pilot_id and refers to actors through (pilot_id, actor_id), so the database itself refuses
 * a contribution, link or activity pointing at another pilot's actor.
 */
export class ActorsActivities1764370300000 implements MigrationInterface {
  name = 'ActorsActivities1764370300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE actors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pilot_id uuid NOT NULL REFERENCES pilots(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        type text NOT NULL CHECK (type IN ('public', 'private', 'associative', 'citizen')),
        contact text CHECK (length(contact) <= 500),
        description text CHECK (length(description) <= 5000),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (pilot_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX actors_pilot_name_key ON actors (pilot_id, lower(name))`);

    await q.query(`
      CREATE TABLE contributions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pilot_id uuid NOT NULL REFERENCES pilots(id),
        actor_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('skills', 'land', 'people', 'equipment', 'money', 'activities')),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
        value_cents bigint CHECK (value_cents BETWEEN 0 AND 100000000000),
        hours numeric(9, 2) CHECK (hours BETWEEN 0 AND 100000),
        year int NOT NULL CHECK (year BETWEEN 1 AND 10),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (pilot_id, actor_id) REFERENCES actors (pilot_id, id)
      )`);
    await q.query(`CREATE INDEX contributions_pilot_idx ON contributions (pilot_id, year)`);
    await q.query(`CREATE INDEX contributions_actor_idx ON contributions (actor_id)`);

    await q.query(`
      CREATE TABLE actor_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pilot_id uuid NOT NULL REFERENCES pilots(id),
        from_actor_id uuid NOT NULL,
        to_actor_id uuid NOT NULL,
        nature text NOT NULL CHECK (length(nature) BETWEEN 1 AND 500),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (from_actor_id <> to_actor_id),
        FOREIGN KEY (pilot_id, from_actor_id) REFERENCES actors (pilot_id, id),
        FOREIGN KEY (pilot_id, to_actor_id) REFERENCES actors (pilot_id, id)
      )`);
    // A link is between two actors whichever way it was entered; the same nature twice is a duplicate.
    await q.query(`CREATE UNIQUE INDEX actor_links_pair_key ON actor_links (pilot_id, LEAST(from_actor_id, to_actor_id), GREATEST(from_actor_id, to_actor_id), lower(nature))`);

    await q.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pilot_id uuid NOT NULL REFERENCES pilots(id),
        date date NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        type text NOT NULL CHECK (type IN ('workshop', 'event', 'repair_cafe', 'collection', 'training', 'governance_meeting', 'communication', 'other')),
        policies text[] NOT NULL CHECK (cardinality(policies) >= 1 AND policies <@ ARRAY['waste_reduction', 'education', 'health', 'food', 'culture',
          'economic_development', 'social_inclusion', 'ageing_well', 'village_revitalisation', 'other']),
        participants int NOT NULL CHECK (participants BETWEEN 0 AND 100000),
        volunteers int NOT NULL DEFAULT 0 CHECK (volunteers BETWEEN 0 AND 10000),
        volunteer_hours numeric(9, 2) NOT NULL DEFAULT 0 CHECK (volunteer_hours BETWEEN 0 AND 100000),
        participation_level text CHECK (participation_level IN ('information', 'consultation', 'concertation', 'codecision')),
        diverted_reuse_kg numeric(10, 2) NOT NULL DEFAULT 0 CHECK (diverted_reuse_kg BETWEEN 0 AND 1000000),
        diverted_repair_kg numeric(10, 2) NOT NULL DEFAULT 0 CHECK (diverted_repair_kg BETWEEN 0 AND 1000000),
        diverted_compost_kg numeric(10, 2) NOT NULL DEFAULT 0 CHECK (diverted_compost_kg BETWEEN 0 AND 1000000),
        diverted_recycling_kg numeric(10, 2) NOT NULL DEFAULT 0 CHECK (diverted_recycling_kg BETWEEN 0 AND 1000000),
        diverted_other_kg numeric(10, 2) NOT NULL DEFAULT 0 CHECK (diverted_other_kg BETWEEN 0 AND 1000000),
        notes text CHECK (length(notes) <= 5000),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (pilot_id, id)
      )`);
    await q.query(`CREATE INDEX activities_pilot_date_idx ON activities (pilot_id, date DESC, created_at DESC)`);

    await q.query(`
      CREATE TABLE activity_actors (
        pilot_id uuid NOT NULL,
        activity_id uuid NOT NULL,
        actor_id uuid NOT NULL,
        PRIMARY KEY (activity_id, actor_id),
        FOREIGN KEY (pilot_id, activity_id) REFERENCES activities (pilot_id, id) ON DELETE CASCADE,
        FOREIGN KEY (pilot_id, actor_id) REFERENCES actors (pilot_id, id)
      )`);
    await q.query(`CREATE INDEX activity_actors_actor_idx ON activity_actors (pilot_id, actor_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_actors`);
    await q.query(`DROP TABLE activities`);
    await q.query(`DROP TABLE actor_links`);
    await q.query(`DROP TABLE contributions`);
    await q.query(`DROP TABLE actors`);
  }
}
