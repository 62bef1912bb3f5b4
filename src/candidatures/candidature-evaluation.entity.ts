import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Candidature } from './candidature.entity';

/**
 * The `candidature_evaluations` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('candidature_evaluations')
@Check('candidature_evaluations_actors_check', '((actors >= 0) AND (actors <= 5))')
@Check('candidature_evaluations_capacity_check', '((capacity >= 0) AND (capacity <= 5))')
@Check('candidature_evaluations_comment_check', '(length(comment) <= 5000)')
@Check('candidature_evaluations_cooperation_check', '((cooperation >= 0) AND (cooperation <= 5))')
@Check('candidature_evaluations_grouping_check', '(("grouping" >= 0) AND ("grouping" <= 5))')
@Check('candidature_evaluations_leadership_check', '((leadership >= 0) AND (leadership <= 5))')
@Check('candidature_evaluations_size_check', '((size >= 0) AND (size <= 5))')
@Check('candidature_evaluations_values_check', '(("values" >= 0) AND ("values" <= 5))')
@ForeignKey(() => Candidature, ['candidatureId'], ['id'], { name: 'candidature_evaluations_candidature_id_fkey' })
@ForeignKey('User', ['memberId'], ['id'], { name: 'candidature_evaluations_member_id_fkey' })
@Unique('candidature_evaluations_candidature_id_member_id_key', ['candidatureId', 'memberId'])
export class CandidatureEvaluation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'candidature_evaluations_pkey' })
  id!: string;

  @Column({ name: 'candidature_id', type: 'uuid' })
  candidatureId!: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @Column({ type: 'smallint' })
  size!: number;

  @Column({ type: 'smallint' })
  grouping!: number;

  @Column({ type: 'smallint' })
  cooperation!: number;

  @Column({ type: 'smallint' })
  actors!: number;

  @Column({ type: 'smallint' })
  values!: number;

  @Column({ type: 'smallint' })
  capacity!: number;

  @Column({ type: 'smallint' })
  leadership!: number;

  @Column({ type: 'text', default: '' })
  comment!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
