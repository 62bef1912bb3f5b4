import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { ActorErrorCode, ActorException } from './actors.exception';
import { assertActorsOfPilot, iso, isUniqueViolation, LINK_SELECT } from './actors.queries';
import type { ActorLink, CreateActorLinkInput } from './actors.types';

/** Who works with whom: links between two actors of a pilot, one per nature and direction. */
@Injectable()
export class ActorLinksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async createLink(ctx: RequestContext, pilotId: string, input: CreateActorLinkInput): Promise<ActorLink> {
    if (input.fromActorId === input.toActorId)
      throw new ActorException(ActorErrorCode.SelfLink, 'An actor cannot be linked to itself', 'toActorId');
    try {
      return await this.db.transaction(async (m) => {
        await assertActorsOfPilot(m, pilotId, [input.fromActorId], 'fromActorId');
        await assertActorsOfPilot(m, pilotId, [input.toActorId], 'toActorId');
        const [row] = await m.query(
          `INSERT INTO actor_links (pilot_id, from_actor_id, to_actor_id, nature, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [pilotId, input.fromActorId, input.toActorId, input.nature, ctx.user?.id ?? null],
        );
        await this.audit.record(m, ctx, {
          action: 'actor_link.create',
          entity: 'actor_link',
          entityId: row.id,
          pilotId,
          after: { ...input },
        });
        const [link] = await m.query(`${LINK_SELECT} WHERE l.id = $1`, [row.id]);
        return iso(link);
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ActorException(
          ActorErrorCode.LinkExists,
          'These two actors already have a link of this nature',
          'nature',
        );
      throw e;
    }
  }

  async listLinks(pilotId: string, m: EntityManager = this.db.manager): Promise<ActorLink[]> {
    const rows = await m.query(
      `${LINK_SELECT} WHERE l.pilot_id = $1 ORDER BY lower(f.name), lower(t.name), l.created_at`,
      [pilotId],
    );
    return rows.map(iso);
  }

  async deleteLink(ctx: RequestContext, pilotId: string, linkId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const [rows] = await m.query(
        `DELETE FROM actor_links WHERE pilot_id = $1 AND id = $2 RETURNING from_actor_id AS "fromActorId", to_actor_id AS "toActorId", nature`,
        [pilotId, linkId],
      );
      if (rows.length === 0) throw new ActorException(ActorErrorCode.LinkNotFound, 'Link not found');
      await this.audit.record(m, ctx, {
        action: 'actor_link.delete',
        entity: 'actor_link',
        entityId: linkId,
        pilotId,
        before: rows[0],
      });
    });
  }
}
