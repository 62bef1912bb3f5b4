import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActorsService } from '../actors/actors.service';
import { AuditService, changedFields } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { DIVERTED_STREAMS, todayInFrance } from '../common/codes';
import { decodeCursor, encodeCursor, Page } from '../common/list-query.dto';
import { addDays, projectYearOf, projectYearRange, projectYearsOverlapping } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import type { PilotLife } from '../pilots/pilot-terms.query';
import { ActivityErrorCode, ActivityException } from './activities.exception';
import type {
  Activity,
  ActivityFigures,
  ActivityFilters,
  CreateActivityInput,
  FiguresPeriod,
  PilotOverview,
  UpdateActivityInput,
} from './activities.types';

export type { ActivityFigures } from './activities.types';

/** A volunteer gives at most a day to one activity: more hours than 24 per volunteer is a typing error. */
export const MAX_HOURS_PER_VOLUNTEER = 24;

const ACTIVITY_SELECT = `
  SELECT a.id, a.pilot_id AS "pilotId", a.date, a.title, a.type, a.policies, a.participants, a.volunteers,
         a.volunteer_hours::float8 AS "volunteerHours", a.participation_level AS "participationLevel",
         a.diverted_reuse_kg::float8 AS reuse, a.diverted_repair_kg::float8 AS repair, a.diverted_compost_kg::float8 AS compost,
         a.diverted_recycling_kg::float8 AS recycling, a.diverted_other_kg::float8 AS other,
         a.notes, a.created_by AS "createdBy", a.created_at AS "createdAt", a.updated_at AS "updatedAt",
         extract(epoch FROM a.created_at)::text AS "createdKey",
         COALESCE((SELECT array_agg(aa.actor_id::text ORDER BY aa.actor_id) FROM activity_actors aa WHERE aa.activity_id = a.id), '{}') AS "actorIds"
    FROM activities a`;

type ActivityRow = Omit<Activity, 'divertedKg' | 'actors' | 'projectYear'> &
  Record<(typeof DIVERTED_STREAMS)[number], number> & { createdKey: string };

const round2 = (n: number) => Math.round(n * 100) / 100;

type Period = { from: string; to: string };

/** Activities logged on the ground by the coordinator, and the figures every other feature reads from them. */
@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
    private readonly actors: ActorsService,
  ) {}

  private async toActivities(
    pilotId: string,
    rows: ActivityRow[],
    startDate: string | null,
    m: EntityManager,
  ): Promise<Activity[]> {
    const names = rows.some((r) => r.actorIds.length > 0) ? await this.actors.names(pilotId, m) : new Map();
    return rows.map(({ reuse, repair, compost, recycling, other, createdKey: _k, ...r }) => ({
      ...r,
      divertedKg: {
        reuse,
        repair,
        compost,
        recycling,
        other,
        total: round2(reuse + repair + compost + recycling + other),
      },
      actors: r.actorIds.map((id) => ({ id, ...(names.get(id) ?? { name: '?', type: 'public' }) })),
      projectYear: projectYearOf(startDate, r.date),
      createdAt: new Date(r.createdAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
    }));
  }

  async get(pilotId: string, activityId: string, m: EntityManager = this.db.manager): Promise<Activity> {
    const rows: ActivityRow[] = await m.query(`${ACTIVITY_SELECT} WHERE a.pilot_id = $1 AND a.id = $2`, [
      pilotId,
      activityId,
    ]);
    if (!rows[0]) throw new ActivityException(ActivityErrorCode.ActivityNotFound, 'Activity not found');
    const life = await this.pilots.life(pilotId, m);
    return (await this.toActivities(pilotId, rows, life.startDate, m))[0];
  }

  /** The rules a logged activity must meet, whatever route it came by. */
  private check(life: PilotLife, a: { date: string; volunteers: number; volunteerHours: number }): void {
    if (a.date < life.lifeStart) {
      throw new ActivityException(
        ActivityErrorCode.DateBeforePilotLife,
        `The date is before the pilot's life: activities may be logged from ${life.lifeStart} (six months before the start of the convention or of the pilot)`,
        'date',
      );
    }
    const today = todayInFrance();
    if (a.date > today)
      throw new ActivityException(
        ActivityErrorCode.DateInFuture,
        `The date is in the future (today is ${today}): log an activity once it has happened`,
        'date',
      );
    if (a.volunteerHours > a.volunteers * MAX_HOURS_PER_VOLUNTEER) {
      throw new ActivityException(
        ActivityErrorCode.VolunteerHoursImplausible,
        a.volunteers === 0
          ? 'Volunteer hours need at least one volunteer'
          : `${a.volunteerHours} hours for ${a.volunteers} volunteer(s) is more than ${MAX_HOURS_PER_VOLUNTEER} h each`,
        'volunteerHours',
      );
    }
  }

  async create(ctx: RequestContext, pilotId: string, input: CreateActivityInput, m?: EntityManager): Promise<Activity> {
    const run = async (tx: EntityManager) => {
      const life = await this.pilots.life(pilotId, tx);
      const volunteers = input.volunteers ?? 0;
      const volunteerHours = input.volunteerHours ?? 0;
      this.check(life, { date: input.date, volunteers, volunteerHours });
      const actorIds = [...new Set(input.actorIds ?? [])];
      await this.actors.assertActorsOfPilot(pilotId, actorIds, 'actorIds', tx);
      const kg = { reuse: 0, repair: 0, compost: 0, recycling: 0, other: 0, ...defined(input.divertedKg) };
      const policies = [...new Set(input.policies?.length ? input.policies : ['waste_reduction'])];
      const [row] = await tx.query(
        `INSERT INTO activities (pilot_id, date, title, type, policies, participants, volunteers, volunteer_hours, participation_level,
                                 diverted_reuse_kg, diverted_repair_kg, diverted_compost_kg, diverted_recycling_kg, diverted_other_kg, notes, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
        [
          pilotId,
          input.date,
          input.title,
          input.type,
          policies,
          input.participants,
          volunteers,
          volunteerHours,
          input.participationLevel ?? null,
          kg.reuse,
          kg.repair,
          kg.compost,
          kg.recycling,
          kg.other,
          input.notes ?? null,
          ctx.user?.id ?? null,
        ],
      );
      await this.setActors(tx, pilotId, row.id, actorIds);
      const activity = await this.get(pilotId, row.id, tx);
      await this.audit.record(tx, ctx, {
        action: 'activity.create',
        entity: 'activity',
        entityId: row.id,
        pilotId,
        after: snapshot(activity),
      });
      return activity;
    };
    return m ? run(m) : this.db.transaction(run);
  }

  private async setActors(m: EntityManager, pilotId: string, activityId: string, actorIds: string[]): Promise<void> {
    await m.query(`DELETE FROM activity_actors WHERE activity_id = $1`, [activityId]);
    if (actorIds.length > 0) {
      await m.query(`INSERT INTO activity_actors (pilot_id, activity_id, actor_id) SELECT $1, $2, unnest($3::uuid[])`, [
        pilotId,
        activityId,
        actorIds,
      ]);
    }
  }

  async update(
    ctx: RequestContext,
    pilotId: string,
    activityId: string,
    patch: UpdateActivityInput,
  ): Promise<Activity> {
    return this.db.transaction(async (m) => {
      const locked = await m.query(`SELECT id FROM activities WHERE pilot_id = $1 AND id = $2 FOR UPDATE`, [
        pilotId,
        activityId,
      ]);
      if (locked.length === 0) throw new ActivityException(ActivityErrorCode.ActivityNotFound, 'Activity not found');
      const before = await this.get(pilotId, activityId, m);
      const life = await this.pilots.life(pilotId, m);
      const next = {
        date: patch.date ?? before.date,
        title: patch.title ?? before.title,
        type: patch.type ?? before.type,
        policies: patch.policies ? [...new Set(patch.policies)] : before.policies,
        participants: patch.participants ?? before.participants,
        volunteers: patch.volunteers ?? before.volunteers,
        volunteerHours: patch.volunteerHours ?? before.volunteerHours,
        participationLevel:
          patch.participationLevel !== undefined ? patch.participationLevel : before.participationLevel,
        divertedKg: { ...before.divertedKg, ...defined(patch.divertedKg) },
        notes: patch.notes !== undefined ? patch.notes : before.notes,
      };
      this.check(life, next);
      if (patch.actorIds) {
        const actorIds = [...new Set(patch.actorIds)];
        await this.actors.assertActorsOfPilot(pilotId, actorIds, 'actorIds', m);
        await this.setActors(m, pilotId, activityId, actorIds);
      }
      await m.query(
        `UPDATE activities SET date = $3, title = $4, type = $5, policies = $6, participants = $7, volunteers = $8, volunteer_hours = $9,
                participation_level = $10, diverted_reuse_kg = $11, diverted_repair_kg = $12, diverted_compost_kg = $13,
                diverted_recycling_kg = $14, diverted_other_kg = $15, notes = $16, updated_at = now()
          WHERE pilot_id = $1 AND id = $2`,
        [
          pilotId,
          activityId,
          next.date,
          next.title,
          next.type,
          next.policies,
          next.participants,
          next.volunteers,
          next.volunteerHours,
          next.participationLevel,
          next.divertedKg.reuse,
          next.divertedKg.repair,
          next.divertedKg.compost,
          next.divertedKg.recycling,
          next.divertedKg.other,
          next.notes,
        ],
      );
      const after = await this.get(pilotId, activityId, m);
      await this.audit.record(m, ctx, {
        action: 'activity.update',
        entity: 'activity',
        entityId: activityId,
        pilotId,
        ...changedFields(snapshot(before), snapshot(after)),
      });
      return after;
    });
  }

  async delete(ctx: RequestContext, pilotId: string, activityId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      // Lock first: of parallel deletes, one deletes and audits; the others wait, find no row and answer 404.
      await m.query(`SELECT 1 FROM activities WHERE pilot_id = $1 AND id = $2 FOR UPDATE`, [pilotId, activityId]);
      const before = await this.get(pilotId, activityId, m);
      await m.query(`DELETE FROM activities WHERE pilot_id = $1 AND id = $2`, [pilotId, activityId]);
      await this.audit.record(m, ctx, {
        action: 'activity.delete',
        entity: 'activity',
        entityId: activityId,
        pilotId,
        before: snapshot(before),
      });
    });
  }

  /** Newest first; filters by period, policy and type. */
  async list(pilotId: string, filters: ActivityFilters = {}): Promise<Page<Activity>> {
    const limit = filters.limit ?? 50;
    const after = decodeCursor(filters.cursor, ['date', 'number', 'uuid']);
    const rows: ActivityRow[] = await this.db.query(
      `${ACTIVITY_SELECT}
        WHERE a.pilot_id = $1
          AND ($2::date IS NULL OR a.date >= $2) AND ($3::date IS NULL OR a.date <= $3)
          AND ($4::text IS NULL OR $4 = ANY(a.policies)) AND ($5::text IS NULL OR a.type = $5)
          AND ($6::date IS NULL OR (a.date, extract(epoch FROM a.created_at), a.id) < ($6::date, $7::numeric, $8::uuid))
        ORDER BY a.date DESC, a.created_at DESC, a.id DESC
        LIMIT $9`,
      [
        pilotId,
        filters.from ?? null,
        filters.to ?? null,
        filters.policy ?? null,
        filters.type ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        after?.[2] ?? null,
        limit + 1,
      ],
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const life = await this.pilots.life(pilotId);
    const items = await this.toActivities(pilotId, page, life.startDate, this.db.manager);
    const last = page[page.length - 1];
    return { items, nextCursor: more && last ? encodeCursor([last.date, last.createdKey, last.id]) : null };
  }

  /** Key figures of a date range (inclusive), as the overview, the autonomy indicators and the reports use them. */
  async figures(
    pilotId: string,
    range: { from: string; to: string },
    m: EntityManager = this.db.manager,
  ): Promise<ActivityFigures> {
    return this.figuresOf(await this.pilots.life(pilotId, m), range, m);
  }

  private async figuresOf(
    life: PilotLife,
    range: Period,
    m: EntityManager = this.db.manager,
  ): Promise<ActivityFigures> {
    const [figures] = await this.figuresOfPeriods(life, [range], m);
    return figures;
  }

  /**
   * Key figures of several date ranges in a fixed number of statements, whatever the number of ranges: each
   * statement joins the ranges (unnest … WITH ORDINALITY) to the pilot's activities and groups by range.
   */
  private async figuresOfPeriods(
    life: PilotLife,
    ranges: Period[],
    m: EntityManager = this.db.manager,
  ): Promise<ActivityFigures[]> {
    const params = [life.pilotId, ranges.map((r) => r.from), ranges.map((r) => r.to)];
    const inRanges = `unnest($2::date[], $3::date[]) WITH ORDINALITY AS r(f, t, i) JOIN activities a ON a.pilot_id = $1 AND a.date BETWEEN r.f AND r.t`;
    type Count = { i: number; activities: number; participants: number };
    const [totals, byPolicy, byType, byMonth, actorRows, contributions] = await Promise.all([
      m.query(
        `SELECT r.i::int AS i, count(a.id)::int AS activities, COALESCE(sum(a.participants), 0)::int AS participants,
                COALESCE(sum(a.volunteers), 0)::int AS volunteers, COALESCE(sum(a.volunteer_hours), 0)::float8 AS "volunteerHours",
                COALESCE(sum(a.diverted_reuse_kg), 0)::float8 AS reuse, COALESCE(sum(a.diverted_repair_kg), 0)::float8 AS repair,
                COALESCE(sum(a.diverted_compost_kg), 0)::float8 AS compost, COALESCE(sum(a.diverted_recycling_kg), 0)::float8 AS recycling,
                COALESCE(sum(a.diverted_other_kg), 0)::float8 AS other
           FROM unnest($2::date[], $3::date[]) WITH ORDINALITY AS r(f, t, i)
           LEFT JOIN activities a ON a.pilot_id = $1 AND a.date BETWEEN r.f AND r.t
          GROUP BY r.i ORDER BY r.i`,
        params,
      ) as Promise<
        (Omit<Count, 'i'> & { i: number; volunteers: number; volunteerHours: number } & Record<
            'reuse' | 'repair' | 'compost' | 'recycling' | 'other',
            number
          >)[]
      >,
      m.query(
        `SELECT r.i::int AS i, p.policy, count(*)::int AS activities, COALESCE(sum(a.participants), 0)::int AS participants
           FROM ${inRanges} CROSS JOIN LATERAL unnest(a.policies) AS p(policy) GROUP BY r.i, p.policy ORDER BY r.i, p.policy`,
        params,
      ) as Promise<(Count & { policy: string })[]>,
      m.query(
        `SELECT r.i::int AS i, a.type, count(*)::int AS activities, COALESCE(sum(a.participants), 0)::int AS participants
           FROM ${inRanges} GROUP BY r.i, a.type ORDER BY r.i, a.type`,
        params,
      ) as Promise<(Count & { type: string })[]>,
      m.query(
        `SELECT r.i::int AS i, to_char(a.date, 'YYYY-MM') AS month, p.policy, count(*)::int AS activities, COALESCE(sum(a.participants), 0)::int AS participants
           FROM ${inRanges} CROSS JOIN LATERAL unnest(a.policies) AS p(policy) GROUP BY r.i, 2, 3 ORDER BY r.i, 2, 3`,
        params,
      ) as Promise<(Count & { month: string; policy: string })[]>,
      m.query(
        `SELECT DISTINCT r.i::int AS i, aa.actor_id::text AS id FROM ${inRanges} JOIN activity_actors aa ON aa.activity_id = a.id`,
        params,
      ) as Promise<{ i: number; id: string }[]>,
      this.actors.contributionFiguresForYearSets(
        life.pilotId,
        ranges.map((r) => projectYearsOverlapping(life.startDate, r.from, r.to)),
        m,
      ),
    ]);
    const of = <T extends { i: number }>(rows: T[], i: number): Omit<T, 'i'>[] =>
      rows.filter((r) => r.i === i).map(({ i: _i, ...rest }) => rest);
    return ranges.map((_, index) => {
      const i = index + 1;
      const t = totals.find((r) => r.i === i)!;
      const c = contributions[index];
      const active = new Set<string>([...c.actorIds, ...actorRows.filter((r) => r.i === i).map((r) => r.id)]);
      return {
        activities: t.activities,
        participants: t.participants,
        volunteers: t.volunteers,
        volunteerHours: round2(t.volunteerHours),
        divertedKg: {
          reuse: round2(t.reuse),
          repair: round2(t.repair),
          compost: round2(t.compost),
          recycling: round2(t.recycling),
          other: round2(t.other),
          total: round2(t.reuse + t.repair + t.compost + t.recycling + t.other),
        },
        byPolicy: of(byPolicy, i),
        byType: of(byType, i),
        byMonth: of(byMonth, i),
        activeActors: active.size,
        contributions: c.contributions,
        contributionsValueCents: c.valueCents,
        contributionHours: round2(c.hours),
      };
    });
  }

  /** The pilot's overview page: the current project year, each year, the whole life, and the chart series. */
  async overview(pilotId: string): Promise<PilotOverview> {
    const life = await this.pilots.life(pilotId);
    const today = todayInFrance();
    const currentProjectYear = projectYearOf(life.startDate, today);
    // The current period, the whole life, then each project year: figured together in one set of statements.
    const periods: { year: number | null; from: string; to: string }[] = [];
    if (!life.startDate) periods.push({ year: null, from: life.lifeStart, to: today });
    else if (currentProjectYear === 0) periods.push({ year: 0, from: life.lifeStart, to: addDays(life.startDate, -1) });
    else periods.push({ year: currentProjectYear, ...projectYearRange(life.startDate, currentProjectYear!) });
    periods.push({ year: null, from: life.lifeStart, to: today });
    if (life.startDate)
      for (let y = 1; y <= life.operatingYears; y++) periods.push({ year: y, ...projectYearRange(life.startDate, y) });
    const [figures, network, counts] = await Promise.all([
      this.figuresOfPeriods(life, periods),
      this.actors.network(pilotId),
      this.db.query(`SELECT count(*)::int AS activities FROM activities WHERE pilot_id = $1`, [pilotId]) as Promise<
        { activities: number }[]
      >,
    ]);
    const [cur, total, ...perYear]: FiguresPeriod[] = periods.map((p, i) => ({ ...p, figures: figures[i] }));
    return {
      pilotId,
      today,
      startDate: life.startDate,
      lifeStart: life.lifeStart,
      currentProjectYear,
      current: cur,
      years: perYear,
      total,
      charts: { byMonth: total.figures.byMonth, contributionsByActorType: network.byType },
      counts: {
        actors: network.nodes.length,
        links: network.links.length,
        contributions: network.nodes.reduce((s, n) => s + n.contributions, 0),
        activities: counts[0].activities,
      },
    };
  }
}

/** The fields actually sent (a DTO instance has every declared field, unset ones undefined). */
function defined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What the audit trail keeps of an activity. */
function snapshot(a: Activity): Record<string, unknown> {
  const { id: _i, pilotId: _p, actors: _a, projectYear: _y, createdAt: _c, updatedAt: _u, createdBy: _b, ...rest } = a;
  return rest;
}
