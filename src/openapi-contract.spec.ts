import { Controller, Get, Post } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { beforeAll, describe, expect, it } from 'vitest';
import { CsrfChecked, PilotScope, Roles } from './auth/auth.decorators';
import { ApiErrors } from './common/errors/api-errors.decorator';
import { statusOfErrorCode } from './common/errors/app.exception';
import { ERROR_MESSAGES_FR, type ErrorCode } from './common/errors/messages.fr';
import { Public } from './common/public.decorator';
import { generateOpenApi } from './openapi';
import { API_TOKEN_SCHEME, completeContract, SESSION_SCHEME } from './openapi-contract';
import { PilotErrorCode } from './pilots/pilots.exception';

type Operation = {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<
    string,
    { content?: Record<string, { schema?: { allOf?: { properties?: { code?: { enum?: string[] } } }[] } }> }
  >;
};

function operations(doc: OpenAPIObject): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      op,
    ]),
  );
}

/** The codes a response lists, from its problem+json schema. */
function codesOf(response: Operation['responses'][string]): string[] {
  return response.content?.['application/problem+json']?.schema?.allOf?.[1]?.properties?.code?.enum ?? [];
}

describe('the OpenAPI document, as generated from the code', () => {
  let doc: OpenAPIObject;
  beforeAll(async () => {
    doc = await generateOpenApi();
  }, 60_000);

  it('names its server and both ways to sign in', () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.components?.securitySchemes?.[SESSION_SCHEME]).toMatchObject({ in: 'cookie', name: 'projetk_session' });
    expect(doc.components?.securitySchemes?.[API_TOKEN_SCHEME]).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('gives every operation its security, a summary and error responses listing their codes', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(80);
    const gaps = ops.flatMap(([name, op]) => {
      const problems: string[] = [];
      if (!Array.isArray(op.security)) problems.push('no security');
      if (!op.summary?.trim()) problems.push('no summary');
      const fourXx = Object.entries(op.responses).filter(([status]) => /^4\d\d$/.test(status));
      if (!fourXx.some(([, r]) => codesOf(r).length > 0)) problems.push('no 4xx response listing its codes');
      return problems.map((p) => `${name}: ${p}`);
    });
    expect(gaps).toEqual([]);
  });

  it('lists only codes of the French catalogue, each under the status its exception sends', () => {
    const wrong: string[] = [];
    for (const [name, op] of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        for (const code of codesOf(response)) {
          if (!(code in ERROR_MESSAGES_FR)) wrong.push(`${name}: ${code} is not in messages.fr.ts`);
          if (String(statusOfErrorCode(code)) !== status) wrong.push(`${name}: ${code} listed under ${status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('derives security and the common errors from the route declarations', () => {
    const op = (name: string) => operations(doc).find(([n]) => n === name)?.[1];
    const login = op('POST /api/auth/login');
    expect(login?.security).toEqual([]);
    expect(codesOf(login!.responses['401'])).toContain('invalid_credentials');
    expect(login?.responses['403']).toBeUndefined();

    const pilot = op('GET /api/pilots/{id}');
    expect(pilot?.security).toEqual([{ [SESSION_SCHEME]: [] }, { [API_TOKEN_SCHEME]: [] }]);
    expect(codesOf(pilot!.responses['401'])).toEqual(['session_expired', 'unauthenticated']);
    expect(codesOf(pilot!.responses['403'])).toEqual(['forbidden']);
    expect(codesOf(pilot!.responses['404'])).toEqual(['not_found', 'pilot_not_found']);

    const update = op('PATCH /api/pilots/{id}');
    expect(codesOf(update!.responses['403'])).toEqual(['csrf_rejected', 'forbidden']);
    expect(codesOf(update!.responses['422'])).toEqual(['start_after_amendment', 'start_date_required']);
    expect(codesOf(op('GET /api/pilots')!.responses['400'])).toContain('invalid_cursor');
  });
});

describe('completeContract', () => {
  const document = (operationId: string, method = 'get'): OpenAPIObject => ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: { '/x': { [method]: { operationId, responses: { '200': { description: 'ok' } } } } },
  });

  it('adds a public route’s CSRF refusal when it acts on the session cookie', () => {
    @Public()
    @Controller()
    class SignOutController {
      @Post()
      @CsrfChecked()
      out(): void {}
    }
    const doc = completeContract(document('SignOutController_out', 'post'), [SignOutController]);
    const op = doc.paths['/x'].post!;
    expect(op.security).toEqual([]);
    expect(codesOf((op as Operation).responses['403'])).toEqual(['csrf_rejected']);
  });

  it('merges the codes declared on the controller and on the method', () => {
    @ApiErrors(PilotErrorCode.PilotNotFound)
    @Controller()
    class ScopedController {
      @Get()
      @Roles('lead')
      @PilotScope('id')
      @ApiErrors(PilotErrorCode.StartDateRequired)
      get(): void {}
    }
    const op = completeContract(document('ScopedController_get'), [ScopedController]).paths['/x'].get as Operation;
    expect(codesOf(op.responses['404'])).toEqual(['not_found', 'pilot_not_found']);
    expect(codesOf(op.responses['422'])).toEqual(['start_date_required']);
  });

  it('refuses a code no exception file declares, and an operation without a controller method', () => {
    @Controller()
    class BadController {
      @Get()
      @Roles('lead')
      @ApiErrors('no_such_code' as ErrorCode)
      get(): void {}
    }
    expect(() => completeContract(document('BadController_get'), [BadController])).toThrow(/no_such_code/);
    expect(() => completeContract(document('Missing_get'), [BadController])).toThrow(/no controller method/);
  });
});
