import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service';
import { canReachPilot, pilotScope, RequestContext } from '../auth/auth.types';
import { POLICIES, todayInFrance } from '../common/codes';
import { CommonException, FieldError } from '../common/errors/app.exception';
import { decodeCursor, encodeCursor, Page } from '../common/list-query.dto';
import { UsersService } from '../users/users.service';
import { PILOT_ACTORS, type PilotActorsWriter } from './pilot-actors';
import {
  inhabitantsAt,
  pilotLifeStart,
  pilotStage,
  PilotTerms,
  programmeEnd,
  projectYearOf,
  projectYears,
} from './pilot-terms';
import { AmendmentRow, loadPilotLife, PilotLife } from './pilot-terms.query';
import { PilotErrorCode, PilotException } from './pilots.exception';
import type {
  CreatePilotInput,
  Pilot,
  PilotFilters,
  PilotStartListener,
  PilotSummary,
  UpdatePilotInput,
} from './pilots.types';
import { PROGRAMME_DEFAULTS } from '../common/programme';

const PILOT_SELECT = `
  SELECT p.id, p.name, p.call_id AS "callId", p.candidature_id AS "candidatureId", p.wave_year AS "waveYear", p.communes, p.inhabitants,
         p.inhabitants_source AS "inhabitantsSource", p.start_date AS "startDate", p.status, p.district, p.place,
         p.investment_per_inhabitant_cents AS "investmentPerInhabitantCents",
         p.operating_per_inhabitant_per_year_cents AS "operatingPerInhabitantPerYearCents", p.operating_years AS "operatingYears",
         p.policies, p.lead_user_id AS "leadUserId", lu.name AS "leadName", lu.email AS "leadEmail", p.experts,
         p.coordinator_contact AS "coordinatorContact", p.carried, p.created_at AS "createdAt", p.updated_at AS "updatedAt",
         to_char(p.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "createdDate",
         p.closed_on AS "closedOn", p.closure_reason AS "closureReason", p.closed_by AS "closedBy", cu.name AS "closedByName"
    FROM pilots p LEFT JOIN users lu ON lu.id = p.lead_user_id LEFT JOIN users cu ON cu.id = p.closed_by`;

/** The pilot's row with its amendments (as amendmentRows() reads them), in one statement. */
const PILOT_WITH_AMENDMENTS = PILOT_SELECT.replace(
  'FROM pilots p',
  `, COALESCE((SELECT json_agg(json_build_object('id', a.id, 'inhabitants', a.inhabitants, 'effectiveDate', a.effective_date,
              'reason', a.reason, 'createdAt', a.created_at, 'createdBy', a.created_by) ORDER BY a.effective_date, a.created_at)
            FROM pilot_amendments a WHERE a.pilot_id = p.id), '[]'::json) AS amendments
    FROM pilots p`,
);

/** A context without a user is the platform itself (demo seeding, queued jobs): it reaches every pilot. */
function scopeOf(ctx: RequestContext): string[] | null {
  return ctx.user ? pilotScope(ctx) : null;
}

function reaches(ctx: RequestContext, pilotId: string): boolean {
  return !ctx.user || canReachPilot(ctx, pilotId);
}

/** Checks what the DTO checks, for callers inside the server (candidature selection, demo). */
function validateCreate(input: CreatePilotInput): FieldError[] {
  const errors: FieldError[] = [];
  const bad = (field: string, message: string) => errors.push({ field, code: 'invalid', message });
  if (!input.name?.trim() || input.name.length > 200) bad('name', 'name must be 1 to 200 characters');
  if (!Array.isArray(input.communes) || input.communes.length === 0 || input.communes.some((c) => !c.name?.trim()))
    bad('communes', 'at least one commune, each with a name');
  if (!Number.isInteger(input.inhabitants) || input.inhabitants < 1 || input.inhabitants > 10_000_000)
    bad('inhabitants', 'inhabitants must be an integer between 1 and 10 000 000');
  for (const p of input.policies ?? [])
    if (!(POLICIES as readonly string[]).includes(p)) bad('policies', `unknown policy ${p}`);
  return errors;
}

@Injectable()
export class PilotsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    @Inject(PILOT_ACTORS) private readonly actors: PilotActorsWriter,
  ) {}

  private readonly startListeners: PilotStartListener[] = [];

  /**
   * Features that prepare something once a pilot has its start date (the autonomy roadmap) register here. The
   * listener runs in the same transaction as the creation or the change, without this module depending on theirs.
   */
  onStartDateSet(listener: PilotStartListener): void {
    this.startListeners.push(listener);
  }

  private async startDateSet(ctx: RequestContext, pilotId: string, m: EntityManager): Promise<void> {
    for (const listener of this.startListeners) await listener(ctx, pilotId, m);
  }

  /**
   * Creates a pilot: directly by the lead (pilots selected before the platform existed) or, with `m`, inside
   * the candidature selection's transaction. The listed actors are created with it.
   */
  async create(ctx: RequestContext, input: CreatePilotInput, m?: EntityManager): Promise<Pilot> {
    const errors = validateCreate(input);
    if (errors.length > 0) throw CommonException.validation(errors);
    const startDate = input.startDate ?? null;
    const status = input.status ?? (startDate && startDate <= todayInFrance() ? 'running' : 'preparation');
    if (status !== 'preparation' && !startDate) {
      throw new PilotException(
        PilotErrorCode.StartDateRequired,
        'A pilot that has started needs its convention start date',
        'startDate',
      );
    }
    // Waste reduction is every pilot's policy; the others are the hybrid ones.
    const policies = ['waste_reduction', ...new Set((input.policies ?? []).filter((p) => p !== 'waste_reduction'))];
    const run = async (tx: EntityManager) => {
      if (input.candidatureId) {
        const taken = await tx.query(`SELECT id FROM pilots WHERE candidature_id = $1`, [input.candidatureId]);
        if (taken.length > 0)
          throw new PilotException(
            PilotErrorCode.CandidatureHasPilot,
            'This candidature already has its pilot',
            'candidatureId',
          );
      }
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO pilots (name, call_id, candidature_id, wave_year, communes, inhabitants, inhabitants_source, start_date, status, district, place,
                             investment_per_inhabitant_cents, operating_per_inhabitant_per_year_cents, operating_years, policies, lead_user_id,
                             coordinator_contact, carried)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
        [
          input.name.trim(),
          input.callId ?? null,
          input.candidatureId ?? null,
          input.waveYear ?? null,
          JSON.stringify(
            input.communes.map((c) => ({ name: c.name.trim(), ...(c.inseeCode ? { inseeCode: c.inseeCode } : {}) })),
          ),
          input.inhabitants,
          input.inhabitantsSource ?? null,
          startDate,
          status,
          input.district ?? null,
          input.place ?? null,
          input.investmentPerInhabitantCents ?? PROGRAMME_DEFAULTS.investmentPerInhabitantCents,
          input.operatingPerInhabitantPerYearCents ?? PROGRAMME_DEFAULTS.operatingPerInhabitantPerYearCents,
          input.operatingYears ?? PROGRAMME_DEFAULTS.operatingYears,
          policies,
          ctx.user?.role === 'lead' ? ctx.user.id : null,
          input.coordinatorContact ?? null,
          JSON.stringify(input.carried ?? {}),
        ],
      );
      await this.audit.record(tx, ctx, {
        action: 'pilot.create',
        entity: 'pilot',
        entityId: row.id,
        pilotId: row.id,
        after: {
          name: input.name,
          communes: input.communes,
          inhabitants: input.inhabitants,
          startDate,
          status,
          callId: input.callId ?? null,
          candidatureId: input.candidatureId ?? null,
          waveYear: input.waveYear ?? null,
        },
      });
      await this.actors.createMany(ctx, row.id, input.actors ?? [], tx);
      if (startDate) await this.startDateSet(ctx, row.id, tx);
      return this.load(row.id, tx);
    };
    try {
      return m ? await run(m) : await this.db.transaction(run);
    } catch (e) {
      if ((e as { code?: string }).code === '23505')
        throw new PilotException(
          PilotErrorCode.CandidatureHasPilot,
          'This candidature already has its pilot',
          'candidatureId',
        );
      throw e;
    }
  }

  /** The pilot as GET /api/pilots/:id shows it; 404 outside the caller's scope. */
  async get(ctx: RequestContext, pilotId: string, m?: EntityManager): Promise<Pilot> {
    if (!reaches(ctx, pilotId)) throw new PilotException(PilotErrorCode.PilotNotFound, 'Pilot not found');
    return this.load(pilotId, m);
  }

  private async load(pilotId: string, m: EntityManager = this.db.manager): Promise<Pilot> {
    // Members are read outside the transaction (a pilot being created has none yet), alongside the pilot's row
    // and its amendments, which come in one statement.
    const [rows, members] = await Promise.all([
      m.query(`${PILOT_WITH_AMENDMENTS} WHERE p.id = $1`, [pilotId]),
      m === this.db.manager ? this.users.listMembers(pilotId) : Promise.resolve([]),
    ]);
    const r = rows[0];
    if (!r) throw new PilotException(PilotErrorCode.PilotNotFound, 'Pilot not found');
    const amendments: AmendmentRow[] = (r.amendments as (AmendmentRow & { createdAt: string })[]).map((a) => ({
      ...a,
      createdAt: new Date(a.createdAt).toISOString(),
    }));
    const today = todayInFrance();
    const {
      leadName,
      leadEmail,
      createdDate,
      closedOn,
      closureReason,
      closedBy,
      closedByName,
      amendments: _rows,
      ...pilot
    } = r;
    return {
      ...pilot,
      createdAt: new Date(r.createdAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
      lead: r.leadUserId ? { id: r.leadUserId, name: leadName, email: leadEmail } : null,
      inhabitantsInForce: inhabitantsAt({ initialInhabitants: r.inhabitants, amendments }, today),
      currentProjectYear: projectYearOf(r.startDate, today),
      projectYears: projectYears(r.startDate, r.operatingYears),
      lifeStart: pilotLifeStart(r.startDate, createdDate),
      amendments,
      members: members.map(({ userId, role, name, email, createdAt }) => ({ userId, role, name, email, createdAt })),
      stage: pilotStage(r, today),
      programmeEnd: programmeEnd(r.startDate, r.operatingYears),
      closure:
        closedOn && (r.status === 'autonomous' || r.status === 'ended')
          ? {
              outcome: r.status,
              decidedOn: closedOn,
              reason: closureReason,
              decidedBy: closedBy ? { id: closedBy, name: closedByName } : null,
            }
          : null,
    };
  }

  /** The terms funding, indicators and reports compute with (see pilot-terms.ts). */
  async terms(pilotId: string, m?: EntityManager): Promise<PilotTerms> {
    const { status: _s, createdDate: _c, lifeStart: _l, ...terms } = await this.life(pilotId, m);
    return terms;
  }

  /** The terms plus status, creation date and the first date an activity may carry. */
  life(pilotId: string, m: EntityManager = this.db.manager): Promise<PilotLife> {
    return loadPilotLife(m, pilotId);
  }

  /** The same, the pilot's row held against a closure until `m`'s transaction ends (writes that depend on its status). */
  lifeForWrite(pilotId: string, m: EntityManager): Promise<PilotLife> {
    return loadPilotLife(m, pilotId, true);
  }

  /** The inhabitants figure in force on a date (amendments included). */
  async inhabitantsAt(pilotId: string, date: string, m?: EntityManager): Promise<number> {
    return inhabitantsAt(await this.terms(pilotId, m), date);
  }

  /** The pilots in the caller's scope, filtered in SQL. */
  async list(ctx: RequestContext, filters: PilotFilters = {}): Promise<Page<PilotSummary>> {
    const limit = filters.limit ?? 100;
    const after = decodeCursor(filters.cursor, ['text', 'uuid']);
    const today = todayInFrance();
    const rows = await this.db.query(
      `SELECT p.id, p.name, p.communes, p.wave_year AS "waveYear", p.status, p.start_date AS "startDate", p.district, p.place,
              p.operating_years AS "operatingYears",
              COALESCE((SELECT a.inhabitants FROM pilot_amendments a WHERE a.pilot_id = p.id AND a.effective_date <= $4::date
                         ORDER BY a.effective_date DESC, a.created_at DESC LIMIT 1), p.inhabitants) AS "inhabitantsInForce"
         FROM pilots p
        WHERE ($1::uuid[] IS NULL OR p.id = ANY($1))
          AND ($2::text IS NULL OR p.status = $2)
          AND ($3::int IS NULL OR p.wave_year = $3)
          AND ($5::text IS NULL OR (p.name, p.id) > ($5::text, $6::uuid))
        ORDER BY p.name, p.id
        LIMIT $7`,
      [
        scopeOf(ctx),
        filters.status ?? null,
        filters.waveYear ?? null,
        today,
        after?.[0] ?? null,
        after?.[1] ?? null,
        limit + 1,
      ],
    );
    const more = rows.length > limit;
    const items: PilotSummary[] = rows
      .slice(0, limit)
      .map(({ operatingYears, ...r }: PilotSummary & { operatingYears: number }) => ({
        ...r,
        currentProjectYear: projectYearOf(r.startDate, today),
        stage: pilotStage({ ...r, operatingYears }, today),
      }));
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodeCursor([last.name, last.id]) : null };
  }

  /** Ids of the pilots in the caller's scope (optionally filtered). */
  async listIds(ctx: RequestContext, filters: Pick<PilotFilters, 'status' | 'waveYear'> = {}): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM pilots WHERE ($1::uuid[] IS NULL OR id = ANY($1)) AND ($2::text IS NULL OR status = $2) AND ($3::int IS NULL OR wave_year = $3) ORDER BY name, id`,
      [scopeOf(ctx), filters.status ?? null, filters.waveYear ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** The lead's changes to the record. The inhabitants figure changes only by amendment. */
  async update(ctx: RequestContext, pilotId: string, patch: UpdatePilotInput): Promise<Pilot> {
    await this.db.transaction(async (m) => {
      const rows = await m.query(
        `SELECT name, start_date AS "startDate", status, place, district, inhabitants_source AS "inhabitantsSource", experts
           FROM pilots WHERE id = $1 FOR UPDATE`,
        [pilotId],
      );
      const before = rows[0];
      if (!before) throw new PilotException(PilotErrorCode.PilotNotFound, 'Pilot not found');
      const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      if (after.status !== 'preparation' && !after.startDate) {
        throw new PilotException(
          PilotErrorCode.StartDateRequired,
          'A pilot that has started needs its convention start date',
          'startDate',
        );
      }
      if (after.startDate && after.startDate !== before.startDate) {
        const [early] = await m.query(`SELECT min(effective_date) AS d FROM pilot_amendments WHERE pilot_id = $1`, [
          pilotId,
        ]);
        if (early?.d && early.d < after.startDate) {
          throw new PilotException(
            PilotErrorCode.StartAfterAmendment,
            `An amendment takes effect on ${early.d}, before this start date`,
            'startDate',
          );
        }
      }
      await m.query(
        `UPDATE pilots SET name = $2, start_date = $3, status = $4, place = $5, district = $6, inhabitants_source = $7, experts = $8, updated_at = now()
          WHERE id = $1`,
        [
          pilotId,
          after.name,
          after.startDate,
          after.status,
          after.place,
          after.district,
          after.inhabitantsSource,
          JSON.stringify(after.experts),
        ],
      );
      await this.audit.record(m, ctx, {
        action: 'pilot.update',
        entity: 'pilot',
        entityId: pilotId,
        pilotId,
        ...changedFields(before, after),
      });
      if (after.startDate && !before.startDate) await this.startDateSet(ctx, pilotId, m);
    });
    return this.load(pilotId);
  }
}
