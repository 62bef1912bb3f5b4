import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The `candidature_dossier_counters` table: the last dossier number given each year, as the migrations create it
 * (`npm run migration:check` compares the two). One upsert per candidature takes the next number.
 */
@Entity('candidature_dossier_counters')
@Check('candidature_dossier_counters_last_number_check', '((last_number >= 1) AND (last_number <= 9999))')
@Check('candidature_dossier_counters_year_check', '((year >= 2000) AND (year <= 2100))')
export class DossierCounter {
  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'candidature_dossier_counters_pkey' })
  year!: number;

  @Column({ name: 'last_number', type: 'int' })
  lastNumber!: number;
}
