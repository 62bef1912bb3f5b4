import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * The `autonomy_roadmaps` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('autonomy_roadmaps')
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'autonomy_roadmaps_pilot_id_fkey' })
export class AutonomyRoadmap {
  @PrimaryColumn({ name: 'pilot_id', type: 'uuid', primaryKeyConstraintName: 'autonomy_roadmaps_pkey' })
  pilotId!: string;

  @Column({ name: 'proposed_at', type: 'timestamptz', default: () => 'now()' })
  proposedAt!: Date;
}
