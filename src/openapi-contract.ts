import type { Type } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { CSRF_KEY, PILOT_SCOPE_KEY } from './auth/auth.decorators';
import { API_ERRORS_KEY } from './common/errors/api-errors.decorator';
import { CommonErrorCode, statusOfErrorCode } from './common/errors/app.exception';
import { errorDetail } from './common/errors/messages.fr';
import { IS_PUBLIC } from './common/public.decorator';

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;
type ResponseObject = OperationObject['responses'][string];
type SchemaObject = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];
type Parameter = NonNullable<OperationObject['parameters']>[number];

/** Security scheme names of the document: the session cookie set by sign-in, and API tokens (`pk_…`) as bearer. */
export const SESSION_SCHEME = 'session';
export const API_TOKEN_SCHEME = 'apiToken';

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details; `code` is stable, `detail` is the French text of the code.',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string', example: 'https://projet-k.smicval.fr/problems/pilot_not_found' },
    title: { type: 'string', example: 'Not Found' },
    status: { type: 'integer', example: 404 },
    code: { type: 'string', example: 'pilot_not_found' },
    detail: { type: 'string', example: 'Ce projet pilote est introuvable.' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'One entry per invalid field (validation errors)',
      items: {
        type: 'object',
        required: ['field', 'code', 'message'],
        properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

type RouteKind = {
  isPublic: boolean;
  csrfChecked: boolean;
  pilotScoped: boolean;
  declared: string[];
};

function metadata<T>(key: string, cls: Type, handler: object): T | undefined {
  return (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, cls) as T | undefined);
}

function routeKind(cls: Type, handler: object): RouteKind {
  const declared = [
    ...((Reflect.getMetadata(API_ERRORS_KEY, cls) as string[] | undefined) ?? []),
    ...((Reflect.getMetadata(API_ERRORS_KEY, handler) as string[] | undefined) ?? []),
  ];
  return {
    isPublic: metadata<boolean>(IS_PUBLIC, cls, handler) ?? false,
    csrfChecked: metadata<boolean>(CSRF_KEY, cls, handler) ?? false,
    pilotScoped: metadata(PILOT_SCOPE_KEY, cls, handler) !== undefined,
    declared,
  };
}

/** The error codes an operation may answer, from what every route of its kind answers and what it declares. */
export function operationErrorCodes(op: OperationObject, method: string, kind: RouteKind): string[] {
  const codes = new Set<string>();
  const params = op.parameters ?? [];
  const hasInput = params.length > 0 || op.requestBody !== undefined;
  // Any URL may be malformed; any input may fail validation or carry NUL bytes.
  codes.add(CommonErrorCode.BadUrl);
  if (hasInput) {
    codes.add(CommonErrorCode.ValidationFailed);
    codes.add(CommonErrorCode.InvalidCharacters);
  }
  if (op.requestBody !== undefined) codes.add(CommonErrorCode.TooDeep);
  if (params.some((p: Parameter) => 'name' in p && p.name === 'cursor' && p.in === 'query')) {
    codes.add(CommonErrorCode.InvalidCursor);
  }
  // A signed-in route: no or an expired session, then a role the route does not list (@Roles) is refused.
  if (!kind.isPublic) {
    codes.add(CommonErrorCode.Unauthenticated);
    codes.add('session_expired');
    codes.add(CommonErrorCode.Forbidden);
  }
  if ((!kind.isPublic || kind.csrfChecked) && UNSAFE.has(method)) codes.add('csrf_rejected');
  if (kind.pilotScoped) codes.add(CommonErrorCode.NotFound);
  for (const c of kind.declared) codes.add(c);
  return [...codes];
}

function problemResponses(codes: string[]): Record<string, ResponseObject> {
  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const status = statusOfErrorCode(code);
    if (status === undefined) throw new Error(`@ApiErrors: ${code} is declared by no <feature>.exception.ts`);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, ResponseObject> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const sorted = [...list].sort();
    responses[String(status)] = {
      description: sorted.map((c) => `\`${c}\`: ${errorDetail(c, status)}`).join('\n\n'),
      content: {
        'application/problem+json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Problem' },
              { type: 'object', properties: { code: { type: 'string', enum: sorted } } },
            ],
          },
        },
      },
    };
  }
  return responses;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * Completes the generated document from the routes' own declarations: each operation's security (`security: []`
 * on a `@Public()` route, else the session cookie or an API token) and its error responses with their codes.
 * An operation that matches no controller method is a programming error and fails the build of the document.
 */
export function completeContract(document: OpenAPIObject, controllers: Type[]): OpenAPIObject {
  const handlers = new Map<string, { cls: Type; handler: object }>();
  for (const cls of controllers) {
    for (const key of Object.getOwnPropertyNames(cls.prototype)) {
      if (key === 'constructor') continue;
      handlers.set(`${cls.name}_${key}`, { cls, handler: (cls.prototype as Record<string, object>)[key] });
    }
  }
  document.components = document.components ?? {};
  document.components.schemas = { ...document.components.schemas, Problem: PROBLEM_SCHEMA };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const found = op.operationId ? handlers.get(op.operationId) : undefined;
      if (!found) throw new Error(`OpenAPI: no controller method for ${method.toUpperCase()} ${path}`);
      const kind = routeKind(found.cls, found.handler);
      op.security = kind.isPublic ? [] : [{ [SESSION_SCHEME]: [] }, { [API_TOKEN_SCHEME]: [] }];
      const errors = problemResponses(operationErrorCodes(op, method, kind));
      // A response the route documents itself (a 503 with a body of its own) is kept as it is.
      op.responses = { ...errors, ...op.responses };
      op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  return document;
}
