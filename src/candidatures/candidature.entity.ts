import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Call } from './call.entity';

/**
 * The `candidatures` table, as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('candidatures')
@Check('candidatures_check', `((status = 'engagement_submitted'::text) <= (engagement IS NOT NULL))`)
@Check(
  'candidatures_check1',
  `((status = ANY (ARRAY['selected'::text, 'not_selected'::text, 'withdrawn'::text])) = (decided_at IS NOT NULL))`,
)
@Check(
  'candidatures_communes_check',
  `((jsonb_typeof(communes) = 'array'::text) AND ((jsonb_array_length(communes) >= 1) AND (jsonb_array_length(communes) <= 50)))`,
)
@Check('candidatures_contact_email_check', '(length(contact_email) <= 254)')
@Check('candidatures_contact_name_check', '(length(contact_name) <= 200)')
@Check('candidatures_dossier_number_check', `(dossier_number ~ '^K-[0-9]{4}-[0-9]{4}$'::text)`)
@Check('candidatures_deliberation_number_check', '(length(deliberation_number) <= 100)')
@Check('candidatures_edit_token_hash_check', '((edit_token_hash IS NULL) OR (length(edit_token_hash) = 32))')
@Check('candidatures_engagement_check', `((engagement IS NULL) OR (jsonb_typeof(engagement) = 'object'::text))`)
@Check('candidatures_inhabitants_check', '((inhabitants >= 1) AND (inhabitants <= 10000000))')
@Check('candidatures_intention_check', `(jsonb_typeof(intention) = 'object'::text)`)
@Check('candidatures_justification_check', '(length(justification) <= 5000)')
@Check('candidatures_source_check', `(source = ANY (ARRAY['online'::text, 'entered'::text]))`)
@Check(
  'candidatures_status_check',
  `(status = ANY (ARRAY['intention_submitted'::text, 'engagement_submitted'::text, 'selected'::text, 'not_selected'::text, 'withdrawn'::text]))`,
)
@ForeignKey(() => Call, ['callId'], ['id'], { name: 'candidatures_call_id_fkey' })
@ForeignKey('User', ['createdBy'], ['id'], { name: 'candidatures_created_by_fkey' })
@ForeignKey('User', ['decidedBy'], ['id'], { name: 'candidatures_decided_by_fkey' })
@Unique('candidatures_edit_token_hash_key', ['editTokenHash'])
@Unique('candidatures_dossier_number_key', ['dossierNumber'])
@Index('candidatures_call_idx', ['callId', 'createdAt', 'id'])
export class Candidature {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'candidatures_pkey' })
  id!: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @Column({ type: 'text', default: 'intention_submitted' })
  status!: 'intention_submitted' | 'engagement_submitted' | 'selected' | 'not_selected' | 'withdrawn';

  @Column({ type: 'text' })
  source!: 'online' | 'entered';

  @Column({ type: 'jsonb' })
  communes!: unknown;

  @Column({ type: 'int' })
  inhabitants!: number;

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName!: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'jsonb' })
  intention!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  engagement!: unknown | null;

  @Column({ name: 'edit_token_hash', type: 'bytea', nullable: true })
  editTokenHash!: Buffer | null;

  @Column({ name: 'intention_submitted_at', type: 'timestamptz', default: () => 'now()' })
  intentionSubmittedAt!: Date;

  @Column({ name: 'engagement_submitted_at', type: 'timestamptz', nullable: true })
  engagementSubmittedAt!: Date | null;

  @Column({ name: 'intention_reopened_until', type: 'date', nullable: true })
  intentionReopenedUntil!: string | null;

  @Column({ name: 'engagement_reopened_until', type: 'date', nullable: true })
  engagementReopenedUntil!: string | null;

  @Column({ name: 'deliberation_number', type: 'text', nullable: true })
  deliberationNumber!: string | null;

  @Column({ name: 'deliberation_date', type: 'date', nullable: true })
  deliberationDate!: string | null;

  @Column({ type: 'text', nullable: true })
  justification!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  /** K-<wave year>-<0001>: what the candidate and the Smicval quote in their exchanges. */
  @Column({ name: 'dossier_number', type: 'text' })
  dossierNumber!: string;

  /** When the retention job erased the personal data of this non-selected candidature. */
  @Column({ name: 'personal_data_erased_at', type: 'timestamptz', nullable: true })
  personalDataErasedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
