import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

describe('platform health, errors and OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ openApi: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports database and queue up', async () => {
    const res = await t.client().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up', queue: 'up' });
    expect(res.headers.get('x-request-id')).toMatch(/.+/);
  });

  it('keeps a caller request id', async () => {
    const res = await t.client().get('/api/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
  });

  it('runs a queued probe job to completion on the configured backend', async () => {
    const http = t.client();
    const queued = await http.post('/api/health/probe');
    expect(queued.status).toBe(202);
    const done = await waitFor(async () => {
      const r = await http.get(`/api/health/probe/${queued.body.id}`);
      return r.body.state === 'completed' ? r.body : undefined;
    });
    expect(done.result).toMatchObject({ ok: true });
  });

  it('answers an unknown probe with a problem+json 404', async () => {
    const res = await t.client().get('/api/health/probe/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, code: 'probe_not_found' });
  });

  it('answers unknown API routes with problem+json, never the client page', async () => {
    const res = await t.client().get('/api/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses malformed JSON with a 400 problem, not a 500', async () => {
    const res = await t
      .client()
      .request('POST', '/api/health/probe', { raw: '{not json', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('serves the OpenAPI description', async () => {
    const res = await t.client().get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/health');
  });

  it('sets security headers', async () => {
    const res = await t.client().get('/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('serves the client compressed, with hashed assets cached for good and the page revalidated', async () => {
    const page = await fetch(`${t.baseUrl}/pilotes`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const plain = await fetch(`${t.baseUrl}${script}`, { headers: { 'accept-encoding': 'identity' } });
    const plainBytes = Buffer.from(await plain.arrayBuffer());
    for (const encoding of ['br', 'gzip']) {
      // fetch decodes what it receives: the same bytes come back, and the header says they travelled compressed.
      const res = await fetch(`${t.baseUrl}${script}`, { headers: { 'accept-encoding': encoding } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(Buffer.from(await res.arrayBuffer()).equals(plainBytes)).toBe(true);
    }
  });
});
