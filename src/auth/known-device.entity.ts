import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * The `known_devices` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('known_devices')
@Check('known_devices_token_hash_check', '(length(token_hash) = 64)')
@ForeignKey('User', ['userId'], ['id'], { name: 'known_devices_user_id_fkey', onDelete: 'CASCADE' })
@Index('known_devices_user', ['userId'])
export class KnownDevice {
  @PrimaryColumn({ name: 'token_hash', type: 'text', primaryKeyConstraintName: 'known_devices_pkey' })
  tokenHash!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', default: () => 'now()' })
  lastUsedAt!: Date;
}
