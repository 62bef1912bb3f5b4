import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service';
import { AuthErrorCode, AuthException } from '../auth/auth.exception';
import { MemberRole, RequestContext, Role } from '../auth/auth.types';
import { hashPassword, passwordProblem } from '../auth/password';
import { SessionsService } from '../auth/sessions.service';
import type { PasswordStore } from '../auth/password-store';

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  pilotIds: string[];
  createdAt: string;
};
export type Member = {
  userId: string;
  pilotId: string;
  role: MemberRole;
  name: string;
  email: string;
  createdAt: string;
};

const USER_SELECT = `SELECT u.id, u.email, u.name, u.role, u.active, u.created_at AS "createdAt",
  COALESCE(ARRAY(SELECT pm.pilot_id::text FROM pilot_members pm WHERE pm.user_id = u.id ORDER BY pm.pilot_id), '{}') AS "pilotIds"
  FROM users u`;

function toUser(r: User & { createdAt: Date | string }): User {
  return { ...r, createdAt: new Date(r.createdAt).toISOString() };
}

@Injectable()
export class UsersService implements PasswordStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
  ) {}

  async create(
    ctx: RequestContext,
    input: { email: string; name: string; role: Role; password: string },
    m?: EntityManager,
  ): Promise<User> {
    const problem = passwordProblem(input.password, input.email);
    if (problem) throw new AuthException(AuthErrorCode.WeakPassword, problem);
    const hash = await hashPassword(input.password);
    const run = async (tx: EntityManager) => {
      const taken = await tx.query(`SELECT 1 FROM users WHERE email = $1`, [input.email]);
      if (taken.length > 0) throw new AuthException(AuthErrorCode.EmailTaken, `An account already uses ${input.email}`);
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [input.email, input.name, input.role, hash],
      );
      await this.audit.record(tx, ctx, {
        action: 'user.create',
        entity: 'user',
        entityId: row.id,
        after: { email: input.email, name: input.name, role: input.role },
      });
      return this.get(row.id, tx);
    };
    try {
      return m ? await run(m) : await this.db.transaction(run);
    } catch (e) {
      // Two creations racing for one address: the unique index decides, the caller gets a clean 409.
      if ((e as { code?: string }).code === '23505')
        throw new AuthException(AuthErrorCode.EmailTaken, `An account already uses ${input.email}`);
      throw e;
    }
  }

  async list(): Promise<User[]> {
    const rows = await this.db.query(`${USER_SELECT} ORDER BY u.active DESC, u.name`);
    return rows.map(toUser);
  }

  async get(id: string, m: EntityManager = this.db.manager): Promise<User> {
    const rows = await m.query(`${USER_SELECT} WHERE u.id = $1`, [id]);
    if (!rows[0]) throw new AuthException(AuthErrorCode.UserNotFound, 'User not found');
    return toUser(rows[0]);
  }

  /** Renames, changes role, disables/enables or resets the password; disabling or a new password ends every session. */
  async update(
    ctx: RequestContext,
    id: string,
    patch: { name?: string; role?: Role; active?: boolean; password?: string },
  ): Promise<User> {
    const hash = patch.password !== undefined ? await this.checkedHash(patch.password, id) : undefined;
    return this.db.transaction(async (m) => {
      // Role and activity changes take one lock, so two leads demoting or disabling each other at the same moment
      // are checked one after the other and the second sees the first: at least one active lead always remains.
      if (patch.role !== undefined || patch.active !== undefined)
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('users:active-leads'))`);
      const rows = await m.query(`SELECT id, email, name, role, active FROM users WHERE id = $1 FOR UPDATE`, [id]);
      const before = rows[0];
      if (!before) throw new AuthException(AuthErrorCode.UserNotFound, 'User not found');
      const after = {
        ...before,
        ...Object.fromEntries(
          Object.entries({ name: patch.name, role: patch.role, active: patch.active }).filter(
            ([, v]) => v !== undefined,
          ),
        ),
      };
      if (before.role === 'lead' && (after.role !== 'lead' || !after.active)) {
        const [{ n }] = await m.query(
          `SELECT count(*)::int AS n FROM users WHERE role = 'lead' AND active AND id <> $1`,
          [id],
        );
        if (n === 0) throw new AuthException(AuthErrorCode.LastLead, 'The platform needs at least one active lead');
      }
      await m.query(
        `UPDATE users SET name = $2, role = $3, active = $4, password_hash = COALESCE($5, password_hash), password_changed_at = CASE WHEN $5::text IS NULL THEN password_changed_at ELSE now() END, updated_at = now() WHERE id = $1`,
        [id, after.name, after.role, after.active, hash ?? null],
      );
      if (!after.active || hash) await this.sessions.endAllForUser(m, id, !after.active);
      const diff = changedFields(before, after);
      if (hash) diff.after.password = 'reset';
      await this.audit.record(m, ctx, { action: 'user.update', entity: 'user', entityId: id, ...diff });
      return this.get(id, m);
    });
  }

  /** A person's own password change (auth's use case): the new hash, in the caller's transaction. */
  /** Turns a person's notification e-mails on or off, in the caller's transaction; returns the previous choice. */
  async setEmailNotifications(m: EntityManager, userId: string, enabled: boolean): Promise<boolean | null> {
    const [before] = await m.query(`SELECT email_notifications AS "enabled" FROM users WHERE id = $1 FOR UPDATE`, [
      userId,
    ]);
    await m.query(`UPDATE users SET email_notifications = $2, updated_at = now() WHERE id = $1`, [userId, enabled]);
    return before?.enabled ?? null;
  }

  async setPasswordHash(m: EntityManager, userId: string, hash: string): Promise<void> {
    await m.query(
      `UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1`,
      [userId, hash],
    );
  }

  private async checkedHash(password: string, userId: string): Promise<string> {
    const [row] = await this.db.query(`SELECT email FROM users WHERE id = $1`, [userId]);
    if (!row) throw new AuthException(AuthErrorCode.UserNotFound, 'User not found');
    const problem = passwordProblem(password, row.email);
    if (problem) throw new AuthException(AuthErrorCode.WeakPassword, problem);
    return hashPassword(password);
  }

  async listMembers(pilotId: string): Promise<Member[]> {
    const rows = await this.db.query(
      `SELECT pm.user_id AS "userId", pm.pilot_id AS "pilotId", pm.role, u.name, u.email, pm.created_at AS "createdAt"
         FROM pilot_members pm JOIN users u ON u.id = pm.user_id WHERE pm.pilot_id = $1 ORDER BY pm.role, u.name`,
      [pilotId],
    );
    return rows.map((r: Member & { createdAt: Date }) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  }

  /** Adds (or changes the role of) a member; a user's account role must fit the membership. */
  async addMember(
    ctx: RequestContext,
    pilotId: string,
    userId: string,
    role: MemberRole,
    m?: EntityManager,
  ): Promise<Member> {
    const run = async (tx: EntityManager) => {
      const [user] = await tx.query(`SELECT role, active FROM users WHERE id = $1`, [userId]);
      if (!user) throw new AuthException(AuthErrorCode.UserNotFound, 'User not found');
      if (user.role !== role)
        throw new AuthException(
          AuthErrorCode.MemberRoleMismatch,
          `A ${user.role} account cannot be a ${role} of a pilot`,
        );
      await tx.query(
        `INSERT INTO pilot_members (pilot_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (pilot_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
        [pilotId, userId, role],
      );
      await this.audit.record(tx, ctx, {
        action: 'pilot.member_add',
        entity: 'pilot',
        entityId: pilotId,
        pilotId,
        after: { userId, role },
      });
      const members = await tx.query(
        `SELECT pm.user_id AS "userId", pm.pilot_id AS "pilotId", pm.role, u.name, u.email, pm.created_at AS "createdAt"
           FROM pilot_members pm JOIN users u ON u.id = pm.user_id WHERE pm.pilot_id = $1 AND pm.user_id = $2`,
        [pilotId, userId],
      );
      return { ...members[0], createdAt: new Date(members[0].createdAt).toISOString() };
    };
    return m ? run(m) : this.db.transaction(run);
  }

  async removeMember(ctx: RequestContext, pilotId: string, userId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const [rows]: [unknown[], number] = await m.query(
        `DELETE FROM pilot_members WHERE pilot_id = $1 AND user_id = $2 RETURNING user_id`,
        [pilotId, userId],
      );
      if (rows.length === 0)
        throw new AuthException(AuthErrorCode.UserNotFound, 'This user is not a member of the pilot');
      await this.audit.record(m, ctx, {
        action: 'pilot.member_remove',
        entity: 'pilot',
        entityId: pilotId,
        pilotId,
        before: { userId },
      });
    });
  }
}
