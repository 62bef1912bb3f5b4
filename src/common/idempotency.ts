import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { canonicalJson } from './canonical-json';

/**
 * `Idempotency-Key` handling shared by the routes that accept one (the ledger's writes, logging an activity).
 * Each feature keeps the keys in a table of its own, shaped like `ledger_idempotency_keys`:
 * `(user_id, key)` primary key, `request_hash`, `status`, `response` jsonb, the id of what was written, `created_at`.
 */

/** 1 to 200 visible ASCII characters (a UUID from `crypto.randomUUID()` is the usual one). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** How long a key is remembered: a client retries within minutes, an offline phone within days; a month is ample. */
export const IDEMPOTENCY_KEY_DAYS = 30;

export function isIdempotencyKey(raw: unknown): raw is string {
  return typeof raw === 'string' && IDEMPOTENCY_KEY_PATTERN.test(raw);
}

/** The sha256 of a request's canonical JSON: the same body in any key order gives the same hash. */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export type IdempotencyTable = {
  /** The table's name, e.g. `ledger_idempotency_keys`. */
  table: string;
  /** The column holding the id of what the first request wrote, e.g. `entry_id`. */
  idColumn: string;
};

const IDENTIFIER = /^[a-z_]+$/;

function checked({ table, idColumn }: IdempotencyTable): IdempotencyTable {
  if (!IDENTIFIER.test(table) || !IDENTIFIER.test(idColumn)) throw new Error(`Bad idempotency table ${table}`);
  return { table, idColumn };
}

/**
 * Claims a key inside the caller's transaction, before anything is written. A concurrent request with the same
 * key waits on the primary key until the first transaction ends, then reads its stored response.
 * Returns `{ claimed: true }` for a new key; `{ claimed: false, response }` with the first response for a retry
 * with the same body; calls `reused()` (which throws the feature's exception) for another body, or a key whose
 * first request left no response.
 */
export async function claimIdempotencyKey<T>(
  m: EntityManager,
  where: IdempotencyTable,
  userId: string,
  key: string,
  hash: string,
  reused: () => Error,
): Promise<{ claimed: true } | { claimed: false; response: T }> {
  const { table } = checked(where);
  const claimed: unknown[] = await m.query(
    `INSERT INTO ${table} (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [userId, key, hash],
  );
  if (claimed.length > 0) return { claimed: true };
  const [prior]: { requestHash: string; response: T | null }[] = await m.query(
    `SELECT request_hash AS "requestHash", response FROM ${table} WHERE user_id = $1 AND key = $2`,
    [userId, key],
  );
  if (!prior || prior.requestHash !== hash || !prior.response) throw reused();
  return { claimed: false, response: prior.response };
}

/** Stores the first response of a claimed key (same transaction as the write), for its retries to replay. */
export async function storeIdempotentResponse(
  m: EntityManager,
  where: IdempotencyTable,
  userId: string,
  key: string,
  status: number,
  response: unknown,
  id: string,
): Promise<void> {
  const { table, idColumn } = checked(where);
  await m.query(`UPDATE ${table} SET status = $3, response = $4, ${idColumn} = $5 WHERE user_id = $1 AND key = $2`, [
    userId,
    key,
    status,
    JSON.stringify(response),
    id,
  ]);
}

/** Forgets the keys older than `days`; what they wrote stays, only the replay of the first answer goes. */
export async function purgeIdempotencyKeys(
  m: EntityManager,
  where: IdempotencyTable,
  days = IDEMPOTENCY_KEY_DAYS,
): Promise<number> {
  const { table } = checked(where);
  const [, n]: [unknown, number] = await m.query(
    `DELETE FROM ${table} WHERE created_at < now() - $1 * interval '1 day'`,
    [days],
  );
  return n;
}
