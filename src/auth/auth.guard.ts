import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUDIT_RECORDER, type AuditRecorder } from './audit-recorder';
import { IS_PUBLIC } from '../common/public.decorator';
import { CSRF_KEY, PILOT_SCOPE_KEY, PilotScopeRule, RequestWithContext, ROLES_KEY } from './auth.decorators';
import { AuthErrorCode, AuthException } from './auth.exception';
import { AuthUser, canReachPilot, RequestContext, Role } from './auth.types';
import { ScopeTarget, SESSION_COOKIE, SessionsService } from './sessions.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * One global guard, in this order: who is calling (session cookie or bearer token) → CSRF for cookie
 * requests that change something → the route's declared roles → the pilot scope. Refusals are audited.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    @Inject(AUDIT_RECORDER) private readonly audit: AuditRecorder,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithContext>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;

    // A pilot-scoped route's target row is looked up in the same statement as the caller.
    const scope = isPublic
      ? undefined
      : this.reflector.getAllAndOverride<PilotScopeRule | undefined>(PILOT_SCOPE_KEY, targets);
    const raw = scope ? (request.params as Record<string, string> | undefined)?.[scope.param] : undefined;
    const target: ScopeTarget | undefined =
      scope && raw && UUID.test(raw) ? { id: raw.toLowerCase(), table: scope.table } : undefined;
    // A public route (the health card polls one) must not keep an idle session alive.
    const { user, via, expired, scopePilotId } = await this.identify(request, !isPublic, target);
    const ctx: RequestContext = { user, via, requestId: String(request.id ?? ''), ip: request.ip ?? null };
    request.ctx = ctx;
    if (isPublic) {
      const hasCookie = !!(request.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
      if (
        hasCookie &&
        this.reflector.getAllAndOverride<boolean>(CSRF_KEY, targets) &&
        !SAFE_METHODS.has(request.method) &&
        !this.sameOriginProof(request)
      ) {
        await this.deny(ctx, request, 'csrf');
        throw new AuthException(
          AuthErrorCode.CsrfRejected,
          'A request that changes something needs the X-Requested-With: projet-k header or a same-origin Origin',
        );
      }
      return true;
    }

    if (!user) {
      throw expired
        ? new AuthException(AuthErrorCode.SessionExpired, 'Your session has expired; please sign in again')
        : new AuthException(AuthErrorCode.Unauthenticated, 'Sign in first');
    }
    if (via === 'session' && !SAFE_METHODS.has(request.method) && !this.sameOriginProof(request)) {
      await this.deny(ctx, request, 'csrf');
      throw new AuthException(
        AuthErrorCode.CsrfRejected,
        'A request that changes something needs the X-Requested-With: projet-k header or a same-origin Origin',
      );
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    // Deny by default: a route without a role declaration is a programming error, never an open door.
    if (!roles || !roles.includes(user.role)) {
      await this.deny(ctx, request, 'role');
      throw new AuthException(AuthErrorCode.Forbidden, 'Your role does not allow this action');
    }

    if (scope) {
      const pilotId = target ? scopePilotId : null;
      if (!pilotId || !canReachPilot(ctx, pilotId)) {
        if (pilotId) await this.deny(ctx, request, 'scope', pilotId);
        throw new AuthException(AuthErrorCode.NotFound, 'Not found');
      }
    }
    return true;
  }

  private async identify(
    request: RequestWithContext,
    touch: boolean,
    target?: ScopeTarget,
  ): Promise<{ user: AuthUser | null; via: RequestContext['via']; expired?: boolean; scopePilotId?: string | null }> {
    const header = request.headers.authorization;
    if (typeof header === 'string' && header.toLowerCase().startsWith('bearer ')) {
      const found = await this.sessions.resolveApiToken(header.slice(7).trim(), target);
      return found ? { user: found.user, via: 'token', scopePilotId: found.scopePilotId } : { user: null, via: 'none' };
    }
    const cookie = (request.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
    if (cookie) {
      const resolved = await this.sessions.resolveSession(cookie, touch, target);
      if (resolved && 'user' in resolved)
        return { user: resolved.user, via: 'session', scopePilotId: resolved.scopePilotId };
      return { user: null, via: 'none', expired: resolved !== null };
    }
    return { user: null, via: 'none' };
  }

  /** CSRF defence for cookie sessions: a custom header (which a cross-site form cannot send) or same origin. */
  private sameOriginProof(request: RequestWithContext): boolean {
    if (request.headers['x-requested-with'] === 'projet-k') return true;
    if (request.headers['sec-fetch-site'] === 'same-origin') return true;
    const origin = request.headers.origin;
    const host = request.headers.host;
    if (typeof origin === 'string' && host) {
      try {
        return new URL(origin).host === host;
      } catch {
        return false;
      }
    }
    return false;
  }

  private async deny(
    ctx: RequestContext,
    request: RequestWithContext,
    reason: string,
    pilotId?: string,
  ): Promise<void> {
    await this.audit.record(null, ctx, {
      action: 'access.denied',
      entity: 'route',
      entityId: `${request.method} ${request.url.split('?')[0]}`.slice(0, 200),
      pilotId: pilotId ?? null,
      after: { reason },
    });
  }
}
