import type { EntityManager } from 'typeorm';
import type { PilotStatus } from '../common/codes';
import { IN_SCOPE, type Scope } from './home.queries';

/**
 * The global search's statements: each kind matched through search_fold (case and accents ignored; the trigram
 * indexes on the folded texts serve the LIKE), at most `limit` rows each, over the caller's scope. Read-only.
 */

/** `q` as a LIKE pattern (compared through search_fold: case and accents ignored); the user's % _ and \ are literal. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type PilotHit = { id: string; name: string; communes: string[]; status: PilotStatus; waveYear: number | null };

/** By name or by one of the communes: communes_fold (trigram-indexed) narrows the pilots, each name is then checked. */

export async function searchPilots(
  m: EntityManager,
  scope: Scope,
  pattern: string,
  limit: number,
): Promise<PilotHit[]> {
  return m.query(
    `SELECT p.id, p.name, ARRAY(SELECT c->>'name' FROM jsonb_array_elements(p.communes) c) AS communes, p.status, p.wave_year AS "waveYear"
       FROM pilots p
      WHERE ${IN_SCOPE('p.id')}
        AND (search_fold(p.name) LIKE search_fold($2)
             OR (communes_fold(p.communes) LIKE search_fold($2)
                 AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.communes) c WHERE search_fold(c->>'name') LIKE search_fold($2))))
      ORDER BY p.name, p.id LIMIT $3`,
    [scope, pattern, limit],
  );
}

export type ActorHit = { id: string; name: string; type: string; pilotId: string; pilotName: string };

export async function searchActors(
  m: EntityManager,
  scope: Scope,
  pattern: string,
  limit: number,
): Promise<ActorHit[]> {
  return m.query(
    `SELECT a.id, a.name, a.type, a.pilot_id AS "pilotId", p.name AS "pilotName"
       FROM actors a JOIN pilots p ON p.id = a.pilot_id
      WHERE ${IN_SCOPE('a.pilot_id')} AND search_fold(a.name) LIKE search_fold($2)
      ORDER BY a.name, a.id LIMIT $3`,
    [scope, pattern, limit],
  );
}

export type ActivityHit = { id: string; title: string; date: string; type: string; pilotId: string; pilotName: string };

const ACTIVITY_HIT = `a.id, a.title, a.date, a.type, a.pilot_id AS "pilotId", p.name AS "pilotName"`;

/** How many of the newest activities in scope a search reads first, newest first, before it turns to the index. */
export const SEARCH_NEWEST_WALK = 20_000;

/**
 * The newest matching activities, as `… WHERE title_folded LIKE search_fold($2) ORDER BY date DESC, id LIMIT $3`
 * answers. title_folded is search_fold(title), kept by a trigger: folded once at each write, so reading a title
 * costs a plain LIKE. Two steps, each keeping that answer:
 * 1. The `walk` newest activities in scope, read from activities_newest_idx alone (date DESC, id, with the folded
 *    title) and stopped at the `limit`-th match: any phrase in more than one title in 2 000 is answered there at any size of the table (its
 *    matches are as common among the newest as anywhere). Every other activity comes after them in the answer's
 *    order, so `limit` matches among them are the answer.
 * 2. Otherwise every match in scope, found through the trigram index (a rare phrase: few of them), sorted. Not left
 *    to the planner: it would walk the dates again, without end when the matches are all old. On a scope of fewer
 *    than `walk` activities this finds the walk's matches again, cheaply: no count of the scope is made to skip it.
 */
export async function searchActivities(
  m: EntityManager,
  scope: Scope,
  pattern: string,
  limit: number,
  walk = SEARCH_NEWEST_WALK,
): Promise<ActivityHit[]> {
  const newest: ActivityHit[] = await m.query(
    `WITH hits AS MATERIALIZED (
       SELECT w.id FROM (SELECT a.id, a.date, a.title_folded FROM activities a
                          WHERE ${IN_SCOPE('a.pilot_id')} ORDER BY a.date DESC, a.id LIMIT $4) w
        WHERE w.title_folded LIKE search_fold($2)
        ORDER BY w.date DESC, w.id LIMIT $3)
     SELECT ${ACTIVITY_HIT} FROM hits h JOIN activities a ON a.id = h.id JOIN pilots p ON p.id = a.pilot_id
      ORDER BY a.date DESC, a.id`,
    [scope, pattern, limit, walk],
  );
  if (newest.length >= limit) return newest;
  // The matches' ids and dates straight from the trigram index's bitmap scan, the newest `limit` of them kept, then
  // their rows. Reading `type`, which activities_newest_idx does not carry, keeps the planner off an index-only scan
  // of that whole index (it rates one cheaper than the bitmap for a common phrase; it is ten times slower).
  return m.query(
    `WITH matches AS MATERIALIZED (
       SELECT a.id, a.date, a.type FROM activities a
        WHERE ${IN_SCOPE('a.pilot_id')} AND a.title_folded LIKE search_fold($2)
     ), newest AS MATERIALIZED (
       SELECT id FROM matches ORDER BY date DESC, id LIMIT $3)
     SELECT ${ACTIVITY_HIT}
       FROM newest n JOIN activities a ON a.id = n.id JOIN pilots p ON p.id = a.pilot_id
      ORDER BY a.date DESC, a.id`,
    [scope, pattern, limit],
  );
}

export type CandidatureHit = {
  id: string;
  communes: string[];
  status: string;
  inhabitants: number;
  callId: string;
  callTitle: string;
};

/** Candidatures are read by the lead and the committee, on every call: no pilot scope applies. */
export async function searchCandidatures(m: EntityManager, pattern: string, limit: number): Promise<CandidatureHit[]> {
  return m.query(
    `SELECT k.id, ARRAY(SELECT c->>'name' FROM jsonb_array_elements(k.communes) c) AS communes, k.status, k.inhabitants,
            k.call_id AS "callId", cl.title AS "callTitle"
       FROM candidatures k JOIN calls cl ON cl.id = k.call_id
      WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(k.communes) c WHERE search_fold(c->>'name') LIKE search_fold($1))
      ORDER BY k.created_at DESC, k.id LIMIT $2`,
    [pattern, limit],
  );
}

export type ReportHit = {
  id: string;
  title: string;
  kind: 'pilot' | 'wave' | 'final';
  pilotId: string | null;
  callId: string | null;
  year: number | null;
  audience: string;
  version: number;
  status: string;
  issuedAt: Date | null;
};

/**
 * Reports by their title, composed as the rendered report's header (audience title — pilot — year, final report's
 * title — pilot, or wave title — call). Pilot and final reports follow the pilot scope; wave reports are the lead's
 * only.
 */
export async function searchReports(
  m: EntityManager,
  scope: Scope,
  pattern: string,
  limit: number,
  titles: { pilot: Record<string, string>; wave: Record<string, string>; final: Record<string, string> },
): Promise<ReportHit[]> {
  return m.query(
    `SELECT x.id, x.kind, x."pilotId", x."callId", x.year, x.audience, x.version, x.status, x."issuedAt", x.title FROM (
       SELECT r.id, r.kind, r.pilot_id AS "pilotId", r.call_id AS "callId", r.year, r.audience, r.version, r.status, r.issued_at AS "issuedAt",
              CASE WHEN r.kind = 'pilot' THEN ($4::jsonb->>r.audience) || ' — ' || p.name || ' — année ' || r.year
                   WHEN r.kind = 'final' THEN ($6::jsonb->>r.audience) || ' — ' || p.name
                   ELSE ($5::jsonb->>r.audience) || ' — ' || COALESCE(c.title, '') END AS title,
              r.created_at
         FROM reports r
         LEFT JOIN pilots p ON p.id = r.pilot_id
         LEFT JOIN calls c ON c.id = r.call_id
        WHERE (r.kind IN ('pilot', 'final') AND ${IN_SCOPE('r.pilot_id')}) OR (r.kind = 'wave' AND $1::uuid[] IS NULL)) x
      WHERE search_fold(x.title) LIKE search_fold($2)
      ORDER BY x.created_at DESC, x.id LIMIT $3`,
    [scope, pattern, limit, JSON.stringify(titles.pilot), JSON.stringify(titles.wave), JSON.stringify(titles.final)],
  );
}
