import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The `audit_log` table, as the migrations create it (`npm run migration:check` compares the two).
 * bigint columns (cents, kilograms, counters) arrive as numbers: the driver parses int8 with a safety guard (src/database/data-source.ts).
 * Triggers, kept in the migrations: audit_log_append_only → refuse_change().
 */
@Entity('audit_log')
@Index('audit_log_action_at_idx', ['action', 'at'])
@Index('audit_log_entity_idx', ['entity', 'entityId'])
@Index('audit_log_user_idx', ['userId', 'at'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'audit_log_pkey' })
  id!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  entity!: string;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId!: string | null;

  @Column({ name: 'pilot_id', type: 'uuid', nullable: true })
  pilotId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;
}
