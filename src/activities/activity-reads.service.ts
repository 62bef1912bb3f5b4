import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActorsService } from '../actors/actors.service';
import { DIVERTED_STREAMS } from '../common/codes';
import { decodeCursor, encodeCursor, Page } from '../common/list-query.dto';
import { projectYearOf } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import { ActivityErrorCode, ActivityException } from './activities.exception';
import type { Activity, ActivityFilters } from './activities.types';
import { ActivityPhotosService } from './activity-photos.service';
import { isoUtc } from '../common/sql-iso';

// A page's rows are read as they are sent, with little for the driver to parse: the arrays as JSON (read with
// JSON.parse, where PostgreSQL's array text was parsed a character at a time) and the timestamps as ISO text
// (no Date to build and print again). Under 50 concurrent lists that parsing was a third of what each request
// allocated; the more a request allocates, the more young-generation collections fall while requests are still
// under way, and what they hold then is promoted to the old space.
const ACTIVITY_SELECT = `
  SELECT a.id, a.pilot_id AS "pilotId", a.date, a.title, a.type, to_json(a.policies) AS policies, a.participants, a.volunteers,
         a.volunteer_hours::float8 AS "volunteerHours", a.participation_level AS "participationLevel",
         a.diverted_reuse_kg::float8 AS reuse, a.diverted_repair_kg::float8 AS repair, a.diverted_compost_kg::float8 AS compost,
         a.diverted_recycling_kg::float8 AS recycling, a.diverted_other_kg::float8 AS other,
         a.notes, a.created_by AS "createdBy",
         ${isoUtc('a.created_at')} AS "createdAt",
         ${isoUtc('a.updated_at')} AS "updatedAt",
         extract(epoch FROM a.created_at)::text AS "createdKey",
         COALESCE((SELECT json_agg(aa.actor_id ORDER BY aa.actor_id) FROM activity_actors aa WHERE aa.activity_id = a.id), '[]') AS "actorIds"
    FROM activities a`;

type ActivityRow = Omit<Activity, 'divertedKg' | 'actors' | 'projectYear' | 'photos'> &
  Record<(typeof DIVERTED_STREAMS)[number], number> & { createdKey: string };

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Reading activities: one, or a page with its actors' names and its photos in a fixed number of statements. */
@Injectable()
export class ActivityReadsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pilots: PilotsService,
    private readonly actors: ActorsService,
    private readonly photos: ActivityPhotosService,
  ) {}

  private async toActivities(
    pilotId: string,
    rows: ActivityRow[],
    startDate: string | null,
    m: EntityManager,
  ): Promise<Activity[]> {
    const [names, photos] = await Promise.all([
      rows.some((r) => r.actorIds.length > 0) ? this.actors.names(pilotId, m) : new Map(),
      this.photos.refsOf(
        pilotId,
        rows.map((r) => r.id),
        m,
      ),
    ]);
    const unknown = { name: '?', type: 'public' as const };
    // Each activity built field by field, in the order of its JSON: no intermediate copies of the row.
    return rows.map((r) => {
      const { reuse, repair, compost, recycling, other } = r;
      return {
        id: r.id,
        pilotId: r.pilotId,
        date: r.date,
        title: r.title,
        type: r.type,
        policies: r.policies,
        participants: r.participants,
        volunteers: r.volunteers,
        volunteerHours: r.volunteerHours,
        participationLevel: r.participationLevel,
        notes: r.notes,
        createdBy: r.createdBy,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        actorIds: r.actorIds,
        divertedKg: {
          reuse,
          repair,
          compost,
          recycling,
          other,
          total: round2(reuse + repair + compost + recycling + other),
        },
        actors: r.actorIds.map((id) => {
          const n = names.get(id) ?? unknown;
          return { id, name: n.name, type: n.type };
        }),
        projectYear: projectYearOf(startDate, r.date),
        photos: photos.get(r.id) ?? [],
      };
    });
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
}
