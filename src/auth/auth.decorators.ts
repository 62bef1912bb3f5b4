import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { RequestContext, Role } from './auth.types';
import { SYSTEM_CONTEXT } from './auth.types';

export const ROLES_KEY = 'projetk:roles';
export const PILOT_SCOPE_KEY = 'projetk:pilot-scope';

/**
 * Who may call the route. Every route that is not @Public() must declare its roles: the guard refuses
 * an undeclared route, and a test enumerates all routes with their declarations.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CSRF_KEY = 'projetk:csrf';
/**
 * A public route that still acts on the caller's session cookie (sign-out): it needs the same CSRF proof as a
 * signed-in change, so another site cannot sign a user out behind their back.
 */
export const CsrfChecked = () => SetMetadata(CSRF_KEY, true);

export type PilotScopeRule = {
  /** Route parameter holding the id. */
  param: string;
  /**
   * Table whose row `id = :param` carries the `pilot_id` to check (e.g. 'milestones'); omit when the
   * parameter is the pilot id itself. Must be a constant of the code, never user input.
   */
  table?: string;
};

/**
 * The route reaches one pilot: a lead passes; others must be a member of it, else 404 (the existence
 * of another pilot's data is not revealed). Unknown ids are 404 too.
 */
export const PilotScope = (param = 'id', table?: string) =>
  SetMetadata(PILOT_SCOPE_KEY, { param, table } satisfies PilotScopeRule);

export type RequestWithContext = FastifyRequest & { ctx?: RequestContext };

/** The caller's RequestContext (user, request id, IP). */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<RequestWithContext>();
  return request.ctx ?? SYSTEM_CONTEXT;
});
