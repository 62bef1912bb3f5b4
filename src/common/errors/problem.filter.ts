import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, CommonErrorCode, FieldError } from './app.exception';
import { errorDetail, fieldMessage } from './messages.fr';

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors?: FieldError[];
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  414: 'URI Too Long',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CODE_BY_STATUS: Record<number, string> = {
  400: CommonErrorCode.ValidationFailed,
  401: CommonErrorCode.Unauthenticated,
  403: CommonErrorCode.Forbidden,
  404: CommonErrorCode.NotFound,
  405: CommonErrorCode.MethodNotAllowed,
  409: CommonErrorCode.Conflict,
  413: CommonErrorCode.PayloadTooLarge,
  414: CommonErrorCode.UriTooLong,
  415: CommonErrorCode.UnsupportedMediaType,
  429: CommonErrorCode.TooManyRequests,
  503: CommonErrorCode.Unavailable,
};

/** Fastify's own rejections (before any handler runs), by their error code. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: CommonErrorCode.ValidationFailed,
  FST_ERR_CTP_EMPTY_JSON_BODY: CommonErrorCode.ValidationFailed,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: CommonErrorCode.ValidationFailed,
  FST_ERR_CTP_BODY_TOO_LARGE: CommonErrorCode.PayloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: CommonErrorCode.UnsupportedMediaType,
  FST_ERR_BAD_URL: CommonErrorCode.BadUrl,
  FST_ERR_MAX_PARAM_LENGTH: CommonErrorCode.UriTooLong,
};

type DatabaseError = { code: string; message?: string; constraint?: string; column?: string; table?: string };

/** A PostgreSQL error (raw from pg or wrapped by TypeORM's QueryFailedError) carries a five-character SQLSTATE. */
function asDatabaseError(error: unknown): DatabaseError | null {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; name?: string } | null;
  const code = typeof e?.driverError?.code === 'string' ? e.driverError.code : e?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  return { ...(e?.driverError ?? {}), ...(e as object), code } as DatabaseError;
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);
// What node-postgres says when the server goes away or cannot be reached in time.
const PG_CONNECTION_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly)/;

/**
 * The database cannot be reached (refused, reset, timed out, terminated). Redis errors never look like this:
 * ioredis reports a lost server as "Connection is closed" or a retry error, not as a socket error code.
 */
function isDatabaseConnectionError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown; message?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  const message = String(e?.driverError?.message ?? e?.message ?? '');
  return (typeof code === 'string' && CONNECTION_ERRORS.has(code)) || PG_CONNECTION_MESSAGES.test(message);
}

/**
 * What a database error means for the caller. Bad data that slipped past validation is the caller's
 * 400 (class 22 data exceptions, NOT NULL and CHECK violations, a too complex statement); a
 * duplicate or a dangling reference is a 409; a lost connection or a shut-down server is a 503.
 * Anything else stays a 500. SQL and constraint names never reach the response.
 */
export function databaseProblemCode(code: string): { status: number; code: string } | null {
  if (code.startsWith('22') || code === '23502' || code === '23514' || code === '54001' || code === '42P18')
    return { status: 400, code: CommonErrorCode.InvalidInput };
  if (code === '23505' || code === '23503' || code === '23P01' || code === '40001' || code === '40P01')
    return { status: 409, code: CommonErrorCode.Conflict };
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300')
    return { status: 503, code: CommonErrorCode.DatabaseUnavailable };
  return null;
}

/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 5;

/** Any error thrown while handling a request → RFC 9457 problem+json with a French detail, in one place. */
export function toProblem(error: unknown, logger?: Logger): Problem {
  if (error instanceof AppException) {
    const p = problem(error.status, error.code, error.errors);
    if (error.frenchDetail) p.detail = error.frenchDetail;
    return p;
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest wraps Fastify's own rejections (bad JSON, body too large) with the original as the cause.
    const cause = (error.cause as { code?: unknown } | undefined)?.code;
    const code = typeof cause === 'string' ? FASTIFY_CODES[cause] : undefined;
    // Malformed JSON stays `validation_failed` (the documented code), the field error saying what is wrong.
    const errors =
      cause === 'FST_ERR_CTP_INVALID_JSON_BODY' || cause === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? [{ field: 'body', code: 'malformed_json', message: '' }]
        : undefined;
    return problem(status, code ?? CODE_BY_STATUS[status] ?? `http_${status}`, errors);
  }
  const db = asDatabaseError(error);
  if (db) {
    const mapped = databaseProblemCode(db.code);
    if (mapped) {
      logger?.warn(`database error ${db.code} answered ${mapped.status}: ${db.message ?? ''}`);
      return problem(mapped.status, mapped.code);
    }
  }
  if (isDatabaseConnectionError(error)) {
    logger?.warn(`database unreachable: ${(error as Error).message}`);
    return problem(503, CommonErrorCode.DatabaseUnavailable);
  }
  // Errors raised by Fastify itself (bad JSON, body too large, wrong content type) carry a statusCode.
  const fastify = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const status = fastify.statusCode;
    const code =
      (fastify.code &&
        (FASTIFY_CODES[fastify.code] ??
          (Object.values(CommonErrorCode) as string[]).find((c) => c === fastify.code))) ||
      (CODE_BY_STATUS[status] ?? `http_${status}`);
    return problem(status, code);
  }
  logger?.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return problem(500, CommonErrorCode.Internal);
}

function problem(status: number, code: string, errors?: FieldError[]): Problem {
  return {
    type: `https://projet-k.smicval.fr/problems/${code}`,
    title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
    status,
    code,
    detail: errorDetail(code, status),
    ...(errors && errors.length > 0 ? { errors: errors.map(localizeFieldError) } : {}),
  };
}

/** Every field error speaks French from the catalogue; the constraint's arguments stay server-side. */
function localizeFieldError(e: FieldError): FieldError {
  return { field: e.field, code: e.code, message: e.localized ? e.message : fieldMessage(e.code, e.field, e.params) };
}

export function sendProblem(reply: FastifyReply, p: Problem, headers: Record<string, string> = {}): void {
  void reply
    .status(p.status)
    .headers(headers)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(p);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const p = toProblem(error, this.logger);
    p.instance = request?.url;
    const headers: Record<string, string> = {};
    const retryAfter =
      (error as { retryAfterSeconds?: number } | null)?.retryAfterSeconds ??
      (p.status === 503 ? RETRY_AFTER_SECONDS : undefined);
    if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
    sendProblem(reply, p, headers);
  }
}
