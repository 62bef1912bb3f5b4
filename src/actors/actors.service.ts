import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { CommonException } from '../common/errors/app.exception';
import { ACTOR_TYPES, CONTRIBUTION_KINDS, todayInFrance } from '../common/codes';
import { loadPilotLife } from '../pilots/pilot-terms.query';
import { projectYearOf } from '../pilots/pilot-terms';
import type { PilotActorsWriter } from '../pilots/pilot-actors';
import { ActorErrorCode, ActorException } from './actors.exception';
import { ActorLinksService } from './actor-links.service';
import { ACTOR_SELECT, assertActorsOfPilot, CONTRIBUTION_SELECT, iso, isUniqueViolation } from './actors.queries';
import type {
  Actor,
  ActorNetwork,
  Contribution,
  ContributionFigures,
  ContributionFilters,
  CreateActorInput,
  CreateContributionInput,
  PublicActor,
  UpdateActorInput,
} from './actors.types';

/** A pilot's actors, what they contribute and who works with whom. */
@Injectable()
export class ActorsService implements PilotActorsWriter {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly links: ActorLinksService,
  ) {}

  private tx<T>(m: EntityManager | undefined, run: (tx: EntityManager) => Promise<T>): Promise<T> {
    return m ? run(m) : this.db.transaction(run);
  }

  async list(pilotId: string, m: EntityManager = this.db.manager): Promise<Actor[]> {
    const rows = await m.query(`${ACTOR_SELECT} WHERE a.pilot_id = $1 ORDER BY lower(a.name), a.id`, [pilotId]);
    return rows.map(iso);
  }

  async get(pilotId: string, actorId: string, m: EntityManager = this.db.manager): Promise<Actor> {
    const rows = await m.query(`${ACTOR_SELECT} WHERE a.pilot_id = $1 AND a.id = $2`, [pilotId, actorId]);
    if (!rows[0]) throw new ActorException(ActorErrorCode.ActorNotFound, 'Actor not found');
    return iso(rows[0]);
  }

  async create(ctx: RequestContext, pilotId: string, input: CreateActorInput, m?: EntityManager): Promise<Actor> {
    return this.tx(m, async (tx) => {
      const id = await this.insertActor(ctx, tx, pilotId, input);
      return this.get(pilotId, id, tx);
    });
  }

  /**
   * Creates the actors listed at the pilot's creation (carried over from the candidature), in the caller's
   * transaction. Names repeated in the list (whatever the case) are created once.
   */
  async createMany(
    ctx: RequestContext,
    pilotId: string,
    actors: CreateActorInput[],
    m: EntityManager,
  ): Promise<string[]> {
    const seen = new Set<string>();
    const ids: string[] = [];
    for (const actor of actors) {
      const key = actor.name.trim().toLowerCase();
      if (!key || seen.has(key)) continue;
      seen.add(key);
      ids.push(await this.insertActor(ctx, m, pilotId, { ...actor, name: actor.name.trim() }));
    }
    return ids;
  }

  private async insertActor(
    ctx: RequestContext,
    m: EntityManager,
    pilotId: string,
    input: CreateActorInput,
  ): Promise<string> {
    if (!(ACTOR_TYPES as readonly string[]).includes(input.type)) {
      throw CommonException.validation([{ field: 'type', code: 'isIn', message: `Unknown actor type ${input.type}` }]);
    }
    const taken = await m.query(`SELECT 1 FROM actors WHERE pilot_id = $1 AND lower(name) = lower($2)`, [
      pilotId,
      input.name,
    ]);
    if (taken.length > 0)
      throw new ActorException(
        ActorErrorCode.ActorExists,
        `The pilot already has an actor named “${input.name}”`,
        'name',
      );
    try {
      const [row] = await m.query(
        `INSERT INTO actors (pilot_id, name, type, contact, description, public_consent, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          pilotId,
          input.name,
          input.type,
          input.contact ?? null,
          input.description ?? null,
          input.publicConsent ?? false,
          ctx.user?.id ?? null,
        ],
      );
      await this.audit.record(m, ctx, {
        action: 'actor.create',
        entity: 'actor',
        entityId: row.id,
        pilotId,
        after: {
          name: input.name,
          type: input.type,
          contact: input.contact ?? null,
          description: input.description ?? null,
          publicConsent: input.publicConsent ?? false,
        },
      });
      return row.id;
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ActorException(
          ActorErrorCode.ActorExists,
          `The pilot already has an actor named “${input.name}”`,
          'name',
        );
      throw e;
    }
  }

  async update(ctx: RequestContext, pilotId: string, actorId: string, patch: UpdateActorInput): Promise<Actor> {
    try {
      return await this.db.transaction(async (m) => {
        const rows = await m.query(
          `SELECT name, type, contact, description, public_consent AS "publicConsent" FROM actors WHERE pilot_id = $1 AND id = $2 FOR UPDATE`,
          [pilotId, actorId],
        );
        const before = rows[0];
        if (!before) throw new ActorException(ActorErrorCode.ActorNotFound, 'Actor not found');
        const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
        if (after.name.toLowerCase() !== before.name.toLowerCase()) {
          const taken = await m.query(
            `SELECT 1 FROM actors WHERE pilot_id = $1 AND lower(name) = lower($2) AND id <> $3`,
            [pilotId, after.name, actorId],
          );
          if (taken.length > 0)
            throw new ActorException(
              ActorErrorCode.ActorExists,
              `The pilot already has an actor named “${after.name}”`,
              'name',
            );
        }
        await m.query(
          `UPDATE actors SET name = $3, type = $4, contact = $5, description = $6, public_consent = $7, updated_at = now() WHERE pilot_id = $1 AND id = $2`,
          [pilotId, actorId, after.name, after.type, after.contact, after.description, after.publicConsent],
        );
        await this.audit.record(m, ctx, {
          action: 'actor.update',
          entity: 'actor',
          entityId: actorId,
          pilotId,
          ...changedFields(before, after),
        });
        return this.get(pilotId, actorId, m);
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ActorException(ActorErrorCode.ActorExists, 'The pilot already has an actor with this name', 'name');
      throw e;
    }
  }

  /**
   * Refuses ids that are not this pilot's actors with 422 `unknown_actor`: an unknown id and another
   * pilot's actor get the same answer, so nothing leaks about other pilots.
   */
  async assertActorsOfPilot(
    pilotId: string,
    actorIds: string[],
    field = 'actorIds',
    m: EntityManager = this.db.manager,
  ): Promise<void> {
    await assertActorsOfPilot(m, pilotId, actorIds, field);
  }

  /** The actors that agreed to appear on the pilot's public page: their name and type only, nothing else. */
  async consenting(pilotId: string, m: EntityManager = this.db.manager): Promise<PublicActor[]> {
    return m.query(`SELECT name, type FROM actors WHERE pilot_id = $1 AND public_consent ORDER BY lower(name), id`, [
      pilotId,
    ]);
  }

  /** Names of some of the pilot's actors, for activity lists and exports. */
  async names(
    pilotId: string,
    m: EntityManager = this.db.manager,
  ): Promise<Map<string, { name: string; type: string }>> {
    const rows: { id: string; name: string; type: string }[] = await m.query(
      `SELECT id, name, type FROM actors WHERE pilot_id = $1`,
      [pilotId],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, type: r.type }]));
  }

  async createContribution(
    ctx: RequestContext,
    pilotId: string,
    input: CreateContributionInput,
    m?: EntityManager,
  ): Promise<Contribution> {
    if (!(CONTRIBUTION_KINDS as readonly string[]).includes(input.kind)) {
      throw CommonException.validation([
        { field: 'kind', code: 'isIn', message: `Unknown contribution kind ${input.kind}` },
      ]);
    }
    return this.tx(m, async (tx) => {
      await this.assertActorsOfPilot(pilotId, [input.actorId], 'actorId', tx);
      const life = await loadPilotLife(tx, pilotId);
      const current = Math.max(1, projectYearOf(life.startDate, todayInFrance()) ?? 1);
      const year = input.year ?? current;
      const maxYear = Math.max(life.operatingYears, current);
      if (year < 1 || year > maxYear) {
        throw new ActorException(
          ActorErrorCode.YearOutOfRange,
          `The project year must be between 1 and ${maxYear}`,
          'year',
        );
      }
      const [row] = await tx.query(
        `INSERT INTO contributions (pilot_id, actor_id, kind, description, value_cents, hours, year, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          pilotId,
          input.actorId,
          input.kind,
          input.description,
          input.valueCents ?? null,
          input.hours ?? null,
          year,
          ctx.user?.id ?? null,
        ],
      );
      await this.audit.record(tx, ctx, {
        action: 'contribution.create',
        entity: 'contribution',
        entityId: row.id,
        pilotId,
        after: {
          actorId: input.actorId,
          kind: input.kind,
          description: input.description,
          valueCents: input.valueCents ?? null,
          hours: input.hours ?? null,
          year,
        },
      });
      const [created] = await tx.query(`${CONTRIBUTION_SELECT} WHERE c.id = $1`, [row.id]);
      return iso(created);
    });
  }

  async listContributions(
    pilotId: string,
    filters: ContributionFilters = {},
    m: EntityManager = this.db.manager,
  ): Promise<Contribution[]> {
    const rows = await m.query(
      `${CONTRIBUTION_SELECT}
        WHERE c.pilot_id = $1 AND ($2::uuid IS NULL OR c.actor_id = $2) AND ($3::text IS NULL OR c.kind = $3) AND ($4::int IS NULL OR c.year = $4)
        ORDER BY c.year, lower(a.name), c.created_at, c.id`,
      [pilotId, filters.actorId ?? null, filters.kind ?? null, filters.year ?? null],
    );
    return rows.map(iso);
  }

  async deleteContribution(ctx: RequestContext, pilotId: string, contributionId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const [rows] = await m.query(
        `DELETE FROM contributions WHERE pilot_id = $1 AND id = $2 RETURNING actor_id AS "actorId", kind, description, value_cents AS "valueCents", hours::float8 AS hours, year`,
        [pilotId, contributionId],
      );
      if (rows.length === 0) throw new ActorException(ActorErrorCode.ContributionNotFound, 'Contribution not found');
      await this.audit.record(m, ctx, {
        action: 'contribution.delete',
        entity: 'contribution',
        entityId: contributionId,
        pilotId,
        before: rows[0],
      });
    });
  }

  /** Contributions filed under the given project years (null: all), and the actors that made them. */
  /**
   * Contribution figures (count, value, hours, contributing actors) for several sets of project years in one statement (null: every contribution, with or
   * without a year), so a page showing many periods does not query once per period.
   */
  async contributionFiguresForYearSets(
    pilotId: string,
    yearSets: (number[] | null)[],
    m: EntityManager = this.db.manager,
  ): Promise<ContributionFigures[]> {
    if (yearSets.length === 0) return [];
    const rows: (ContributionFigures & { i: number })[] = await m.query(
      `SELECT s.i::int AS i, count(c.id)::int AS contributions, COALESCE(sum(c.value_cents), 0)::bigint AS "valueCents",
              COALESCE(sum(c.hours), 0)::float8 AS hours,
              COALESCE(array_agg(DISTINCT c.actor_id::text) FILTER (WHERE c.actor_id IS NOT NULL), '{}') AS "actorIds"
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS s(years, i)
         LEFT JOIN contributions c ON c.pilot_id = $1
              AND (jsonb_typeof(s.years) = 'null' OR c.year IN (SELECT y::int FROM jsonb_array_elements_text(s.years) y))
        GROUP BY s.i ORDER BY s.i`,
      [pilotId, JSON.stringify(yearSets)],
    );
    return rows.map(({ i: _i, ...figures }) => figures);
  }

  /** Who contributes what and who is linked to whom: the actors with their totals, the links, totals per type and kind. */
  async network(pilotId: string): Promise<ActorNetwork> {
    const [nodes, links, byKind] = await Promise.all([
      this.list(pilotId),
      this.links.listLinks(pilotId),
      this.db.query(
        `SELECT kind, count(*)::int AS contributions, COALESCE(sum(value_cents), 0)::bigint AS "valueCents", COALESCE(sum(hours), 0)::float8 AS hours
           FROM contributions WHERE pilot_id = $1 GROUP BY kind ORDER BY kind`,
        [pilotId],
      ),
    ]);
    const byType = ACTOR_TYPES.map((type) => {
      const of = nodes.filter((n) => n.type === type);
      return {
        type,
        actors: of.length,
        contributions: of.reduce((s, n) => s + n.contributions, 0),
        valueCents: of.reduce((s, n) => s + n.contributionsValueCents, 0),
        hours: Math.round(of.reduce((s, n) => s + n.contributionHours, 0) * 100) / 100,
      };
    });
    return { nodes, links, byType, byKind };
  }
}
