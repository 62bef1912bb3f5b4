import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import { inhabitantsAt, pilotLifeStart } from './pilot-terms';
import { AmendmentRow, loadAmendmentRows } from './pilot-terms.query';
import { PilotErrorCode, PilotException } from './pilots.exception';
import { PilotsService } from './pilots.service';

/** Amendments (avenants) of a pilot's inhabitants figure: appended, never edited, each in force from its date. */
@Injectable()
export class PilotAmendmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
  ) {}

  /** An amendment (avenant) of the inhabitants figure: appended, never edited; in force from its effective date. */
  async amend(
    ctx: RequestContext,
    pilotId: string,
    input: { inhabitants: number; effectiveDate: string; reason: string },
  ): Promise<AmendmentRow> {
    return this.db.transaction(async (m) => {
      // Serialises amendments of one pilot with changes of its start date.
      const [pilot] = await m.query(
        `SELECT start_date AS "startDate", to_char(created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "createdDate" FROM pilots WHERE id = $1 FOR UPDATE`,
        [pilotId],
      );
      if (!pilot) throw new PilotException(PilotErrorCode.PilotNotFound, 'Pilot not found');
      const earliest = pilot.startDate ?? pilotLifeStart(null, pilot.createdDate);
      if (input.effectiveDate < earliest) {
        throw new PilotException(
          PilotErrorCode.AmendmentBeforeStart,
          pilot.startDate
            ? `An amendment cannot take effect before the convention start (${pilot.startDate})`
            : `An amendment cannot take effect before ${earliest}`,
          'effectiveDate',
        );
      }
      const [row] = await m.query(
        `INSERT INTO pilot_amendments (pilot_id, inhabitants, effective_date, reason, created_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, inhabitants, effective_date AS "effectiveDate", reason, created_at AS "createdAt", created_by AS "createdBy"`,
        [pilotId, input.inhabitants, input.effectiveDate, input.reason, ctx.user?.id ?? null],
      );
      await m.query(`UPDATE pilots SET updated_at = now() WHERE id = $1`, [pilotId]);
      await this.audit.record(m, ctx, {
        action: 'pilot.amend',
        entity: 'pilot',
        entityId: pilotId,
        pilotId,
        after: { amendmentId: row.id, ...input },
      });
      return { ...row, createdAt: new Date(row.createdAt).toISOString() };
    });
  }

  /** The amendment history, oldest first, each with whether it is the figure in force today. */
  async amendments(
    pilotId: string,
  ): Promise<{ initial: number; inForce: number; items: (AmendmentRow & { inForce: boolean })[] }> {
    const terms = await this.pilots.terms(pilotId);
    const rows = await loadAmendmentRows(this.db.manager, pilotId);
    const today = todayInFrance();
    const current = rows.filter((a) => a.effectiveDate <= today).at(-1);
    return {
      initial: terms.initialInhabitants,
      inForce: inhabitantsAt(terms, today),
      items: rows.map((a) => ({ ...a, inForce: a.id === current?.id })),
    };
  }
}
