import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * The `pilot_members` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('pilot_members')
@Check('pilot_members_role_check', `(role = ANY (ARRAY['coordinator'::text, 'reviewer'::text]))`)
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'pilot_members_pilot_id_fkey' })
@ForeignKey(() => User, ['userId'], ['id'], { name: 'pilot_members_user_id_fkey' })
@Index('pilot_members_user_idx', ['userId'])
export class PilotMember {
  @PrimaryColumn({ name: 'pilot_id', type: 'uuid', primaryKeyConstraintName: 'pilot_members_pkey' })
  pilotId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pilot_members_pkey' })
  userId!: string;

  @Column({ type: 'text' })
  role!: 'coordinator' | 'reviewer';

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
