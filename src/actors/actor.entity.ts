import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The `actors` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('actors')
@Check('actors_contact_check', '(length(contact) <= 500)')
@Check('actors_description_check', '(length(description) <= 5000)')
@Check('actors_name_check', '((length(name) >= 1) AND (length(name) <= 200))')
@Check(
  'actors_type_check',
  `(type = ANY (ARRAY['public'::text, 'private'::text, 'associative'::text, 'citizen'::text]))`,
)
@ForeignKey('User', ['createdBy'], ['id'], { name: 'actors_created_by_fkey' })
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'actors_pilot_id_fkey' })
@Unique('actors_pilot_id_id_key', ['pilotId', 'id'])
// Not expressible as an entity index, kept in the migration: CREATE INDEX actors_name_search_idx ON actors USING gin (search_fold(name) gin_trgm_ops)
@Index('actors_name_search_idx', { synchronize: false })
// Not expressible as an entity index, kept in the migration: CREATE UNIQUE INDEX actors_pilot_name_key ON actors (pilot_id, lower(name))
@Index('actors_pilot_name_key', { synchronize: false })
export class Actor {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'actors_pkey' })
  id!: string;

  @Column({ name: 'pilot_id', type: 'uuid' })
  pilotId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  type!: 'public' | 'private' | 'associative' | 'citizen';

  @Column({ type: 'text', nullable: true })
  contact!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The actor agreed to appear by name on the pilot's public page and in its open data. */
  @Column({ name: 'public_consent', type: 'boolean', default: false })
  publicConsent!: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
