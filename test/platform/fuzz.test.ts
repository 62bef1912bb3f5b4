import fc from 'fast-check';
import type { OpenAPIObject } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../src/app.factory';
import { createOpenCall, intentionBody } from '../factories/candidatures';
import { createActor, createPilot, logActivity } from '../factories/pilots';
import { signIn, SignedIn } from '../factories/users';
import type { HttpClient } from '../support/http-client';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Property-based fuzzing of every route of the OpenAPI document, as an anonymous caller and as a
 * signed-in lead: malformed bodies, queries and path parameters must get a 4xx problem+json (never a
 * 5xx) and a rejected request must write no row. FUZZ_RUNS sets the total number of requests
 * (10 000 by default; docs/benchmarks.md gives the nightly size); FUZZ_SEED replays a run.
 */
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  allOf?: Schema[];
};
type Param = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema };
type Operation = { method: string; path: string; params: Param[]; body?: Schema };
type Request = { caller: 'anonymous' | 'lead'; url: string; raw?: string; contentType?: string };

/** Texts PostgreSQL, casts and parsers choke on. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'abc\u0000def',
  '\ud800',
  'x\udc00y',
  '\u202e\u0000',
  "'; DROP TABLE users; --",
  '%00',
  '../../etc/passwd',
  '2023-02-30',
  '9999-12-31',
  '0000-00-00',
  '1e400',
  '-0',
  'NaN',
  'Infinity',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'WyJ4IiwieSJd',
  '{"$gt":""}',
  'x'.repeat(300),
  'é'.repeat(6000),
  '[[[]]]',
  'true',
  'null',
];
const NASTY_NUMBERS = [0, -1, 1, 0.5, -0.000001, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, 123456789012345];

/** encodeURIComponent, except that a lone surrogate goes as the invalid UTF-8 a hostile client would send. */
function encode(s: string): string {
  return [...s].map((ch) => (/^[\ud800-\udfff]$/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
}

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const nastyScalar: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom<unknown>(...NASTY_NUMBERS, null, true, false, [], {}, [[[]]], [null], { a: {} }),
);

function resolve(doc: OpenAPIObject, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref)
    return resolve(doc, (doc.components?.schemas as Record<string, Schema>)[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return resolve(doc, schema.allOf[0]);
  return schema;
}

/** A value shaped by the schema, mutated often: wrong types, nulls, nested lists, nasty strings, extra keys. */
function valueOf(doc: OpenAPIObject, raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  const wellShaped = ((): fc.Arbitrary<unknown> => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'integer':
      case 'number':
        return fc.oneof(
          fc.constantFrom(...NASTY_NUMBERS, schema.minimum ?? 0, schema.maximum ?? 100),
          fc.integer({ min: schema.minimum ?? -10, max: Math.min(schema.maximum ?? 1000, 2 ** 31) }),
        );
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 4 ? fc.constant([]) : fc.array(valueOf(doc, schema.items, depth + 1), { maxLength: 3 });
      case 'object': {
        if (depth > 4 || !schema.properties) return fc.constant({});
        const entries = Object.entries(schema.properties).map(([k, s]) => [k, valueOf(doc, s, depth + 1)] as const);
        const record = fc.record(Object.fromEntries(entries), {
          requiredKeys: (schema.required ?? []).filter((k) => k in schema.properties!),
        });
        return fc.oneof(
          { weight: 5, arbitrary: record },
          { weight: 1, arbitrary: record.map((r) => ({ ...r, unexpected: 1 })) },
        );
      }
      default:
        if (schema.format === 'date' || /date/i.test(schema.format ?? ''))
          return fc.constantFrom('2024-03-01', '2023-02-30', '2100-12-31', '1999-01-01');
        return fc.oneof(
          nastyString,
          fc.constantFrom(
            '2024-03-01',
            '00000000-0000-4000-8000-000000000000',
            'contact@example.org',
            'https://example.org',
          ),
        );
    }
  })();
  return fc.oneof(
    { weight: 6, arbitrary: wellShaped },
    { weight: 2, arbitrary: nastyScalar },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function operations(doc: OpenAPIObject): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(
      item as Record<string, { parameters?: Param[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>,
    )) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return ops;
}

describe('fuzzing every route from the OpenAPI document', () => {
  let t: TestApp;
  let lead: SignedIn;
  let anonymous: HttpClient;
  let doc: OpenAPIObject;
  let ids: string[];
  let countTables: string;

  /**
   * Row counts of every table. Written by design for refused requests, and left out: the audit trail's
   * denials, failed sign-ins and refused ledger operations (`ledger.*.refused`), and the throttling
   * counters (a failed sign-in counts against its IP).
   */
  const counts = async (): Promise<string> => JSON.stringify((await t.sql(countTables))[0]);

  beforeAll(async () => {
    // API only: no worker writes rows in the background while requests are compared.
    t = await createTestApp({ overrides: { processRole: 'api' } });
    lead = await signIn(t, 'lead');
    anonymous = t.client();
    const pilot = await createPilot(lead.http);
    const call = await createOpenCall(lead.http);
    const actor = await createActor(lead.http, pilot.id);
    const activity = await logActivity(lead.http, pilot.id);
    const candidature = await anonymous.post(`/api/public/calls/${call.id}/candidatures`, intentionBody());
    ids = [
      pilot.id,
      call.id,
      actor.id,
      activity.id,
      lead.user.id,
      candidature.body.id,
      candidature.body.editToken,
    ].filter((x): x is string => typeof x === 'string');
    doc = buildOpenApi(t.app);
    const tables = await t.sql<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'throttle_counters') ORDER BY 1`,
    );
    countTables = `SELECT ${tables
      .map((x) =>
        x.t === 'audit_log'
          ? `(SELECT count(*) FROM audit_log WHERE action NOT IN ('access.denied', 'auth.login_failed') AND action NOT LIKE '%.refused')::int AS audit_log`
          : `(SELECT count(*)::int FROM "${x.t}") AS "${x.t}"`,
      )
      .join(', ')}`;
  });
  afterAll(() => t?.close());

  function requestOf(op: Operation): fc.Arbitrary<Request> {
    const pathValue = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...ids) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 3, arbitrary: nastyString.map((s) => encode(s) || 'x') },
      { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A', '%', 'a'.repeat(2000), '..', '%2e%2e') },
    );
    const pathParams = op.params.filter((p) => p.in === 'path');
    const queryParams = op.params.filter((p) => p.in === 'query');
    const path = fc
      .tuple(...pathParams.map(() => pathValue))
      .map((values) => pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, values[i]), op.path));
    const queryValue = (p: Param) =>
      fc.oneof(
        valueOf(doc, p.schema).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))),
        nastyString,
      );
    const query = fc
      .tuple(
        fc.tuple(
          ...queryParams.map((p) =>
            fc.option(
              queryValue(p).map((v) => `${encode(p.name)}=${encode(v)}`),
              { nil: undefined },
            ),
          ),
        ),
        fc.option(
          fc.constantFrom(
            'cursor=WyJ4IiwieSJd',
            'limit=-1',
            'limit=1e9',
            'unknown=1',
            'limit=1&limit=2',
            'format=pdf',
            'cursor[a]=1',
            'year=2024.5',
          ),
          { nil: undefined },
        ),
      )
      .map(([parts, extra]) => [...parts, extra].filter(Boolean).join('&'));
    const hasBody = !['GET', 'DELETE'].includes(op.method);
    const body: fc.Arbitrary<{ raw?: string; contentType?: string }> = hasBody
      ? fc.oneof(
          {
            weight: 8,
            arbitrary: valueOf(doc, op.body ?? { type: 'object' }).map((v) => ({ raw: JSON.stringify(v) ?? 'null' })),
          },
          {
            weight: 1,
            arbitrary: fc
              .constantFrom(
                '{"a":',
                '[1,2',
                '"\\ud800"',
                `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`,
                '{"__proto__":{"x":1}}',
                'null',
                '',
              )
              .map((raw) => ({ raw })),
          },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              { raw: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
              { raw: 'plain', contentType: 'text/plain' },
            ),
          },
        )
      : fc.constant({});
    return fc
      .record({ caller: fc.constantFrom('anonymous' as const, 'lead' as const), path, query, body })
      .map(({ caller, path: p, query: q, body: b }) => ({
        caller,
        url: q ? `${p}?${q}` : p,
        ...b,
      }));
  }

  it(
    `sends ${TOTAL_RUNS} malformed requests: no 5xx, problem+json errors, no row written by a rejected request`,
    async () => {
      // Signing out would end the lead's session for the rest of the run; sign-out has its own tests.
      const ops = operations(doc).filter((op) => !(op.method === 'POST' && op.path === '/api/auth/logout'));
      expect(ops.length).toBeGreaterThan(80);
      const perOp = Math.ceil(TOTAL_RUNS / ops.length);
      const failures: string[] = [];
      let sent = 0;
      let before = await counts();
      // FUZZ_ONLY=<path fragment> replays one route of a failed run (same FUZZ_SEED, same requests).
      const only = process.env.FUZZ_ONLY;
      for (const [i, op] of ops.entries()) {
        if (only && !op.path.includes(only)) continue;
        try {
          await fc.assert(
            fc.asyncProperty(requestOf(op), async (req) => {
              const http = req.caller === 'lead' ? lead.http : anonymous;
              const headers: Record<string, string> = {};
              if (req.raw !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
              const res = await http.request(op.method, req.url, { raw: req.raw, headers });
              sent++;
              expect(res.status, `${op.method} ${req.url} → ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
              if (res.status >= 400) {
                expect(res.headers.get('content-type'), `${op.method} ${req.url} → ${res.status}`).toContain(
                  'application/problem+json',
                );
                const after = await counts();
                if (after !== before) {
                  const [b, a] = [
                    JSON.parse(before) as Record<string, number>,
                    JSON.parse(after) as Record<string, number>,
                  ];
                  const changed = Object.keys(a)
                    .filter((k) => a[k] !== b[k])
                    .map((k) => `${k} ${b[k]}→${a[k]}`);
                  expect.fail(`${op.method} ${req.url} → ${res.status} wrote rows: ${changed.join(', ')}`);
                }
              } else {
                before = await counts();
              }
            }),
            { numRuns: perOp, seed: SEED + i, endOnFailure: true },
          );
        } catch (e) {
          // fast-check keeps the failing assertion as the cause.
          const message = `${(e as { cause?: Error }).cause?.message ?? ''}\n${(e as Error).message}`;
          // The assertion's own message names the request, its status and what went wrong.
          const cause =
            [...message.matchAll(/(GET|POST|PUT|PATCH|DELETE) \/api[^\n]*(→|wrote rows)[^\n]*/g)]
              .map((m) => m[0])
              .join(' | ') || message.split('\n').slice(0, 4).join(' | ');
          failures.push(`${op.method} ${op.path}: ${cause.slice(0, 1500)}`);
          before = await counts();
        }
      }
      // The edges Fastify answers before any route: unknown route, over-long URL, over-large body.
      for (const [method, url, raw] of [
        ['GET', '/api/does-not-exist', undefined],
        ['POST', '/api/does-not-exist', '{}'],
        ['GET', `/api/calls/${'a'.repeat(100_000)}`, undefined],
        ['POST', '/api/calls', JSON.stringify({ title: 'x'.repeat(3 * 1024 * 1024) })],
      ] as const) {
        const res = await lead.http.request(method, url, {
          raw,
          headers: raw ? { 'content-type': 'application/json' } : {},
        });
        sent++;
        if (res.status >= 500 || !res.headers.get('content-type')?.includes('application/problem+json'))
          failures.push(`${method} ${url.slice(0, 60)} → ${res.status} ${res.headers.get('content-type')}`);
      }
      expect(failures, `seed ${SEED}`).toEqual([]);
      if (!only) expect(sent).toBeGreaterThanOrEqual(TOTAL_RUNS);
    },
    30 * 60_000,
  );
});
