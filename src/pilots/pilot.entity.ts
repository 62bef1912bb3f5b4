import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { PROGRAMME_DEFAULTS } from '../common/programme';

/**
 * The `pilots` table, as the migrations create it (`npm run migration:check` compares the two).
 * bigint columns (cents, kilograms, counters) arrive as numbers: the driver parses int8 with a safety guard (src/database/data-source.ts).
 */
@Entity('pilots')
@Check('pilots_communes_check', `(jsonb_typeof(communes) = 'array'::text)`)
@Check('pilots_experts_check', `(jsonb_typeof(experts) = 'array'::text)`)
@Check('pilots_inhabitants_check', '((inhabitants >= 1) AND (inhabitants <= 10000000))')
@Check('pilots_investment_per_inhabitant_cents_check', '(investment_per_inhabitant_cents >= 0)')
@Check('pilots_operating_per_inhabitant_per_year_cents_check', '(operating_per_inhabitant_per_year_cents >= 0)')
@Check('pilots_operating_years_check', '((operating_years >= 1) AND (operating_years <= 10))')
@Check(
  'pilots_status_check',
  `(status = ANY (ARRAY['preparation'::text, 'running'::text, 'autonomous'::text, 'ended'::text]))`,
)
@Check(
  'pilots_closure_complete',
  '((((closed_on IS NULL) AND (closure_reason IS NULL)) OR ((closed_on IS NOT NULL) AND (closure_reason IS NOT NULL))))',
)
@Check(
  'pilots_closure_reason_check',
  '(((closure_reason IS NULL) OR ((length(closure_reason) >= 1) AND (length(closure_reason) <= 4000))))',
)
@Check('pilots_wave_year_check', '((wave_year >= 2000) AND (wave_year <= 2100))')
@ForeignKey('Call', ['callId'], ['id'], { name: 'pilots_call_fk' })
@ForeignKey('Candidature', ['candidatureId'], ['id'], { name: 'pilots_candidature_fk' })
@ForeignKey('User', ['leadUserId'], ['id'], { name: 'pilots_lead_user_id_fkey' })
@ForeignKey('User', ['closedBy'], ['id'], { name: 'pilots_closed_by_fkey' })
@Unique('pilots_candidature_id_key', ['candidatureId'])
@Index('pilots_call_idx', ['callId'])
// Not expressible as an entity index, kept in the migration: CREATE INDEX pilots_name_search_idx ON pilots USING gin (search_fold(name) gin_trgm_ops)
@Index('pilots_name_search_idx', { synchronize: false })
// Not expressible as an entity index, kept in the migration: CREATE INDEX pilots_communes_search_idx ON pilots USING gin (communes_fold(communes) gin_trgm_ops)
@Index('pilots_communes_search_idx', { synchronize: false })
export class Pilot {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pilots_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'call_id', type: 'uuid', nullable: true })
  callId!: string | null;

  @Column({ name: 'candidature_id', type: 'uuid', nullable: true })
  candidatureId!: string | null;

  @Column({ name: 'wave_year', type: 'int', nullable: true })
  waveYear!: number | null;

  @Column({ type: 'jsonb', default: [] })
  communes!: unknown;

  @Column({ type: 'int' })
  inhabitants!: number;

  @Column({ name: 'inhabitants_source', type: 'text', nullable: true })
  inhabitantsSource!: string | null;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ type: 'text', default: 'preparation' })
  status!: 'preparation' | 'running' | 'autonomous' | 'ended';

  @Column({ type: 'text', nullable: true })
  district!: string | null;

  @Column({ type: 'text', nullable: true })
  place!: string | null;

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

  @Column({ type: 'text', array: true, default: ['waste_reduction'] })
  policies!: string[];

  @Column({ name: 'lead_user_id', type: 'uuid', nullable: true })
  leadUserId!: string | null;

  @Column({ type: 'jsonb', default: [] })
  experts!: unknown;

  @Column({ name: 'coordinator_contact', type: 'text', nullable: true })
  coordinatorContact!: string | null;

  @Column({ type: 'jsonb', default: {} })
  carried!: unknown;

  /** The lead's closing decision once the programme is over (the outcome is the status). */
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ name: 'closure_reason', type: 'text', nullable: true })
  closureReason!: string | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy!: string | null;
}
