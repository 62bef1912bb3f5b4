import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthErrorCode, AuthException } from './auth.exception';
import { AuthUser, RequestContext } from './auth.types';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { API_TOKEN_PREFIX, hashToken, newToken, SessionsService } from './sessions.service';

// Failed sign-ins counted over a sliding window, from the audit trail itself (shared by every process).
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

type Credentials = { id: string; email: string; name: string; role: AuthUser['role']; password_hash: string; active: boolean };

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  /** Signs in; returns the user and a fresh session token (a new one at every sign-in). */
  async login(ctx: RequestContext, email: string, password: string, userAgent: string | null): Promise<{ user: AuthUser; token: string }> {
    await this.throttle(email, ctx.ip);
    const rows: Credentials[] = await this.db.query(`SELECT id, email, name, role, password_hash, active FROM users WHERE email = $1`, [email]);
    const found = rows[0];
    const ok = await verifyPassword(found?.password_hash ?? (await dummyPasswordHash()), password);
    if (!found || !ok || !found.active) {
      await this.audit.record(null, ctx, { action: 'auth.login_failed', entity: 'account', entityId: email, userId: found?.id ?? null, after: { reason: !found ? 'unknown' : !ok ? 'password' : 'disabled' } });
      // Saying "disabled" only to whoever knows the password reveals nothing to someone guessing accounts.
      if (found && ok) throw new AuthException(AuthErrorCode.AccountDisabled, 'This account is disabled');
      throw new AuthException(AuthErrorCode.InvalidCredentials, 'Wrong e-mail or password');
    }
    return this.db.transaction(async (m) => {
      const token = await this.sessions.create(m, found.id, ctx.ip, userAgent);
      await this.audit.record(m, ctx, { action: 'auth.login', entity: 'account', entityId: email, userId: found.id });
      const user = await this.me(found.id, m);
      return { user, token };
    });
  }

  private async throttle(email: string, ip: string | null): Promise<void> {
    const [row]: { account: number; ip: number; oldest_account: Date | null; oldest_ip: Date | null }[] = await this.db.query(
      `SELECT count(*) FILTER (WHERE entity_id = $1)::int AS account,
              count(*) FILTER (WHERE ip = $2)::int AS ip,
              min(at) FILTER (WHERE entity_id = $1) AS oldest_account,
              min(at) FILTER (WHERE ip = $2) AS oldest_ip
         FROM audit_log
        WHERE action = 'auth.login_failed' AND at > now() - $3 * interval '1 second' AND (entity_id = $1 OR ip = $2)`,
      [email, ip, LOGIN_WINDOW_SECONDS],
    );
    const blockedSince = row.account >= MAX_FAILURES_PER_ACCOUNT ? row.oldest_account : row.ip >= MAX_FAILURES_PER_IP ? row.oldest_ip : null;
    if (blockedSince) {
      const retry = Math.max(1, Math.ceil((new Date(blockedSince).getTime() + LOGIN_WINDOW_SECONDS * 1000 - Date.now()) / 1000));
      throw new AuthException(AuthErrorCode.TooManyAttempts, `Too many failed sign-ins; try again in ${Math.ceil(retry / 60)} minute(s)`, retry);
    }
  }

  async logout(ctx: RequestContext, token: string | undefined): Promise<void> {
    if (!token) return;
    const userId = await this.sessions.end(token);
    if (userId) await this.audit.record(null, ctx, { action: 'auth.logout', entity: 'account', entityId: userId, userId });
  }

  async me(userId: string, m = this.db.manager): Promise<AuthUser> {
    const rows: AuthUser[] = await m.query(
      `SELECT u.id, u.email, u.name, u.role,
              COALESCE(ARRAY(SELECT pm.pilot_id::text FROM pilot_members pm WHERE pm.user_id = u.id ORDER BY pm.pilot_id), '{}') AS "pilotIds"
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    if (!rows[0]) throw new AuthException(AuthErrorCode.UserNotFound, 'User not found');
    return rows[0];
  }

  /** Changing one's password ends every session (this one included) and revokes API tokens. */
  async changePassword(ctx: RequestContext, current: string, next: string): Promise<void> {
    const user = ctx.user!;
    const [row]: { password_hash: string }[] = await this.db.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
    if (!(await verifyPassword(row.password_hash, current))) throw new AuthException(AuthErrorCode.WrongPassword, 'The current password is wrong');
    const problem = passwordProblem(next, user.email);
    if (problem) throw new AuthException(AuthErrorCode.WeakPassword, problem);
    const hash = await hashPassword(next);
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1`, [user.id, hash]);
      await this.sessions.endAllForUser(m, user.id, true);
      await this.audit.record(m, ctx, { action: 'user.password_changed', entity: 'user', entityId: user.id });
    });
  }

  async createToken(ctx: RequestContext, name: string): Promise<{ id: string; name: string; token: string }> {
    const token = newToken(API_TOKEN_PREFIX);
    return this.db.transaction(async (m) => {
      const [row]: { id: string }[] = await m.query(`INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id`, [ctx.user!.id, name, hashToken(token)]);
      await this.audit.record(m, ctx, { action: 'token.create', entity: 'api_token', entityId: row.id, after: { name } });
      return { id: row.id, name, token };
    });
  }

  async listTokens(ctx: RequestContext): Promise<{ id: string; name: string; createdAt: string; lastUsedAt: string | null }[]> {
    const rows: { id: string; name: string; created_at: Date; last_used_at: Date | null }[] = await this.db.query(
      `SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC`,
      [ctx.user!.id],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at.toISOString(), lastUsedAt: r.last_used_at?.toISOString() ?? null }));
  }

  async revokeToken(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
      const [rows]: [{ id: string }[], number] = await m.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`, [id, ctx.user!.id]);
      if (rows.length === 0) throw new AuthException(AuthErrorCode.TokenNotFound, 'No such token');
      await this.audit.record(m, ctx, { action: 'token.revoke', entity: 'api_token', entityId: id });
    });
  }
}
