import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { CommonException } from '../common/errors/app.exception';
import { programmeEnd } from './pilot-terms';
import { PilotErrorCode, PilotException } from './pilots.exception';
import { PilotsService } from './pilots.service';
import type { Pilot } from './pilots.types';

export type CloseInput = { outcome: 'autonomous' | 'ended'; reason: string; decidedOn?: string };

/**
 * The end of the three years: once the last operating year is over the lead records whether the dynamic goes on
 * without Smicval's funds (« autonome ») or stops (« terminé »), once, with its date and reason.
 */
@Injectable()
export class PilotClosureService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
  ) {}

  async close(ctx: RequestContext, pilotId: string, input: CloseInput): Promise<Pilot> {
    const today = todayInFrance();
    const decidedOn = input.decidedOn ?? today;
    if (decidedOn > today)
      throw CommonException.validation([
        { field: 'decidedOn', code: 'invalid', message: 'decidedOn cannot be in the future' },
      ]);
    await this.db.transaction(async (m) => {
      const [p] = await m.query(
        `SELECT status, start_date AS "startDate", operating_years AS "operatingYears" FROM pilots WHERE id = $1 FOR UPDATE`,
        [pilotId],
      );
      if (!p) throw new PilotException(PilotErrorCode.PilotNotFound, 'Pilot not found');
      if (p.status === 'autonomous' || p.status === 'ended')
        throw new PilotException(PilotErrorCode.PilotAlreadyClosed, 'The closing decision is already recorded');
      const end = programmeEnd(p.startDate, p.operatingYears);
      if (!end || decidedOn <= end)
        throw new PilotException(
          PilotErrorCode.ProgrammeNotOver,
          end ? `The last operating year ends on ${end}` : 'The pilot has no start date',
          'decidedOn',
        );
      await m.query(
        `UPDATE pilots SET status = $2, closed_on = $3, closure_reason = $4, closed_by = $5, updated_at = now() WHERE id = $1`,
        [pilotId, input.outcome, decidedOn, input.reason, ctx.user?.id ?? null],
      );
      await this.audit.record(m, ctx, {
        action: 'pilot.close',
        entity: 'pilot',
        entityId: pilotId,
        pilotId,
        before: { status: p.status },
        after: { status: input.outcome, decidedOn, reason: input.reason },
      });
    });
    return this.pilots.get(ctx, pilotId);
  }
}
