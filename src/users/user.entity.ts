import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The `users` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('users')
@Check('users_email_check', '((email = lower(email)) AND ((length(email) >= 3) AND (length(email) <= 254)))')
@Check('users_name_check', '((length(name) >= 1) AND (length(name) <= 200))')
@Check(
  'users_role_check',
  `(role = ANY (ARRAY['lead'::text, 'coordinator'::text, 'committee'::text, 'reviewer'::text]))`,
)
@Index('users_email_key', ['email'], { unique: true })
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: 'lead' | 'coordinator' | 'committee' | 'reviewer';

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'password_changed_at', type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  /** Whether notifications are also sent by e-mail (each person can turn them off). */
  @Column({ name: 'email_notifications', type: 'boolean', default: true })
  emailNotifications!: boolean;
}
