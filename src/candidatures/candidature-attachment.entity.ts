import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Candidature } from './candidature.entity';

/**
 * The `candidature_attachments` table (documents joined to a letter of engagement, e.g. the municipal council's
 * deliberation), as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('candidature_attachments')
@Check('candidature_attachments_content_type_check', `(content_type = 'application/pdf'::text)`)
@Check('candidature_attachments_filename_check', '((length(filename) >= 1) AND (length(filename) <= 200))')
@Check('candidature_attachments_sha256_check', `(sha256 ~ '^[0-9a-f]{64}$'::text)`)
@Check('candidature_attachments_size_bytes_check', '((size_bytes >= 1) AND (size_bytes <= 10485760))')
@Check('candidature_attachments_uploaded_via_check', `(uploaded_via = ANY (ARRAY['private_link'::text, 'lead'::text]))`)
@ForeignKey(() => Candidature, ['candidatureId'], ['id'], {
  name: 'candidature_attachments_candidature_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey('User', ['createdBy'], ['id'], { name: 'candidature_attachments_created_by_fkey' })
@Index('candidature_attachments_candidature_idx', ['candidatureId', 'createdAt'])
export class CandidatureAttachment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'candidature_attachments_pkey' })
  id!: string;

  @Column({ name: 'candidature_id', type: 'uuid' })
  candidatureId!: string;

  @Column({ type: 'text' })
  filename!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: 'application/pdf';

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ name: 'uploaded_via', type: 'text' })
  uploadedVia!: 'private_link' | 'lead';

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
