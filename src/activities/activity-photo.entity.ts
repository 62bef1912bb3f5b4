import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Activity } from './activity.entity';

/**
 * The `activity_photos` table, as the migrations create it (`npm run migration:check` compares the two).
 * The image is stored resized and re-encoded; the row goes with its activity.
 */
@Entity('activity_photos')
@Check('activity_photos_height_check', '((height >= 1) AND (height <= 4000))')
@Check('activity_photos_mime_check', `(mime = ANY (ARRAY['image/jpeg'::text, 'image/webp'::text]))`)
@Check('activity_photos_position_check', '(position >= 1)')
@Check('activity_photos_sha256_check', `(sha256 ~ '^[0-9a-f]{64}$'::text)`)
@Check('activity_photos_size_bytes_check', '((size_bytes >= 1) AND (size_bytes <= 15728640))')
@Check('activity_photos_width_check', '((width >= 1) AND (width <= 4000))')
@ForeignKey('User', ['createdBy'], ['id'], { name: 'activity_photos_created_by_fkey' })
@ForeignKey(() => Activity, ['pilotId', 'activityId'], ['pilotId', 'id'], {
  name: 'activity_photos_pilot_id_activity_id_fkey',
  onDelete: 'CASCADE',
})
@Unique('activity_photos_activity_position_key', ['activityId', 'position'])
export class ActivityPhoto {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'activity_photos_pkey' })
  id!: string;

  @Column({ name: 'pilot_id', type: 'uuid' })
  pilotId!: string;

  @Column({ name: 'activity_id', type: 'uuid' })
  activityId!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  mime!: 'image/jpeg' | 'image/webp';

  @Column({ type: 'int' })
  width!: number;

  @Column({ type: 'int' })
  height!: number;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ name: 'location_kept', type: 'boolean', default: false })
  locationKept!: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
