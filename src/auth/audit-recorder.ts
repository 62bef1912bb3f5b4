import type { EntityManager } from 'typeorm';
import type { RequestContext } from './auth.types';

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | null;
  pilotId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Overrides the acting user (e.g. a failed sign-in names no one). */
  userId?: string | null;
};

/**
 * What auth needs from the audit trail. The audit module depends on auth (request context, role decorators),
 * so auth asks for this token instead of importing AuditService; AuditModule (global) provides it.
 */
export type AuditRecorder = {
  record(m: EntityManager | null, ctx: RequestContext, e: AuditEntry): Promise<void>;
};

export const AUDIT_RECORDER = Symbol('AUDIT_RECORDER');
