import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Actor } from './actor.entity';

/**
 * The `actor_links` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('actor_links')
@Check('actor_links_check', '(from_actor_id <> to_actor_id)')
@Check('actor_links_nature_check', '((length(nature) >= 1) AND (length(nature) <= 500))')
@ForeignKey('User', ['createdBy'], ['id'], { name: 'actor_links_created_by_fkey' })
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'actor_links_pilot_id_fkey' })
@ForeignKey(() => Actor, ['pilotId', 'fromActorId'], ['pilotId', 'id'], {
  name: 'actor_links_pilot_id_from_actor_id_fkey',
})
@ForeignKey(() => Actor, ['pilotId', 'toActorId'], ['pilotId', 'id'], { name: 'actor_links_pilot_id_to_actor_id_fkey' })
@Index('actor_links_from_idx', ['fromActorId'])
// Not expressible as an entity index, kept in the migration: CREATE UNIQUE INDEX actor_links_pair_key ON actor_links (pilot_id, LEAST(from_actor_id, to_actor_id), GREATEST(from_actor_id, to_actor_id), lower(nature))
@Index('actor_links_pair_key', { synchronize: false })
@Index('actor_links_to_idx', ['toActorId'])
export class ActorLink {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'actor_links_pkey' })
  id!: string;

  @Column({ name: 'pilot_id', type: 'uuid' })
  pilotId!: string;

  @Column({ name: 'from_actor_id', type: 'uuid' })
  fromActorId!: string;

  @Column({ name: 'to_actor_id', type: 'uuid' })
  toActorId!: string;

  @Column({ type: 'text' })
  nature!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
