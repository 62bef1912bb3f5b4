import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * The `waste_years` table, as the migrations create it (`npm run migration:check` compares the two).
 * bigint columns (cents, kilograms, counters) arrive as numbers: the driver parses int8 with a safety guard (src/database/data-source.ts).
 */
@Entity('waste_years')
@Check('waste_years_biowaste_kg_check', `((biowaste_kg >= 0) AND (biowaste_kg <= '1000000000000'::bigint))`)
@Check('waste_years_glass_kg_check', `((glass_kg >= 0) AND (glass_kg <= '1000000000000'::bigint))`)
@Check('waste_years_packaging_kg_check', `((packaging_kg >= 0) AND (packaging_kg <= '1000000000000'::bigint))`)
@Check('waste_years_population_check', '((population >= 1) AND (population <= 10000000))')
@Check(
  'waste_years_recycling_centre_kg_check',
  `((recycling_centre_kg >= 0) AND (recycling_centre_kg <= '1000000000000'::bigint))`,
)
@Check('waste_years_residual_kg_check', `((residual_kg >= 0) AND (residual_kg <= '1000000000000'::bigint))`)
@Check('waste_years_reuse_kg_check', `((reuse_kg >= 0) AND (reuse_kg <= '1000000000000'::bigint))`)
@Check('waste_years_year_check', '((year >= 2000) AND (year <= 2100))')
@ForeignKey('Pilot', ['pilotId'], ['id'], { name: 'waste_years_pilot_id_fkey' })
@ForeignKey('User', ['updatedBy'], ['id'], { name: 'waste_years_updated_by_fkey' })
export class WasteYear {
  @PrimaryColumn({ name: 'pilot_id', type: 'uuid', primaryKeyConstraintName: 'waste_years_pkey' })
  pilotId!: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'waste_years_pkey' })
  year!: number;

  @Column({ type: 'int', nullable: true })
  population!: number | null;

  @Column({ name: 'residual_kg', type: 'bigint', nullable: true })
  residualKg!: number | null;

  @Column({ name: 'packaging_kg', type: 'bigint', nullable: true })
  packagingKg!: number | null;

  @Column({ name: 'glass_kg', type: 'bigint', nullable: true })
  glassKg!: number | null;

  @Column({ name: 'biowaste_kg', type: 'bigint', nullable: true })
  biowasteKg!: number | null;

  @Column({ name: 'recycling_centre_kg', type: 'bigint', nullable: true })
  recyclingCentreKg!: number | null;

  @Column({ name: 'reuse_kg', type: 'bigint', nullable: true })
  reuseKg!: number | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
