import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AUDIT_RECORDER, type AuditRecorder } from './audit-recorder';
import { AuthErrorCode, AuthException } from './auth.exception';
import { AuthUser, RequestContext } from './auth.types';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { reserveInWindow, reserveWithBackoff, release, reset } from '../common/throttle';
import { API_TOKEN_PREFIX, hashToken, newToken, SessionsService } from './sessions.service';
import { PASSWORD_STORE, type PasswordStore } from './password-store';

// Sign-in limits, counted in PostgreSQL (shared by every process): 20 attempts per IP in 15 minutes; per account
// 5 at once, then an exponential delay (2 s, 4 s, … at most 15 minutes) rather than a lock-out.
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

type Credentials = {
  id: string;
  email: string;
  name: string;
  role: AuthUser['role'];
  password_hash: string;
  active: boolean;
};

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionsService,
    @Inject(AUDIT_RECORDER) private readonly audit: AuditRecorder,
    @Inject(PASSWORD_STORE) private readonly users: PasswordStore,
  ) {}

  /**
   * Signs in; returns the user, a fresh session token (a new one at every sign-in) and the device token
   * this browser keeps. Each attempt first reserves its place in the limits (per IP, then per account —
   * or per known device of that account), and only then is the password checked: parallel guesses
   * cannot overshoot. A success gives its places back.
   */
  async login(
    ctx: RequestContext,
    email: string,
    password: string,
    userAgent: string | null,
    deviceToken?: string,
  ): Promise<{ user: AuthUser; token: string; deviceToken: string }> {
    const ipKey = ctx.ip ? `login:ip:${ctx.ip}` : null;
    if (ipKey) {
      const ip = await reserveInWindow(this.db, ipKey, MAX_FAILURES_PER_IP, LOGIN_WINDOW_SECONDS);
      if (!ip.allowed) throw this.tooMany(ip.retryAfterSeconds);
    }
    const device = deviceToken ? await this.knownDevice(deviceToken, email) : null;
    // A browser the account signed in from before has its own counter: guessing at the account elsewhere does not keep its owner out.
    const accountKey = device ? `login:device:${device}` : `login:account:${email}`;
    const account = await reserveWithBackoff(this.db, accountKey, MAX_FAILURES_PER_ACCOUNT, LOGIN_WINDOW_SECONDS);
    if (!account.allowed) {
      if (ipKey) await release(this.db, ipKey);
      throw this.tooMany(account.retryAfterSeconds);
    }
    const rows: Credentials[] = await this.db.query(
      `SELECT id, email, name, role, password_hash, active FROM users WHERE email = $1`,
      [email],
    );
    const found = rows[0];
    const ok = await verifyPassword(found?.password_hash ?? (await dummyPasswordHash()), password);
    if (!found || !ok || !found.active) {
      await this.audit.record(null, ctx, {
        action: 'auth.login_failed',
        entity: 'account',
        entityId: email,
        userId: found?.id ?? null,
        after: { reason: !found ? 'unknown' : !ok ? 'password' : 'disabled' },
      });
      // Saying "disabled" only to whoever knows the password reveals nothing to someone guessing accounts.
      if (found && ok) throw new AuthException(AuthErrorCode.AccountDisabled, 'This account is disabled');
      throw new AuthException(AuthErrorCode.InvalidCredentials, 'Wrong e-mail or password');
    }
    if (ipKey) await release(this.db, ipKey);
    await reset(this.db, accountKey);
    return this.db.transaction(async (m) => {
      const token = await this.sessions.create(m, found.id, ctx.ip, userAgent);
      const newDevice = device ? deviceToken! : newToken('dv_');
      await m.query(
        `INSERT INTO known_devices (token_hash, user_id) VALUES ($1, $2) ON CONFLICT (token_hash) DO UPDATE SET last_used_at = now()`,
        [hashToken(newDevice).toString('hex'), found.id],
      );
      await this.audit.record(m, ctx, { action: 'auth.login', entity: 'account', entityId: email, userId: found.id });
      const user = await this.me(found.id, m);
      return { user, token, deviceToken: newDevice };
    });
  }

  /** The hash of a device token this account signed in from before, or null. */
  private async knownDevice(deviceToken: string, email: string): Promise<string | null> {
    if (!/^dv_[\w-]{20,100}$/.test(deviceToken)) return null;
    const hash = hashToken(deviceToken).toString('hex');
    const rows: { token_hash: string }[] = await this.db.query(
      `SELECT d.token_hash FROM known_devices d JOIN users u ON u.id = d.user_id WHERE d.token_hash = $1 AND u.email = $2 AND d.last_used_at > now() - interval '90 days'`,
      [hash, email],
    );
    return rows[0]?.token_hash ?? null;
  }

  private tooMany(retryAfterSeconds: number): AuthException {
    return new AuthException(
      AuthErrorCode.TooManyAttempts,
      `Too many failed sign-ins; try again in ${retryAfterSeconds} s`,
      retryAfterSeconds,
    );
  }

  async logout(ctx: RequestContext, token: string | undefined): Promise<void> {
    if (!token) return;
    const userId = await this.sessions.end(token);
    if (userId)
      await this.audit.record(null, ctx, { action: 'auth.logout', entity: 'account', entityId: userId, userId });
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
    const [row]: { password_hash: string }[] = await this.db.query(`SELECT password_hash FROM users WHERE id = $1`, [
      user.id,
    ]);
    if (!(await verifyPassword(row.password_hash, current)))
      throw new AuthException(AuthErrorCode.WrongPassword, 'The current password is wrong');
    const problem = passwordProblem(next, user.email);
    if (problem) throw new AuthException(AuthErrorCode.WeakPassword, problem);
    const hash = await hashPassword(next);
    await this.db.transaction(async (m) => {
      await this.users.setPasswordHash(m, user.id, hash);
      await this.sessions.endAllForUser(m, user.id, true);
      await this.audit.record(m, ctx, { action: 'user.password_changed', entity: 'user', entityId: user.id });
    });
  }

  async createToken(ctx: RequestContext, name: string): Promise<{ id: string; name: string; token: string }> {
    const token = newToken(API_TOKEN_PREFIX);
    return this.db.transaction(async (m) => {
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id`,
        [ctx.user!.id, name, hashToken(token)],
      );
      await this.audit.record(m, ctx, {
        action: 'token.create',
        entity: 'api_token',
        entityId: row.id,
        after: { name },
      });
      return { id: row.id, name, token };
    });
  }

  async listTokens(
    ctx: RequestContext,
  ): Promise<{ id: string; name: string; createdAt: string; lastUsedAt: string | null }[]> {
    const rows: { id: string; name: string; created_at: Date; last_used_at: Date | null }[] = await this.db.query(
      `SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC`,
      [ctx.user!.id],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.created_at.toISOString(),
      lastUsedAt: r.last_used_at?.toISOString() ?? null,
    }));
  }

  async revokeToken(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
      const [rows]: [{ id: string }[], number] = await m.query(
        `UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`,
        [id, ctx.user!.id],
      );
      if (rows.length === 0) throw new AuthException(AuthErrorCode.TokenNotFound, 'No such token');
      await this.audit.record(m, ctx, { action: 'token.revoke', entity: 'api_token', entityId: id });
    });
  }
}
