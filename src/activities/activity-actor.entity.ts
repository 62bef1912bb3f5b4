import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Activity } from './activity.entity';

/**
 * The `activity_actors` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('activity_actors')
@ForeignKey(() => Activity, ['pilotId', 'activityId'], ['pilotId', 'id'], {
  name: 'activity_actors_pilot_id_activity_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey('Actor', ['pilotId', 'actorId'], ['pilotId', 'id'], { name: 'activity_actors_pilot_id_actor_id_fkey' })
@Index('activity_actors_actor_idx', ['pilotId', 'actorId'])
export class ActivityActor {
  @Column({ name: 'pilot_id', type: 'uuid' })
  pilotId!: string;

  @PrimaryColumn({ name: 'activity_id', type: 'uuid', primaryKeyConstraintName: 'activity_actors_pkey' })
  activityId!: string;

  @PrimaryColumn({ name: 'actor_id', type: 'uuid', primaryKeyConstraintName: 'activity_actors_pkey' })
  actorId!: string;
}
