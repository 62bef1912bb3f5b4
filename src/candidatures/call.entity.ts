import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { PROGRAMME_DEFAULTS } from '../common/programme';

/**
 * The `calls` table, as the migrations create it (`npm run migration:check` compares the two).
 * bigint columns (cents, kilograms, counters) arrive as numbers: the driver parses int8 with a safety guard (src/database/data-source.ts).
 */
@Entity('calls')
@Check('calls_check', '(engagement_deadline >= intention_deadline)')
@Check('calls_rubric_check', `((rubric IS NULL) OR (jsonb_typeof(rubric) = 'object'::text))`)
@Check(
  'calls_scoring_opens_check',
  `(scoring_opens = ANY (ARRAY['after_engagement_deadline'::text, 'per_candidature'::text]))`,
)
@Check('calls_check1', '(max_inhabitants >= min_inhabitants)')
@Check('calls_contact_check', '(length(contact) <= 500)')
@Check(
  'calls_investment_per_inhabitant_cents_check',
  '((investment_per_inhabitant_cents >= 0) AND (investment_per_inhabitant_cents <= 100000000))',
)
@Check('calls_max_inhabitants_check', '((max_inhabitants >= 1) AND (max_inhabitants <= 10000000))')
@Check('calls_min_inhabitants_check', '((min_inhabitants >= 1) AND (min_inhabitants <= 10000000))')
@Check(
  'calls_operating_per_inhabitant_per_year_cents_check',
  '((operating_per_inhabitant_per_year_cents >= 0) AND (operating_per_inhabitant_per_year_cents <= 100000000))',
)
@Check('calls_operating_years_check', '((operating_years >= 1) AND (operating_years <= 10))')
@Check('calls_retention_years_check', '((retention_years >= 1) AND (retention_years <= 10))')
@Check('calls_title_check', '((length(title) >= 1) AND (length(title) <= 300))')
@Check('calls_wave_year_check', '((wave_year >= 2000) AND (wave_year <= 2100))')
@Check('calls_webinars_check', `(jsonb_typeof(webinars) = 'array'::text)`)
@ForeignKey('User', ['createdBy'], ['id'], { name: 'calls_created_by_fkey' })
export class Call {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'calls_pkey' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'wave_year', type: 'int' })
  waveYear!: number;

  @Column({ name: 'intention_deadline', type: 'date' })
  intentionDeadline!: string;

  @Column({ name: 'engagement_deadline', type: 'date' })
  engagementDeadline!: string;

  @Column({ name: 'min_inhabitants', type: 'int', default: PROGRAMME_DEFAULTS.minInhabitants })
  minInhabitants!: number;

  @Column({ name: 'max_inhabitants', type: 'int', default: PROGRAMME_DEFAULTS.maxInhabitants })
  maxInhabitants!: number;

  @Column({
    name: 'investment_per_inhabitant_cents',
    type: 'bigint',
    default: PROGRAMME_DEFAULTS.investmentPerInhabitantCents,
  })
  investmentPerInhabitantCents!: number;

  @Column({
    name: 'operating_per_inhabitant_per_year_cents',
    type: 'bigint',
    default: PROGRAMME_DEFAULTS.operatingPerInhabitantPerYearCents,
  })
  operatingPerInhabitantPerYearCents!: number;

  @Column({ name: 'operating_years', type: 'int', default: PROGRAMME_DEFAULTS.operatingYears })
  operatingYears!: number;

  @Column({ type: 'jsonb', default: [] })
  webinars!: unknown;

  @Column({ type: 'text', nullable: true })
  contact!: string | null;

  /** When the committee may score: once the engagement phase is closed, or per candidature once its letter is in. */
  @Column({ name: 'scoring_opens', type: 'text', default: 'after_engagement_deadline' })
  scoringOpens!: 'after_engagement_deadline' | 'per_candidature';

  /** What 0 to 5 mean per criterion; null: the defaults from the call text. */
  @Column({ type: 'jsonb', nullable: true })
  rubric!: unknown;

  /** Years after the decision during which a non-selected candidature keeps its personal data. */
  @Column({ name: 'retention_years', type: 'int', default: 2 })
  retentionYears!: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
