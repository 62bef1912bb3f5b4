import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { decodeCursor, encodeCursor, Page } from '../common/list-query.dto';
import { CandidaturesErrorCode, CandidaturesException } from './candidatures.exception';
import type { Call, CallStatus, ClockOptions, Criterion, ScoringOpens, Webinar } from './candidatures.types';
import { isPhaseOpen, phaseClosesAt } from './deadline';
import { PROGRAMME_DEFAULTS } from '../common/programme';
import { Rubric, rubricFor } from './rubric';

export type CreateCallInput = {
  title: string;
  waveYear: number;
  intentionDeadline: string;
  engagementDeadline: string;
  minInhabitants?: number;
  maxInhabitants?: number;
  investmentPerInhabitantCents?: number;
  operatingPerInhabitantPerYearCents?: number;
  operatingYears?: number;
  webinars?: Webinar[];
  contact?: string;
  scoringOpens?: ScoringOpens;
  rubric?: Partial<Record<Criterion, string[]>>;
  retentionYears?: number;
};
/** Years a non-selected candidature keeps its personal data after the decision, unless the lead sets another. */
export const DEFAULT_RETENTION_YEARS = 2;

export type UpdateCallInput = Partial<CreateCallInput>;

type CallRow = Omit<
  Call,
  'intentionClosesAt' | 'engagementClosesAt' | 'intentionOpen' | 'engagementOpen' | 'createdAt' | 'status' | 'rubric'
> & { createdAt: Date; rubric: Partial<Rubric> | null; awaitingCount: number; decidedCount: number };

const CALL_SELECT = `SELECT c.id, c.title, c.wave_year AS "waveYear", c.intention_deadline AS "intentionDeadline",
  c.engagement_deadline AS "engagementDeadline", c.min_inhabitants AS "minInhabitants", c.max_inhabitants AS "maxInhabitants",
  c.investment_per_inhabitant_cents AS "investmentPerInhabitantCents",
  c.operating_per_inhabitant_per_year_cents AS "operatingPerInhabitantPerYearCents", c.operating_years AS "operatingYears",
  c.webinars, c.contact, c.created_at AS "createdAt", c.scoring_opens AS "scoringOpens", c.rubric,
  c.retention_years AS "retentionYears",
  (SELECT count(*)::int FROM candidatures k WHERE k.call_id = c.id) AS "candidatureCount",
  (SELECT count(*)::int FROM candidatures k WHERE k.call_id = c.id
     AND k.status IN ('intention_submitted', 'engagement_submitted')) AS "undecidedCount",
  (SELECT count(*)::int FROM candidatures k WHERE k.call_id = c.id AND (k.status = 'engagement_submitted'
     OR (k.status = 'intention_submitted' AND k.engagement_reopened_until >= current_date))) AS "awaitingCount",
  (SELECT count(*)::int FROM candidatures k WHERE k.call_id = c.id
     AND k.status IN ('selected', 'not_selected', 'withdrawn')) AS "decidedCount"
  FROM calls c`;

/** Cross-field rules the DTO cannot express, answered as a 400 naming the field. */
function checkCall(
  c: Pick<CreateCallInput, 'intentionDeadline' | 'engagementDeadline' | 'minInhabitants' | 'maxInhabitants'>,
): void {
  if (c.engagementDeadline < c.intentionDeadline) {
    throw new CandidaturesException(
      CandidaturesErrorCode.InvalidCall,
      'The engagement deadline cannot come before the intention deadline',
      [
        {
          field: 'engagementDeadline',
          code: 'before_intention_deadline',
          message: 'engagementDeadline must be on or after intentionDeadline',
        },
      ],
    );
  }
  if (
    (c.maxInhabitants ?? PROGRAMME_DEFAULTS.maxInhabitants) < (c.minInhabitants ?? PROGRAMME_DEFAULTS.minInhabitants)
  ) {
    throw new CandidaturesException(
      CandidaturesErrorCode.InvalidCall,
      'The maximum number of inhabitants is below the minimum',
      [{ field: 'maxInhabitants', code: 'below_minimum', message: 'maxInhabitants must be at least minInhabitants' }],
    );
  }
}

@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  toCall(r: CallRow, now = new Date()): Call {
    const intentionOpen = isPhaseOpen(r.intentionDeadline, now);
    const engagementOpen = isPhaseOpen(r.engagementDeadline, now);
    // Closed once the letters are over and the decision is taken: something decided, and no candidature with its
    // letter of engagement (or still given time for it) waiting. A commune that never sent its letter cannot be
    // selected, so it does not hold the call open.
    const { awaitingCount, decidedCount, ...row } = r;
    const status: CallStatus =
      !engagementOpen && decidedCount > 0 && awaitingCount === 0
        ? 'closed'
        : intentionOpen
          ? 'intention'
          : engagementOpen
            ? 'engagement'
            : 'selection';
    return {
      ...row,
      status,
      rubric: rubricFor(r.rubric, r),
      webinars: r.webinars ?? [],
      intentionClosesAt: phaseClosesAt(r.intentionDeadline).toISOString(),
      engagementClosesAt: phaseClosesAt(r.engagementDeadline).toISOString(),
      intentionOpen,
      engagementOpen,
      createdAt: new Date(r.createdAt).toISOString(),
    };
  }

  async create(ctx: RequestContext, input: CreateCallInput): Promise<Call> {
    checkCall(input);
    return this.db.transaction(async (m) => {
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO calls (title, wave_year, intention_deadline, engagement_deadline, min_inhabitants, max_inhabitants,
           investment_per_inhabitant_cents, operating_per_inhabitant_per_year_cents, operating_years, webinars, contact, created_by,
           scoring_opens, rubric, retention_years)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
        [
          input.title,
          input.waveYear,
          input.intentionDeadline,
          input.engagementDeadline,
          input.minInhabitants ?? PROGRAMME_DEFAULTS.minInhabitants,
          input.maxInhabitants ?? PROGRAMME_DEFAULTS.maxInhabitants,
          input.investmentPerInhabitantCents ?? PROGRAMME_DEFAULTS.investmentPerInhabitantCents,
          input.operatingPerInhabitantPerYearCents ?? PROGRAMME_DEFAULTS.operatingPerInhabitantPerYearCents,
          input.operatingYears ?? PROGRAMME_DEFAULTS.operatingYears,
          JSON.stringify(input.webinars ?? []),
          input.contact || null,
          ctx.user?.id ?? null,
          input.scoringOpens ?? 'after_engagement_deadline',
          input.rubric ? JSON.stringify(input.rubric) : null,
          input.retentionYears ?? DEFAULT_RETENTION_YEARS,
        ],
      );
      const call = await this.get(row.id, m);
      await this.audit.record(m, ctx, { action: 'call.create', entity: 'call', entityId: row.id, after: { ...call } });
      return call;
    });
  }

  async update(ctx: RequestContext, id: string, patch: UpdateCallInput): Promise<Call> {
    return this.db.transaction(async (m) => {
      const rows: CallRow[] = await m.query(`${CALL_SELECT} WHERE c.id = $1 FOR UPDATE OF c`, [id]);
      if (!rows[0]) throw new CandidaturesException(CandidaturesErrorCode.CallNotFound, 'Call not found');
      const before = rows[0];
      const { rubric: rubricPatch, ...rest } = patch;
      const after = {
        ...before,
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        // A rubric patch replaces the criteria it names and keeps the others.
        rubric: rubricPatch ? { ...(before.rubric ?? {}), ...rubricPatch } : before.rubric,
      } as CallRow;
      checkCall(after);
      await m.query(
        `UPDATE calls SET title = $2, wave_year = $3, intention_deadline = $4, engagement_deadline = $5, min_inhabitants = $6,
           max_inhabitants = $7, investment_per_inhabitant_cents = $8, operating_per_inhabitant_per_year_cents = $9,
           operating_years = $10, webinars = $11, contact = $12, scoring_opens = $13, rubric = $14, retention_years = $15, updated_at = now()
         WHERE id = $1`,
        [
          id,
          after.title,
          after.waveYear,
          after.intentionDeadline,
          after.engagementDeadline,
          after.minInhabitants,
          after.maxInhabitants,
          after.investmentPerInhabitantCents,
          after.operatingPerInhabitantPerYearCents,
          after.operatingYears,
          JSON.stringify(after.webinars ?? []),
          after.contact || null,
          after.scoringOpens,
          after.rubric ? JSON.stringify(after.rubric) : null,
          after.retentionYears,
        ],
      );
      const {
        createdAt: _b,
        candidatureCount: _bc,
        undecidedCount: _bu,
        awaitingCount: _bw,
        decidedCount: _bd,
        ...b
      } = before;
      const {
        createdAt: _a,
        candidatureCount: _ac,
        undecidedCount: _au,
        awaitingCount: _aw,
        decidedCount: _ad,
        ...a
      } = after;
      await this.audit.record(m, ctx, { action: 'call.update', entity: 'call', entityId: id, ...changedFields(b, a) });
      return this.get(id, m);
    });
  }

  async get(id: string, m: EntityManager = this.db.manager, opts: ClockOptions = {}): Promise<Call> {
    const rows: CallRow[] = await m.query(`${CALL_SELECT} WHERE c.id = $1`, [id]);
    if (!rows[0]) throw new CandidaturesException(CandidaturesErrorCode.CallNotFound, 'Call not found');
    return this.toCall(rows[0], opts.now);
  }

  /** Newest wave first. */
  async list(query: { limit?: number; cursor?: string }): Promise<Page<Call>> {
    const limit = query.limit ?? 50;
    const key = decodeCursor(query.cursor, ['int', 'timestamp', 'uuid']);
    const rows: CallRow[] = await this.db.query(
      `${CALL_SELECT}
        WHERE ($1::int IS NULL OR (c.wave_year, c.created_at, c.id) < ($1::int, $2::timestamptz, $3::uuid))
        ORDER BY c.wave_year DESC, c.created_at DESC, c.id DESC LIMIT $4`,
      [key ? Number(key[0]) : null, key ? String(key[1]) : null, key ? String(key[2]) : null, limit + 1],
    );
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map((r) => this.toCall(r));
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodeCursor([last.waveYear, last.createdAt, last.id]) : null };
  }
}
