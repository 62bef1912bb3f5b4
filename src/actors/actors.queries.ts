import type { EntityManager } from 'typeorm';
import { ActorErrorCode, ActorException } from './actors.exception';

/** The actors module's row reads, shared by its services: each SELECT with its totals, and the row → API mapping. */

export const ACTOR_SELECT = `
  SELECT a.id, a.pilot_id AS "pilotId", a.name, a.type, a.contact, a.description, a.public_consent AS "publicConsent", a.created_at AS "createdAt", a.updated_at AS "updatedAt",
         COALESCE(c.n, 0)::int AS contributions, COALESCE(c.value, 0)::bigint AS "contributionsValueCents",
         COALESCE(c.hours, 0)::float8 AS "contributionHours", COALESCE(c.kinds, '{}') AS kinds,
         (SELECT count(*)::int FROM actor_links l WHERE l.from_actor_id = a.id OR l.to_actor_id = a.id) AS links
    FROM actors a
    LEFT JOIN LATERAL (
      SELECT count(*) AS n, sum(value_cents) AS value, sum(hours) AS hours, array_agg(DISTINCT kind ORDER BY kind) AS kinds
        FROM contributions WHERE actor_id = a.id
    ) c ON true`;

export const CONTRIBUTION_SELECT = `
  SELECT c.id, c.pilot_id AS "pilotId", c.actor_id AS "actorId", a.name AS "actorName", a.type AS "actorType", c.kind, c.description,
         c.value_cents AS "valueCents", c.hours::float8 AS hours, c.year, c.created_at AS "createdAt"
    FROM contributions c JOIN actors a ON a.id = c.actor_id`;

export const LINK_SELECT = `
  SELECT l.id, l.pilot_id AS "pilotId", l.from_actor_id AS "fromActorId", f.name AS "fromActorName",
         l.to_actor_id AS "toActorId", t.name AS "toActorName", l.nature, l.created_at AS "createdAt"
    FROM actor_links l JOIN actors f ON f.id = l.from_actor_id JOIN actors t ON t.id = l.to_actor_id`;

export function iso<T extends { createdAt: Date | string; updatedAt?: Date | string }>(r: T): T {
  return {
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    ...(r.updatedAt ? { updatedAt: new Date(r.updatedAt).toISOString() } : {}),
  };
}

export const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/**
 * Refuses ids that are not this pilot's actors with 422 `unknown_actor`: an unknown id and another
 * pilot's actor get the same answer, so nothing leaks about other pilots.
 */
export async function assertActorsOfPilot(
  m: EntityManager,
  pilotId: string,
  actorIds: string[],
  field = 'actorIds',
): Promise<void> {
  const wanted = [...new Set(actorIds)];
  if (wanted.length === 0) return;
  const rows: { id: string }[] = await m.query(`SELECT id FROM actors WHERE pilot_id = $1 AND id = ANY($2::uuid[])`, [
    pilotId,
    wanted,
  ]);
  const found = new Set(rows.map((r) => r.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new ActorException(ActorErrorCode.UnknownActor, `Not an actor of this pilot: ${missing.join(', ')}`, field);
}
