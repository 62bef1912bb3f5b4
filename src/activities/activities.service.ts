import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActorsService } from '../actors/actors.service';
import { AuditService, changedFields } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { todayInFrance } from '../common/codes';
import type { Page } from '../common/list-query.dto';
import { PilotsService } from '../pilots/pilots.service';
import type { PilotLife } from '../pilots/pilot-terms.query';
import { ActivityErrorCode, ActivityException } from './activities.exception';
import type {
  Activity,
  ActivityFigures,
  ActivityFilters,
  CreateActivityInput,
  PilotOverview,
  UpdateActivityInput,
} from './activities.types';
import { ActivityFiguresService } from './activity-figures.service';
import { ActivityPhotosService, ReportPhoto } from './activity-photos.service';
import { ActivityReadsService } from './activity-reads.service';

export type { ActivityFigures } from './activities.types';
export type { ReportPhoto } from './activity-photos.service';

/** A volunteer gives at most a day to one activity: more hours than 24 per volunteer is a typing error. */
export const MAX_HOURS_PER_VOLUNTEER = 24;

/**
 * Activities logged on the ground by the coordinator: the writes (one transaction each), and the one door other
 * features read through (reads and figures live in their own services).
 */
@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
    private readonly actors: ActorsService,
    private readonly reads: ActivityReadsService,
    private readonly figuresService: ActivityFiguresService,
    private readonly photos: ActivityPhotosService,
  ) {}

  get(pilotId: string, activityId: string, m?: EntityManager): Promise<Activity> {
    return this.reads.get(pilotId, activityId, m);
  }

  /** Newest first; filters by period, policy and type. */
  list(pilotId: string, filters: ActivityFilters = {}): Promise<Page<Activity>> {
    return this.reads.list(pilotId, filters);
  }

  /** Key figures of a date range (inclusive), as the overview, the autonomy indicators and the reports use them. */
  figures(pilotId: string, range: { from: string; to: string }, m?: EntityManager): Promise<ActivityFigures> {
    return this.figuresService.figures(pilotId, range, m);
  }

  /** The photos a report prints: up to `limit` of the range's activities, newest first, as bounded thumbnails. */
  reportPhotos(pilotId: string, range: { from: string; to: string }, limit: number): Promise<ReportPhoto[]> {
    return this.photos.forReport(pilotId, range, limit);
  }

  /** The pilot's overview page: the current project year, each year, the whole life, and the chart series. */
  overview(pilotId: string): Promise<PilotOverview> {
    return this.figuresService.overview(pilotId);
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
      const life = await this.pilots.lifeForWrite(pilotId, tx);
      // « terminé »: the dynamic stopped, nothing new is logged; « autonome »: it goes on without Smicval's funds.
      if (life.status === 'ended')
        throw new ActivityException(
          ActivityErrorCode.PilotEnded,
          'The pilot was closed as ended: it no longer accepts new activities',
        );
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
}

/** The fields actually sent (a DTO instance has every declared field, unset ones undefined). */
function defined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What the audit trail keeps of an activity. */
function snapshot(a: Activity): Record<string, unknown> {
  const {
    id: _i,
    pilotId: _p,
    actors: _a,
    projectYear: _y,
    photos: _f,
    createdAt: _c,
    updatedAt: _u,
    createdBy: _b,
    ...rest
  } = a;
  return rest;
}
