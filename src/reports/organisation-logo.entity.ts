import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The `organisation_logos` table (each upload of the reports' logo, append-only; the latest is in use), as the
 * migrations create it (`npm run migration:check` compares the two).
 */
@Entity('organisation_logos')
@Check('organisation_logos_check', '((octet_length(content) = size_bytes))')
@Check('organisation_logos_content_type_check', `((content_type = ANY (ARRAY['image/png'::text, 'image/jpeg'::text])))`)
@Check('organisation_logos_sha256_check', `((sha256 ~ '^[0-9a-f]{64}$'::text))`)
@Check('organisation_logos_size_bytes_check', '(((size_bytes >= 1) AND (size_bytes <= 262144)))')
@ForeignKey('User', ['createdBy'], ['id'], { name: 'organisation_logos_created_by_fkey' })
// Not expressible as an entity index (DESC columns), kept in the migration:
// CREATE INDEX organisation_logos_latest_idx ON organisation_logos (created_at DESC, id DESC)
@Index('organisation_logos_latest_idx', { synchronize: false })
export class OrganisationLogo {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'organisation_logos_pkey' })
  id!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: 'image/png' | 'image/jpeg';

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
