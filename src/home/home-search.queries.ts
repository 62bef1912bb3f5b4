import type { EntityManager } from 'typeorm';
import type { PilotStatus } from '../common/codes';
import { IN_SCOPE, type Scope } from './home.queries';

/**
 * The global search's statements: each kind matched through search_fold (case and accents ignored; the trigram
 * indexes on search_fold serve the LIKE), at most `limit` rows each, over the caller's scope. Read-only.
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

/** How many of the newest activities in scope a search reads title by title first (the common phrase's way). */
export const SEARCH_NEWEST_WALK = 1_000;
/** How many of the newest activities a search then looks among through the trigram index, before it sorts every match. */
export const SEARCH_NEWEST_WINDOW = 50_000;

const ACTIVITY_HIT = `a.id, a.title, a.date, a.type, a.pilot_id AS "pilotId", p.name AS "pilotName"`;
const MATCHES = (alias: string) => `search_fold(${alias}.title) LIKE search_fold($2)`;

/**
 * The newest matching activities, as `… WHERE search_fold(title) LIKE search_fold($2) ORDER BY date DESC, id LIMIT $3`
 * answers, without sorting every match of a common phrase. Every step keeps that answer, whatever it finds:
 * 1. The `walk` newest activities in scope, read newest first from activities_date_id_idx (date DESC, id), titles
 *    folded one by one, stopping at the `limit`-th match: a phrase common among recent activities is answered
 *    there (one statement, no trigram index). Every other activity comes after them in the answer's order, so
 *    `limit` matches among them are the answer; so are fewer when the scope holds fewer than `walk` activities
 *    (a coordinator's pilot, often).
 * 2. Otherwise, one statement: the date of the `window`-th newest activity in scope (an index-only sub-select on
 *    the same index); the matches dated that day or later, the trigram index and that date range combined as
 *    bitmaps (`BitmapAnd`) so only those rows are fetched, then sorted; `limit` of them or more are the answer for
 *    the same reason. Else (a rare phrase, or a scope of fewer than `window` activities) every match is sorted.
 */
export async function searchActivities(
  m: EntityManager,
  scope: Scope,
  pattern: string,
  limit: number,
  { walk = SEARCH_NEWEST_WALK, window = SEARCH_NEWEST_WINDOW }: { walk?: number; window?: number } = {},
): Promise<ActivityHit[]> {
  // The matches, and one more row when they are fewer than `limit`: the number of activities in scope, counted up to
  // `walk` + 1, which says whether the walk saw the whole scope. The rows are told apart by "inScope", not by order.
  const walked: (ActivityHit & { inScope: number | null })[] = await m.query(
    `WITH hits AS MATERIALIZED (
       SELECT ${ACTIVITY_HIT}
         FROM (SELECT a.id, a.title, a.date, a.type, a.pilot_id FROM activities a WHERE ${IN_SCOPE('a.pilot_id')}
                ORDER BY a.date DESC, a.id LIMIT $4) a
         JOIN pilots p ON p.id = a.pilot_id
        WHERE ${MATCHES('a')}
        ORDER BY a.date DESC, a.id LIMIT $3)
     SELECT *, NULL::int AS "inScope" FROM hits
     UNION ALL
     SELECT NULL, NULL, NULL, NULL, NULL, NULL,
            (SELECT count(*) FROM (SELECT 1 FROM activities a WHERE ${IN_SCOPE('a.pilot_id')} LIMIT $4 + 1) x)::int
      WHERE (SELECT count(*) FROM hits) < $3`,
    [scope, pattern, limit, walk],
  );
  const newest = walked.filter((r) => r.inScope === null).map(({ inScope: _n, ...hit }) => hit);
  if (newest.length >= limit) return newest;
  const inScope = walked.find((r) => r.inScope !== null)!.inScope!;
  if (inScope <= walk) return newest;
  // The edge date is a run-time sub-select: its unknown value with the upper bound makes a range the planner
  // estimates as narrow (0.5 %), so it combines the date and trigram bitmaps instead of fetching every match.
  return m.query(
    `WITH recent AS MATERIALIZED (
       SELECT a.id, a.date FROM activities a
        WHERE a.date >= (SELECT e.date FROM activities e WHERE ${IN_SCOPE('e.pilot_id')} ORDER BY e.date DESC OFFSET $4 LIMIT 1)
          AND a.date <= 'infinity'::date
          AND ${IN_SCOPE('a.pilot_id')} AND ${MATCHES('a')}
     ), newest AS MATERIALIZED (
       SELECT id, date FROM recent ORDER BY date DESC, id LIMIT $3
     ), hits AS (
       SELECT id, date FROM newest WHERE (SELECT count(*) FROM newest) >= $3
       UNION ALL
       (SELECT a.id, a.date FROM activities a
         WHERE (SELECT count(*) FROM newest) < $3 AND ${IN_SCOPE('a.pilot_id')} AND ${MATCHES('a')}
         ORDER BY a.date DESC, a.id LIMIT $3)
     )
     SELECT ${ACTIVITY_HIT}
       FROM hits h JOIN activities a ON a.id = h.id JOIN pilots p ON p.id = a.pilot_id
      ORDER BY a.date DESC, a.id`,
    [scope, pattern, limit, window - 1],
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
