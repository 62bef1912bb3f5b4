import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Photos of an activity (at most five, counted under a lock of the activity's row): the resized, re-encoded
 * image itself, deleted with its activity. `location_kept` says the coordinator chose to keep the EXIF (GPS
 * included); otherwise every metadata was stripped on upload.
 */
export class ActivityPhotos1797000000000 implements MigrationInterface {
  name = 'ActivityPhotos1797000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_photos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pilot_id uuid NOT NULL,
        activity_id uuid NOT NULL,
        position int NOT NULL CHECK (position >= 1),
        mime text NOT NULL CHECK (mime IN ('image/jpeg', 'image/webp')),
        width int NOT NULL CHECK (width BETWEEN 1 AND 4000),
        height int NOT NULL CHECK (height BETWEEN 1 AND 4000),
        size_bytes int NOT NULL CHECK (size_bytes BETWEEN 1 AND 15728640),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        location_kept boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (pilot_id, activity_id) REFERENCES activities (pilot_id, id) ON DELETE CASCADE,
        CONSTRAINT activity_photos_activity_position_key UNIQUE (activity_id, position)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_photos`);
  }
}
