import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActorsService } from '../actors/actors.service';
import { todayInFrance } from '../common/codes';
import { addDays, projectYearOf, projectYearRange, projectYearsOverlapping } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import type { PilotLife } from '../pilots/pilot-terms.query';
import type { ActivityFigures, FiguresPeriod, PilotOverview } from './activities.types';

const round2 = (n: number) => Math.round(n * 100) / 100;

type Period = { from: string; to: string };

/** The figures every other feature reads from the activities, and the pilot's overview page. */
@Injectable()
export class ActivityFiguresService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pilots: PilotsService,
    private readonly actors: ActorsService,
  ) {}

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
