import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The `activities` table, as the migrations create it (`npm run migration:check` compares the two).
 * numeric columns arrive as exact decimal strings, as the driver gives them.
 */
@Entity('activities')
@Check(
  'activities_diverted_compost_kg_check',
  '((diverted_compost_kg >= (0)::numeric) AND (diverted_compost_kg <= (1000000)::numeric))',
)
@Check(
  'activities_diverted_other_kg_check',
  '((diverted_other_kg >= (0)::numeric) AND (diverted_other_kg <= (1000000)::numeric))',
)
@Check(
  'activities_diverted_recycling_kg_check',
  '((diverted_recycling_kg >= (0)::numeric) AND (diverted_recycling_kg <= (1000000)::numeric))',
)
@Check(
  'activities_diverted_repair_kg_check',
  '((diverted_repair_kg >= (0)::numeric) AND (diverted_repair_kg <= (1000000)::numeric))',
)
@Check(
  'activities_diverted_reuse_kg_check',
  '((diverted_reuse_kg >= (0)::numeric) AND (diverted_reuse_kg <= (1000000)::numeric))',
)
@Check('activities_notes_check', '(length(notes) <= 5000)')
@Check('activities_participants_check', '((participants >= 0) AND (participants <= 100000))')
@Check(
  'activities_participation_level_check',
  `(participation_level = ANY (ARRAY['information'::text, 'consultation'::text, 'concertation'::text, 'codecision'::text]))`,
)
@Check(
  'activities_policies_check',
  `((cardinality(policies) >= 1) AND (policies <@ ARRAY['waste_reduction'::text, 'education'::text, 'health'::text, 'food'::text, 'culture'::text, 'economic_development'::text, 'social_inclusion'::text, 'ageing_well'::text, 'village_revitalisation'::text, 'other'::text]))`,
)
@Check('activities_title_check', '((length(title) >= 1) AND (length(title) <= 200))')
@Check(
  'activities_type_check',
  `(type = ANY (ARRAY['workshop'::text, 'event'::text, 'repair_cafe'::text, 'collection'::text, 'training'::text, 'governance_meeting'::text, 'communication'::text, 'other'::text]))`,
)
@Check(
  'activities_volunteer_hours_check',
  '((volunteer_hours >= (0)::numeric) AND (volunteer_hours <= (100000)::numeric))',
)
@Check('activities_volunteers_check', '((volunteers >= 0) AND (volunteers <= 10000))')
@ForeignKey('User', ['createdBy'], ['id'], { name: 'activities_created_by_fkey' })
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'activities_pilot_id_fkey' })
@Unique('activities_pilot_id_id_key', ['pilotId', 'id'])
// Not expressible as an entity index, kept in the migration: CREATE INDEX activities_pilot_date_idx ON activities (pilot_id, date DESC, created_at DESC)
@Index('activities_pilot_date_idx', { synchronize: false })
// Not expressible as an entity index, kept in the migration: CREATE INDEX activities_pilot_figures_idx ON activities (pilot_id, date) INCLUDE (participants, volunteers, volunteer_hours, diverted_reuse_kg, diverted_repair_kg, diverted_compost_kg, diverted_recycling_kg, diverted_other_kg)
@Index('activities_pilot_figures_idx', { synchronize: false })
// Not expressible as an entity index, kept in the migration: CREATE INDEX activities_title_folded_idx ON activities USING gin (title_folded gin_trgm_ops)
@Index('activities_title_folded_idx', { synchronize: false })
// Not expressible as an entity index, kept in the migration: CREATE INDEX activities_newest_idx ON activities (date DESC, id) INCLUDE (pilot_id, title_folded)
@Index('activities_newest_idx', { synchronize: false })
export class Activity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'activities_pkey' })
  id!: string;

  @Column({ name: 'pilot_id', type: 'uuid' })
  pilotId!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  title!: string;

  /** search_fold(title), kept by the activities_fold_title trigger for the global search; never written here. */
  @Column({ name: 'title_folded', type: 'text', select: false, insert: false, update: false })
  titleFolded!: string;

  @Column({ type: 'text' })
  type!:
    'workshop' | 'event' | 'repair_cafe' | 'collection' | 'training' | 'governance_meeting' | 'communication' | 'other';

  @Column({ type: 'text', array: true })
  policies!: string[];

  @Column({ type: 'int' })
  participants!: number;

  @Column({ type: 'int', default: 0 })
  volunteers!: number;

  @Column({ name: 'volunteer_hours', type: 'numeric', precision: 9, scale: 2, default: 0 })
  volunteerHours!: string;

  @Column({ name: 'participation_level', type: 'text', nullable: true })
  participationLevel!: 'information' | 'consultation' | 'concertation' | 'codecision' | null;

  @Column({ name: 'diverted_reuse_kg', type: 'numeric', precision: 10, scale: 2, default: 0 })
  divertedReuseKg!: string;

  @Column({ name: 'diverted_repair_kg', type: 'numeric', precision: 10, scale: 2, default: 0 })
  divertedRepairKg!: string;

  @Column({ name: 'diverted_compost_kg', type: 'numeric', precision: 10, scale: 2, default: 0 })
  divertedCompostKg!: string;

  @Column({ name: 'diverted_recycling_kg', type: 'numeric', precision: 10, scale: 2, default: 0 })
  divertedRecyclingKg!: string;

  @Column({ name: 'diverted_other_kg', type: 'numeric', precision: 10, scale: 2, default: 0 })
  divertedOtherKg!: string;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
