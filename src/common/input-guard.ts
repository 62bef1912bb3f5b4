import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { CommonErrorCode } from './errors/app.exception';
import { errorDetail, fieldMessage } from './errors/messages.fr';
import { Problem, sendProblem, toProblem } from './errors/problem.filter';

/** Deepest JSON nesting any route accepts (the deepest DTO is four levels); more is refused before parsing into DTOs. */
export const MAX_BODY_DEPTH = 16;
/** Default body size for every route; the routes that carry a file (receipts, milestone evidence) take more. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const FILE_BODY_LIMIT = 15 * 1024 * 1024; // 10 MB files, base64-encoded, plus form fields
/** `METHOD url` of the routes whose body carries a file, as Fastify declares them. */
export const FILE_ROUTES = new Set([
  'POST /api/pilots/:id/ledger/:entryId/receipt',
  'PATCH /api/milestones/:id',
  'POST /api/candidatures/:id/attachments',
  'POST /api/public/candidatures/:editToken/attachments',
]);

export type InputProblem = { field: string; code: 'invalid_characters' | 'too_deep' };

/**
 * Walks a parsed body, query or parameter set without recursion (a hostile body may nest 50 000
 * levels) and reports the first string or key PostgreSQL would refuse (NUL, lone surrogate) or a
 * nesting deeper than `maxDepth`.
 */
export function inspectInput(value: unknown, maxDepth = MAX_BODY_DEPTH): InputProblem | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return { field: path, code: 'invalid_characters' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return { field: path, code: 'too_deep' };
    if (Buffer.isBuffer(v)) continue;
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
    for (const [k, x] of entries) {
      const child = path ? `${path}.${k}` : k;
      if (!isStorableText(k)) return { field: child, code: 'invalid_characters' };
      stack.push({ v: x, path: child, depth: depth + 1 });
    }
  }
  return null;
}

/** Text PostgreSQL can store in a text or jsonb column: no NUL and well-formed UTF-16 (no lone surrogate). */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function refuse(
  reply: FastifyReply,
  request: FastifyRequest,
  where: 'body' | 'query' | 'params',
  p: InputProblem,
): FastifyReply {
  const field = p.field ? `${where}.${p.field}` : where;
  const code = p.code === 'too_deep' ? CommonErrorCode.TooDeep : CommonErrorCode.InvalidCharacters;
  const body: Problem = {
    ...toProblem({ statusCode: 400, code, message: errorDetail(code) }),
    code,
    type: `https://projet-k.smicval.fr/problems/${code}`,
    errors: [{ field, code: p.code, message: fieldMessage(p.code, field) }],
  };
  body.instance = request.url;
  sendProblem(reply, body);
  return reply;
}

/**
 * One hook for every route, before validation and before anything reaches a service: parameters,
 * query and body must be text PostgreSQL can store, and the body no deeper than MAX_BODY_DEPTH.
 */
export function registerInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const isFileRoute = methods.some((m) => FILE_ROUTES.has(`${m} ${route.url}`));
    route.bodyLimit = isFileRoute ? FILE_BODY_LIMIT : (route.bodyLimit ?? DEFAULT_BODY_LIMIT);
  });
  fastify.addHook('preValidation', async (request, reply) => {
    const params = inspectInput(request.params, 2);
    if (params) return refuse(reply, request, 'params', params);
    const query = inspectInput(request.query, 4);
    if (query) return refuse(reply, request, 'query', query);
    const body = inspectInput(request.body);
    if (body) return refuse(reply, request, 'body', body);
  });
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers or URL over 16 KB, a
 * malformed request line, a client too slow): answered as problem+json too, then the socket closes.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, CommonErrorCode.HeadersTooLarge]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, CommonErrorCode.RequestTimeout]
        : [400, CommonErrorCode.MalformedRequest];
  const body = JSON.stringify({
    type: `https://projet-k.smicval.fr/problems/${code}`,
    title: code,
    status,
    code,
    detail: errorDetail(code, status),
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${code}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
