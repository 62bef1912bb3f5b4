import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { PilotsService } from '../pilots/pilots.service';
import {
  StoredWasteYear,
  tonnesToKg,
  WASTE_STREAMS,
  WasteFigures,
  wasteFigures,
  WasteStream,
  WasteYear,
  wasteYearBounds,
} from './waste';
import { WasteErrorCode, WasteException } from './waste.exception';

export type PutWasteInput = {
  population?: number | null;
  tonnes: Partial<Record<WasteStream, number | null>> & { residual: number };
};

const COLUMN: Record<WasteStream, string> = {
  residual: 'residual_kg',
  packaging: 'packaging_kg',
  glass: 'glass_kg',
  biowaste: 'biowaste_kg',
  recyclingCentre: 'recycling_centre_kg',
  reuse: 'reuse_kg',
};

const SELECT = `SELECT year, population, ${WASTE_STREAMS.map((s) => `${COLUMN[s]} AS "${s}"`).join(', ')}, updated_at AS "updatedAt" FROM waste_years`;

type Row = { year: number; population: number | null; updatedAt: Date } & Record<WasteStream, number | null>;

function toStored(r: Row): StoredWasteYear {
  return {
    year: r.year,
    population: r.population,
    kg: Object.fromEntries(WASTE_STREAMS.map((s) => [s, r[s]])) as Record<WasteStream, number | null>,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** Waste tonnage per territory and calendar year, and the per-inhabitant figures derived from it. */
@Injectable()
export class WasteService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
  ) {}

  /** Creates or replaces one calendar year's figures (lead or the pilot's coordinator). */
  async put(
    ctx: RequestContext,
    pilotId: string,
    year: number,
    input: PutWasteInput,
    m?: EntityManager,
  ): Promise<WasteYear> {
    const run = async (tx: EntityManager) => {
      const terms = await this.pilots.terms(pilotId, tx);
      const bounds = wasteYearBounds(terms);
      if (!bounds)
        throw new WasteException(
          WasteErrorCode.PilotNotStarted,
          'Waste data need the pilot’s start date (the baseline is the calendar year before it)',
        );
      if (!Number.isInteger(year) || year < bounds.baselineYear || year > bounds.lastYear) {
        throw new WasteException(
          WasteErrorCode.YearOutOfRange,
          `year must be a calendar year from ${bounds.baselineYear} (baseline) to ${bounds.lastYear}`,
          'year',
        );
      }
      const [prior]: Row[] = await tx.query(`${SELECT} WHERE pilot_id = $1 AND year = $2 FOR UPDATE`, [pilotId, year]);
      const kg = WASTE_STREAMS.map((s) => tonnesToKg(input.tonnes[s]));
      await tx.query(
        `INSERT INTO waste_years (pilot_id, year, population, ${WASTE_STREAMS.map((s) => COLUMN[s]).join(', ')}, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
         ON CONFLICT (pilot_id, year) DO UPDATE SET population = EXCLUDED.population,
           ${WASTE_STREAMS.map((s) => `${COLUMN[s]} = EXCLUDED.${COLUMN[s]}`).join(', ')}, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [pilotId, year, input.population ?? null, ...kg, ctx.user?.id ?? null],
      );
      const after = {
        population: input.population ?? null,
        ...Object.fromEntries(WASTE_STREAMS.map((s, i) => [s, kg[i]])),
      };
      const before = prior
        ? { population: prior.population, ...Object.fromEntries(WASTE_STREAMS.map((s) => [s, prior[s]])) }
        : null;
      await this.audit.record(tx, ctx, {
        action: prior ? 'waste.update' : 'waste.create',
        entity: 'waste_year',
        entityId: `${pilotId}:${year}`,
        pilotId,
        ...(before ? changedFields(before, after) : { after }),
      });
      const figures = await this.figures(pilotId, tx);
      return figures.years.find((y) => y.year === year)!;
    };
    return m ? run(m) : this.db.transaction(run);
  }

  /** GET /api/pilots/:id/waste: every calendar year entered, per inhabitant, against the baseline. */
  async figures(pilotId: string, m: EntityManager = this.db.manager): Promise<WasteFigures> {
    const terms = await this.pilots.terms(pilotId, m);
    const rows: Row[] = await m.query(`${SELECT} WHERE pilot_id = $1 ORDER BY year`, [pilotId]);
    return wasteFigures(terms, rows.map(toStored));
  }
}
