import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from './auth.types';

export const SESSION_COOKIE = 'projetk_session';
export const SESSION_IDLE_MS = 8 * 3600_000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;
// last_seen_at is refreshed at most once a minute, so reads do not turn into writes.
const TOUCH_EVERY_MS = 60_000;
export const API_TOKEN_PREFIX = 'pk_';

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function newToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

type UserRow = { id: string; email: string; name: string; role: AuthUser['role']; pilotIds: string[] };

const USER_COLUMNS = `u.id, u.email, u.name, u.role,
  COALESCE(ARRAY(SELECT m.pilot_id::text FROM pilot_members m WHERE m.user_id = u.id ORDER BY m.pilot_id), '{}') AS "pilotIds"`;

/** The user and, when a route is pilot-scoped, the pilot owning its target row (null: no such row). */
export type Identified = { user: AuthUser; scopePilotId: string | null };
export type ResolvedSession = Identified | { expired: true } | null;

/**
 * The row a pilot-scoped route targets: a pilot (no table) or a row of `table` carrying pilot_id. Resolved in
 * the identifying statement itself, so a scoped request costs one round trip before its handler, not two.
 */
export type ScopeTarget = { id: string; table?: string };

function scopeColumn(target: ScopeTarget | undefined): string {
  if (!target) return '';
  if (!target.table) return `, (SELECT x.id FROM pilots x WHERE x.id = $2) AS "scopePilotId"`;
  if (!/^[a-z_]+$/.test(target.table)) throw new Error(`Invalid scope table ${target.table}`);
  return `, (SELECT x.pilot_id FROM "${target.table}" x WHERE x.id = $2) AS "scopePilotId"`;
}

/** Server-side sessions and personal API tokens: only SHA-256 hashes of the secrets are stored. */
@Injectable()
export class SessionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(m: EntityManager, userId: string, ip: string | null, userAgent: string | null): Promise<string> {
    const token = newToken();
    await m.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at, ip, user_agent) VALUES ($1, $2, now() + $3 * interval '1 millisecond', $4, $5)`,
      [userId, hashToken(token), SESSION_ABSOLUTE_MS, ip, userAgent?.slice(0, 300) ?? null],
    );
    return token;
  }

  /** The user behind a session cookie, or `expired` when it existed but timed out (the client says so). */
  /** `touch: false` identifies without extending the idle timeout (public routes, e.g. the health poll). */
  async resolveSession(token: string, touch = true, target?: ScopeTarget): Promise<ResolvedSession> {
    const rows: (UserRow & {
      sessionId: string;
      lastSeen: Date;
      expiresAt: Date;
      endedAt: Date | null;
      active: boolean;
      scopePilotId?: string | null;
    })[] = await this.db.query(
      `SELECT s.id AS "sessionId", s.last_seen_at AS "lastSeen", s.expires_at AS "expiresAt", s.ended_at AS "endedAt", u.active, ${USER_COLUMNS}${scopeColumn(target)}
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
      target ? [hashToken(token), target.id] : [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return null;
    const now = Date.now();
    if (row.endedAt || !row.active) return null;
    if (now > new Date(row.expiresAt).getTime() || now - new Date(row.lastSeen).getTime() > SESSION_IDLE_MS) {
      await this.db.query(`UPDATE sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL`, [row.sessionId]);
      return { expired: true };
    }
    if (touch && now - new Date(row.lastSeen).getTime() > TOUCH_EVERY_MS) {
      await this.db.query(`UPDATE sessions SET last_seen_at = now() WHERE id = $1`, [row.sessionId]);
    }
    return {
      user: { id: row.id, email: row.email, name: row.name, role: row.role, pilotIds: row.pilotIds },
      scopePilotId: row.scopePilotId ?? null,
    };
  }

  async resolveApiToken(token: string, target?: ScopeTarget): Promise<Identified | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const rows: (UserRow & { tokenId: string; lastUsed: Date | null; scopePilotId?: string | null })[] =
      await this.db.query(
        `SELECT t.id AS "tokenId", t.last_used_at AS "lastUsed", ${USER_COLUMNS}${scopeColumn(target)}
           FROM api_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active`,
        target ? [hashToken(token), target.id] : [hashToken(token)],
      );
    const row = rows[0];
    if (!row) return null;
    if (!row.lastUsed || Date.now() - new Date(row.lastUsed).getTime() > TOUCH_EVERY_MS) {
      await this.db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [row.tokenId]);
    }
    return {
      user: { id: row.id, email: row.email, name: row.name, role: row.role, pilotIds: row.pilotIds },
      scopePilotId: row.scopePilotId ?? null,
    };
  }

  async end(token: string): Promise<string | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
    const [rows]: [{ user_id: string }[], number] = await this.db.query(
      `UPDATE sessions SET ended_at = now() WHERE token_hash = $1 AND ended_at IS NULL RETURNING user_id`,
      [hashToken(token)],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Ends every session of a user (disabled, password changed); API tokens too when asked. */
  async endAllForUser(m: EntityManager, userId: string, alsoTokens: boolean): Promise<void> {
    await m.query(`UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL`, [userId]);
    if (alsoTokens)
      await m.query(`UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }
}
