import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Actor } from './actor.entity';

/**
 * The `contributions` table, as the migrations create it (`npm run migration:check` compares the two).
 * bigint columns (cents, kilograms, counters) arrive as numbers: the driver parses int8 with a safety guard (src/database/data-source.ts).
 * numeric columns arrive as exact decimal strings, as the driver gives them.
 */
@Entity('contributions')
@Check('contributions_description_check', '((length(description) >= 1) AND (length(description) <= 2000))')
@Check('contributions_hours_check', '((hours >= (0)::numeric) AND (hours <= (100000)::numeric))')
@Check(
  'contributions_kind_check',
  `(kind = ANY (ARRAY['skills'::text, 'land'::text, 'people'::text, 'equipment'::text, 'money'::text, 'activities'::text]))`,
)
@Check('contributions_value_cents_check', `((value_cents >= 0) AND (value_cents <= '100000000000'::bigint))`)
@Check('contributions_year_check', '((year >= 1) AND (year <= 10))')
@ForeignKey('User', ['createdBy'], ['id'], { name: 'contributions_created_by_fkey' })
@ForeignKey(() => Actor, ['pilotId', 'actorId'], ['pilotId', 'id'], { name: 'contributions_pilot_id_actor_id_fkey' })
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'contributions_pilot_id_fkey' })
@Index('contributions_actor_idx', ['actorId'])
@Index('contributions_pilot_idx', ['pilotId', 'year'])
export class Contribution {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'contributions_pkey' })
  id!: string;

  @Column({ name: 'pilot_id', type: 'uuid' })
  pilotId!: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @Column({ type: 'text' })
  kind!: 'skills' | 'land' | 'people' | 'equipment' | 'money' | 'activities';

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'value_cents', type: 'bigint', nullable: true })
  valueCents!: number | null;

  @Column({ type: 'numeric', precision: 9, scale: 2, nullable: true })
  hours!: string | null;

  @Column({ type: 'int' })
  year!: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
