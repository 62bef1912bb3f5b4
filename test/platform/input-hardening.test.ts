import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenCall, intentionBody } from '../factories/candidatures';
import { createPilot } from '../factories/pilots';
import { signIn, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';
import type { HttpResponse } from '../support/http-client';

const PROBLEM = 'application/problem+json';

/** Row counts of every table, to prove a rejected request wrote nothing. */
async function counts(t: TestApp): Promise<Record<string, number>> {
  const tables = await t.sql<{ t: string }>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
  );
  const [row] = await t.sql<Record<string, number>>(
    `SELECT ${tables.map((x) => `(SELECT count(*)::int FROM "${x.t}") AS "${x.t}"`).join(', ')}`,
  );
  return row;
}

function expectProblem(res: HttpResponse, status: number, code?: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toContain(PROBLEM);
  if (code) expect(res.body.code).toBe(code);
  // French detail from the catalogue, never SQL.
  expect(typeof res.body.detail).toBe('string');
  expect(res.body.detail).not.toMatch(/SELECT|INSERT|UPDATE|syntax|relation|column|violates/i);
}

describe('input hardening at the edge', () => {
  let t: TestApp;
  let lead: SignedIn;
  let callId: string;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    callId = (await createOpenCall(lead.http)).id;
  });
  afterAll(() => t?.close());

  it('refuses a NUL byte in a body string with 400 invalid_characters naming the field, and writes nothing', async () => {
    const before = await counts(t);
    const res = await t
      .client()
      .post(`/api/public/calls/${callId}/candidatures`, intentionBody({ contactName: 'Mairie\u0000' }));
    expectProblem(res, 400, 'invalid_characters');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'body.contactName', code: 'invalid_characters' }),
    ]);
    expect(res.body.errors[0].message).toMatch(/caractère/);
    expect(await counts(t)).toEqual(before);
  });

  it('refuses a lone surrogate in a nested string and in an object key', async () => {
    const res = await t
      .client()
      .post(
        `/api/public/calls/${callId}/candidatures`,
        JSON.parse('{"communes":[{"name":"Saint-Gen\\ud800s"}],"inhabitants":1200}'),
      );
    expectProblem(res, 400, 'invalid_characters');
    expect(res.body.errors[0].field).toBe('body.communes.0.name');
    const key = await lead.http.request('POST', '/api/calls', {
      raw: '{"ti\\udc00tle":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(key, 400, 'invalid_characters');
  });

  it('refuses NUL bytes in query strings and path parameters', async () => {
    expectProblem(await lead.http.get('/api/pilots?status=running%00'), 400, 'invalid_characters');
    expectProblem(await lead.http.get('/api/calls/%00'), 400, 'invalid_characters');
  });

  it('answers 50 000 nested arrays on the anonymous sign-in with 400 body_too_deep, not a stack overflow', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const res = await t.client().request('POST', '/api/auth/login', {
      raw: `{"email":${deep},"password":"x"}`,
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 400, 'body_too_deep');
  });

  it('refuses nested lists where a list of objects is expected (communes, webinars) and a letter without its intention', async () => {
    const before = await counts(t);
    const communes = await t
      .client()
      .post(`/api/public/calls/${callId}/candidatures`, intentionBody({ communes: [[[]]] }));
    expectProblem(communes, 400, 'validation_failed');
    expect(communes.body.errors.map((e: { field: string }) => e.field)).toContain('communes');
    const webinars = await lead.http.patch(`/api/calls/${callId}`, { webinars: [[[]]] });
    expectProblem(webinars, 400, 'validation_failed');
    const { intention: _i, ...noIntention } = intentionBody();
    const missing = await t.client().post(`/api/public/calls/${callId}/candidatures`, noIntention);
    expectProblem(missing, 400, 'validation_failed');
    expect(missing.body.errors).toContainEqual({
      field: 'intention',
      code: 'required',
      message: 'Ce champ est obligatoire.',
    });
    expect(await counts(t)).toEqual(before);
    const call = await lead.http.get(`/api/public/calls/${callId}`);
    expect(call.body.webinars).toEqual([]);
  });

  it('accepts null only where the column takes it', async () => {
    const pilot = await createPilot(lead.http);
    // contact is nullable: null clears it.
    const actor = await lead.http.post(`/api/pilots/${pilot.id}/actors`, {
      name: 'Recyclerie',
      type: 'associative',
      contact: null,
    });
    expect(actor.status, actor.text).toBe(201);
    // title is not: null is refused with a French message, before the database.
    const res = await lead.http.patch(`/api/calls/${callId}`, { title: null });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toContainEqual({
      field: 'title',
      code: 'not_null',
      message: 'Ce champ ne peut pas être vide (null).',
    });
  });

  it('answers a forged pagination cursor with 400 invalid_cursor on every cursor list', async () => {
    const pilot = await createPilot(lead.http);
    const forged = Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url');
    expect(forged).toBe('WyJ4IiwieSJd');
    const lists = [
      '/api/pilots',
      '/api/calls',
      `/api/calls/${callId}/candidatures`,
      `/api/pilots/${pilot.id}/activities`,
      `/api/pilots/${pilot.id}/ledger`,
      `/api/pilots/${pilot.id}/reports`,
      '/api/reports',
      '/api/audit',
    ];
    for (const list of lists) {
      for (const cursor of [
        forged,
        'not base64!',
        Buffer.from('{"a":1}').toString('base64url'),
        Buffer.from('[1e400]').toString('base64url'),
      ]) {
        const res = await lead.http.get(`${list}?cursor=${encodeURIComponent(cursor)}`);
        expectProblem(res, 400, 'invalid_cursor');
        expect(res.body.errors[0]).toMatchObject({ field: 'cursor', code: 'invalid_cursor' });
      }
    }
  });

  it('keeps real cursors working', async () => {
    for (let i = 0; i < 3; i++) await createPilot(lead.http, { name: `Pilote curseur ${i}` });
    const first = await lead.http.get('/api/pilots?limit=1');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await lead.http.get(`/api/pilots?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.status, second.text).toBe(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('answers 404, 413, 415, malformed URLs and malformed JSON as problem+json with a French detail', async () => {
    const notFound = await t.client().get('/api/no-such-route');
    expectProblem(notFound, 404, 'not_found');
    expect(notFound.body.detail).toBe("L'élément demandé est introuvable.");
    const big = await lead.http.post('/api/calls', { title: 'x'.repeat(2 * 1024 * 1024) });
    expectProblem(big, 413, 'payload_too_large');
    const badUrl = await lead.http.get('/api/calls/%E0%A4%A');
    expectProblem(badUrl, 400, 'bad_url');
    const long = await lead.http.get(`/api/calls/${'a'.repeat(5000)}`);
    expect(long.headers.get('content-type')).toContain(PROBLEM);
    expect(long.status).toBeLessThan(500);
    const media = await lead.http.request('POST', '/api/calls', {
      raw: 'title=x',
      headers: { 'content-type': 'text/csv' },
    });
    expectProblem(media, 415, 'unsupported_media_type');
    const json = await lead.http.request('POST', '/api/calls', {
      raw: '{"title":',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(json, 400, 'validation_failed');
    expect(json.body.errors).toEqual([
      { field: 'body', code: 'malformed_json', message: 'Le contenu de la demande n’est pas un JSON valide.' },
    ]);
  });

  it('lets a receipt route take a body larger than the default limit', async () => {
    const pilot = await createPilot(lead.http);
    // 3 MB of base64 is over the 1 MB default; the receipt route reads it (and answers about the entry, not the size).
    const res = await lead.http.post(`/api/pilots/${pilot.id}/ledger/00000000-0000-4000-8000-000000000000/receipt`, {
      filename: 'recu.pdf',
      contentBase64: 'A'.repeat(3 * 1024 * 1024),
    });
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });
});
