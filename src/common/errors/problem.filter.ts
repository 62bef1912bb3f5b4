import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, CommonErrorCode, FieldError } from './app.exception';

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
  409: CommonErrorCode.Conflict,
  413: CommonErrorCode.PayloadTooLarge,
  415: CommonErrorCode.UnsupportedMediaType,
  429: CommonErrorCode.TooManyRequests,
  503: CommonErrorCode.Unavailable,
};

/** Any error thrown while handling a request → RFC 9457 problem+json, in one place. */
export function toProblem(error: unknown, logger?: Logger): Problem {
  if (error instanceof AppException) {
    return problem(error.status, error.code, error.detail, error.errors);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
    return problem(status, CODE_BY_STATUS[status] ?? `http_${status}`, Array.isArray(message) ? message.join('; ') : String(message));
  }
  // Errors raised by Fastify itself (bad JSON, body too large, wrong content type) carry a statusCode.
  const fastify = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const status = fastify.statusCode;
    return problem(status, CODE_BY_STATUS[status] ?? `http_${status}`, fastify.message ?? TITLES[status] ?? 'Bad request');
  }
  logger?.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return problem(500, CommonErrorCode.Internal, 'An unexpected error occurred; it has been logged.');
}

function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `https://projet-k.smicval.fr/problems/${code}`,
    title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
    status,
    code,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, p: Problem, headers: Record<string, string> = {}): void {
  void reply.status(p.status).headers(headers).header('content-type', 'application/problem+json; charset=utf-8').send(p);
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
    const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
    sendProblem(reply, p, headers);
  }
}
