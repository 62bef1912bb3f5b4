import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Report } from './report.entity';

/**
 * The `report_files` table, as the migrations create it (`npm run migration:check` compares the two).
 * Triggers, kept in the migrations: report_files_frozen_when_issued → report_files_refuse_issued_change(), report_files_no_truncate → refuse_change().
 */
@Entity('report_files')
@Check('report_files_content_check', '(octet_length(content) > 0)')
@Check('report_files_format_check', `(format = ANY (ARRAY['html'::text, 'pdf'::text, 'xlsx'::text]))`)
@Check('report_files_sha256_check', `(sha256 ~ '^[0-9a-f]{64}$'::text)`)
@ForeignKey(() => Report, ['reportId'], ['id'], { name: 'report_files_report_id_fkey' })
export class ReportFile {
  @PrimaryColumn({ name: 'report_id', type: 'uuid', primaryKeyConstraintName: 'report_files_pkey' })
  reportId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'report_files_pkey' })
  format!: 'html' | 'pdf' | 'xlsx';

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
