import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The `api_tokens` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('api_tokens')
@Check('api_tokens_name_check', '((length(name) >= 1) AND (length(name) <= 100))')
@ForeignKey('User', ['userId'], ['id'], { name: 'api_tokens_user_id_fkey' })
@Unique('api_tokens_token_hash_key', ['tokenHash'])
export class ApiToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'api_tokens_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
