import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * The `narrative_drafts` table (the coordinator's part of a year's narrative, which the lead's report form starts
 * from), as the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('narrative_drafts')
@Check('narrative_drafts_difficulties_check', '((length(difficulties) <= 20000))')
@Check('narrative_drafts_highlights_check', '((length(highlights) <= 20000))')
@Check('narrative_drafts_year_check', '(((year >= 1) AND (year <= 50)))')
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'narrative_drafts_pilot_id_fkey', onDelete: 'CASCADE' })
@ForeignKey('User', ['updatedBy'], ['id'], { name: 'narrative_drafts_updated_by_fkey' })
export class NarrativeDraft {
  @PrimaryColumn({ name: 'pilot_id', type: 'uuid', primaryKeyConstraintName: 'narrative_drafts_pkey' })
  pilotId!: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'narrative_drafts_pkey' })
  year!: number;

  @Column({ type: 'text', default: '' })
  highlights!: string;

  @Column({ type: 'text', default: '' })
  difficulties!: string;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
