import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Candidature } from './candidature.entity';

/**
 * The `candidature_conflicts` table (a committee member's conflict-of-interest declaration per candidature), as
 * the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('candidature_conflicts')
@Check('candidature_conflicts_check', '((has_conflict = (link IS NOT NULL)))')
@Check(
  'candidature_conflicts_link_check',
  `((link = ANY (ARRAY['elected'::text, 'employee'::text, 'family'::text, 'other'::text])))`,
)
@Check('candidature_conflicts_reason_check', '((length(reason) <= 500))')
@ForeignKey(() => Candidature, ['candidatureId'], ['id'], { name: 'candidature_conflicts_candidature_id_fkey' })
@ForeignKey('User', ['memberId'], ['id'], { name: 'candidature_conflicts_member_id_fkey' })
@Unique('candidature_conflicts_candidature_id_member_id_key', ['candidatureId', 'memberId'])
export class CandidatureConflict {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'candidature_conflicts_pkey' })
  id!: string;

  @Column({ name: 'candidature_id', type: 'uuid' })
  candidatureId!: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @Column({ name: 'has_conflict', type: 'boolean' })
  hasConflict!: boolean;

  @Column({ type: 'text', nullable: true })
  link!: 'elected' | 'employee' | 'family' | 'other' | null;

  @Column({ type: 'text', default: '' })
  reason!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
