import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditEntry, AuditRecorder } from '../auth/audit-recorder';
import type { RequestContext } from '../auth/auth.types';

export type { AuditEntry } from '../auth/audit-recorder';

export type AuditRow = {
  id: number;
  at: string;
  userId: string | null;
  userEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  pilotId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
};

export type AuditFilter = {
  entity?: string;
  entityId?: string;
  userId?: string;
  action?: string;
  pilotId?: string;
  limit: number;
  cursor?: number;
};

/** Keeps only the fields that changed between two snapshots, so the trail says what happened. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

/**
 * The append-only audit trail. `record` takes the transaction's EntityManager so the row commits or
 * rolls back with the change it describes; the table refuses UPDATE and DELETE at the database.
 */
@Injectable()
export class AuditService implements AuditRecorder {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(m: EntityManager | null, ctx: RequestContext, e: AuditEntry): Promise<void> {
    await (m ?? this.db.manager).query(
      `INSERT INTO audit_log (user_id, action, entity, entity_id, pilot_id, before, after, request_id, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        e.userId !== undefined ? e.userId : (ctx.user?.id ?? null),
        e.action,
        e.entity,
        e.entityId ?? null,
        e.pilotId ?? null,
        e.before ? JSON.stringify(e.before) : null,
        e.after ? JSON.stringify(e.after) : null,
        ctx.requestId,
        ctx.ip,
      ],
    );
  }

  async list(f: AuditFilter): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
    const rows: AuditRow[] = await this.db.query(
      `SELECT a.id, a.at, a.user_id AS "userId", u.email AS "userEmail", a.action, a.entity, a.entity_id AS "entityId",
              a.pilot_id AS "pilotId", a.before, a.after, a.request_id AS "requestId", a.ip
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
        WHERE ($1::text IS NULL OR a.entity = $1)
          AND ($2::text IS NULL OR a.entity_id = $2)
          AND ($3::uuid IS NULL OR a.user_id = $3)
          AND ($4::text IS NULL OR a.action = $4)
          AND ($5::uuid IS NULL OR a.pilot_id = $5)
          AND ($6::bigint IS NULL OR a.id < $6)
        ORDER BY a.id DESC
        LIMIT $7`,
      [
        f.entity ?? null,
        f.entityId ?? null,
        f.userId ?? null,
        f.action ?? null,
        f.pilotId ?? null,
        f.cursor ?? null,
        f.limit + 1,
      ],
    );
    const more = rows.length > f.limit;
    const items = rows.slice(0, f.limit).map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
    return { items, nextCursor: more ? String(items[items.length - 1].id) : null };
  }
}
