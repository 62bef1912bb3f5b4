import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

/**
 * The `pilot_publications` table (a pilot's public page and open data, off until the lead switches it on), as
 * the migrations create it (`npm run migration:check` compares the two).
 */
@Entity('pilot_publications')
@Check(
  'pilot_publications_slug_check',
  `(((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text) AND ((length(slug) >= 3) AND (length(slug) <= 80))))`,
)
@Check(
  'pilot_publications_licence_check',
  `(licence = ANY (ARRAY['etalab-2.0'::text, 'odbl-1.0'::text, 'cc-by-4.0'::text]))`,
)
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'pilot_publications_pilot_id_fkey' })
@ForeignKey('User', ['publishedBy'], ['id'], { name: 'pilot_publications_published_by_fkey' })
@Unique('pilot_publications_slug_key', ['slug'])
export class PilotPublication {
  @PrimaryColumn({ name: 'pilot_id', type: 'uuid', primaryKeyConstraintName: 'pilot_publications_pkey' })
  pilotId!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'boolean', default: false })
  published!: boolean;

  @Column({ type: 'text', default: 'etalab-2.0' })
  licence!: 'etalab-2.0' | 'odbl-1.0' | 'cc-by-4.0';

  @Column({ name: 'include_reports', type: 'boolean', default: false })
  includeReports!: boolean;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
