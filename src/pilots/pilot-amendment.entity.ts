import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Pilot } from './pilot.entity';

/**
 * The `pilot_amendments` table, as the migrations create it (`npm run migration:check` compares the two).
 * Triggers, kept in the migrations: pilot_amendments_append_only → refuse_change().
 */
@Entity('pilot_amendments')
@Check('pilot_amendments_inhabitants_check', '((inhabitants >= 1) AND (inhabitants <= 10000000))')
@Check('pilot_amendments_reason_check', '((length(reason) >= 1) AND (length(reason) <= 2000))')
@ForeignKey('User', ['createdBy'], ['id'], { name: 'pilot_amendments_created_by_fkey' })
@ForeignKey(() => Pilot, ['pilotId'], ['id'], { name: 'pilot_amendments_pilot_id_fkey' })
@Index('pilot_amendments_pilot_idx', ['pilotId', 'effectiveDate'])
export class PilotAmendment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pilot_amendments_pkey' })
  id!: string;

  @Column({ name: 'pilot_id', type: 'uuid' })
  pilotId!: string;

  @Column({ type: 'int' })
  inhabitants!: number;

  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
