export const ROLES = ['lead', 'coordinator', 'committee', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const MEMBER_ROLES = ['coordinator', 'reviewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export type AuthUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Pilots the user is a member of (a lead reaches every pilot whatever this says). */
  pilotIds: string[];
};

/** Who is acting and from where: passed to every service method that changes something (audit trail). */
export type RequestContext = {
  user: AuthUser | null;
  requestId: string | null;
  ip: string | null;
  via: 'session' | 'token' | 'none';
};

export const SYSTEM_CONTEXT: RequestContext = { user: null, requestId: null, ip: null, via: 'none' };

export function isLead(ctx: RequestContext): boolean {
  return ctx.user?.role === 'lead';
}

/** True when the caller may reach this pilot: a lead reaches all, others only their memberships. */
export function canReachPilot(ctx: RequestContext, pilotId: string): boolean {
  return isLead(ctx) || (ctx.user?.pilotIds.includes(pilotId) ?? false);
}

/**
 * The pilot ids a list query must be restricted to, or null for "all pilots" (lead). Use it in SQL:
 * `WHERE ($1::uuid[] IS NULL OR pilot_id = ANY($1))`, so no foreign row is ever loaded.
 */
export function pilotScope(ctx: RequestContext): string[] | null {
  return isLead(ctx) ? null : (ctx.user?.pilotIds ?? []);
}
