import type { EntityManager } from 'typeorm';

/** Where the throttling counters live: a DataSource or, to count only what commits, a transaction's manager. */
type Sql = Pick<EntityManager, 'query'>;

export type Reservation = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Fixed window: reserves one of `limit` places for `key` in the current window of `windowSeconds`.
 * One upsert under the row's lock, so parallel requests and several processes never overshoot; run in
 * a transaction, the place is given back if the transaction rolls back.
 */
export async function reserveInWindow(
  sql: Sql,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<Reservation> {
  const rows: { count: number }[] = await sql.query(
    `INSERT INTO throttle_counters AS t (key, count, window_start, last_at) VALUES ($1, 1, now(), now())
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN t.window_start <= now() - $2 * interval '1 second' THEN 1 ELSE t.count + 1 END,
       window_start = CASE WHEN t.window_start <= now() - $2 * interval '1 second' THEN now() ELSE t.window_start END,
       last_at = now()
     WHERE t.window_start <= now() - $2 * interval '1 second' OR t.count < $3
     RETURNING count`,
    [key, windowSeconds, limit],
  );
  if (rows.length > 0) return { allowed: true };
  const [row]: { retry: number }[] = await sql.query(
    `SELECT GREATEST(1, ceil(extract(epoch FROM window_start + $2 * interval '1 second' - now())))::int AS retry FROM throttle_counters WHERE key = $1`,
    [key, windowSeconds],
  );
  return { allowed: false, retryAfterSeconds: row?.retry ?? windowSeconds };
}

/**
 * Exponential delay: the first `free` attempts pass at once; after that each attempt must wait
 * 2^(n − free) seconds after the previous one (at most `maxDelaySeconds`). Nothing locks the key for
 * good: whoever waits gets one more try. The counter starts over after `maxDelaySeconds` of quiet.
 */
export async function reserveWithBackoff(
  sql: Sql,
  key: string,
  free: number,
  maxDelaySeconds: number,
): Promise<Reservation> {
  const delay = `LEAST(power(2, GREATEST(t.count - $2 + 1, 0)), $3) * interval '1 second'`;
  const rows: { count: number }[] = await sql.query(
    `INSERT INTO throttle_counters AS t (key, count, window_start, last_at) VALUES ($1, 1, now(), now())
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN t.last_at <= now() - $3 * interval '1 second' THEN 1 ELSE t.count + 1 END,
       last_at = now()
     WHERE t.count < $2 OR t.last_at <= now() - $3 * interval '1 second' OR t.last_at + ${delay} <= now()
     RETURNING count`,
    [key, free, maxDelaySeconds],
  );
  if (rows.length > 0) return { allowed: true };
  const [row]: { retry: number }[] = await sql.query(
    `SELECT GREATEST(1, ceil(extract(epoch FROM t.last_at + ${delay} - now())))::int AS retry FROM throttle_counters t WHERE key = $1`,
    [key, free, maxDelaySeconds],
  );
  return { allowed: false, retryAfterSeconds: row?.retry ?? maxDelaySeconds };
}

/** Gives back a place reserved for an attempt that turned out fine (a successful sign-in is not a failure). */
export async function release(sql: Sql, key: string): Promise<void> {
  await sql.query(`UPDATE throttle_counters SET count = GREATEST(count - 1, 0) WHERE key = $1`, [key]);
}

/** Forgets a key (the account's failures once its owner signs in). */
export async function reset(sql: Sql, key: string): Promise<void> {
  await sql.query(`DELETE FROM throttle_counters WHERE key = $1`, [key]);
}

/** Drops counters nobody touched for `olderThanSeconds` (daily housekeeping). */
export async function purgeCounters(sql: Sql, olderThanSeconds: number): Promise<number> {
  const [, n]: [unknown, number] = await sql.query(
    `DELETE FROM throttle_counters WHERE last_at < now() - $1 * interval '1 second'`,
    [olderThanSeconds],
  );
  return n;
}
