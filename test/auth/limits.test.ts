import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenCall, intentionBody } from '../factories/candidatures';
import { insertUser, signIn, TEST_PASSWORD } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('atomic limits under parallel requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('checks at most 20 of 60 parallel wrong sign-ins from one IP; the rest get 429 with Retry-After', async () => {
    const ip = '198.51.100.60';
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t
          .client()
          .post(
            '/api/auth/login',
            { email: `guess${i}@example.org`, password: 'not-the-password' },
            { headers: { 'x-forwarded-for': ip } },
          ),
      ),
    );
    const checked = results.filter((r) => r.status === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(20);
    const refused = results.filter((r) => r.status === 429);
    expect(refused.length).toBe(60 - checked);
    expect(refused[0].body.code).toBe('too_many_attempts');
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThan(0);
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND ip = $1`,
      [ip],
    );
    expect(n).toBe(checked);
  });

  it('checks at most 5 of 12 parallel wrong passwords on one account, whatever the IPs', async () => {
    const { email } = await insertUser(t, 'coordinator');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t
          .client()
          .post(
            '/api/auth/login',
            { email, password: `wrong-${i}` },
            { headers: { 'x-forwarded-for': `192.0.2.${i + 1}` } },
          ),
      ),
    );
    const checked = results.filter((r) => r.status === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.status === 429).length).toBe(12 - checked);
  });

  it('delays rather than locks: after the Retry-After wait the real password is checked and accepted', async () => {
    const { email } = await insertUser(t, 'reviewer');
    for (let i = 0; i < 5; i++)
      expect(
        (
          await t
            .client()
            .post(
              '/api/auth/login',
              { email, password: `wrong-${i}` },
              { headers: { 'x-forwarded-for': '192.0.2.200' } },
            )
        ).status,
      ).toBe(401);
    const blocked = await t
      .client()
      .post('/api/auth/login', { email, password: TEST_PASSWORD }, { headers: { 'x-forwarded-for': '192.0.2.201' } });
    expect(blocked.status).toBe(429);
    const wait = Number(blocked.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(2);
    await sleep(wait * 1000 + 200);
    const ok = await t
      .client()
      .post('/api/auth/login', { email, password: TEST_PASSWORD }, { headers: { 'x-forwarded-for': '192.0.2.201' } });
    expect(ok.status, ok.text).toBe(200);
  });

  it('lets the owner sign in from a browser they used before while the account is being guessed at', async () => {
    const { email } = await insertUser(t, 'coordinator');
    const owner = t.client();
    expect(
      (
        await owner.post(
          '/api/auth/login',
          { email, password: TEST_PASSWORD },
          { headers: { 'x-forwarded-for': '192.0.2.50' } },
        )
      ).status,
    ).toBe(200);
    expect((await owner.post('/api/auth/logout')).status).toBe(204);
    for (let i = 0; i < 8; i++)
      await t
        .client()
        .post(
          '/api/auth/login',
          { email, password: `guess-${i}` },
          { headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } },
        );
    const stranger = await t
      .client()
      .post('/api/auth/login', { email, password: TEST_PASSWORD }, { headers: { 'x-forwarded-for': '203.0.113.99' } });
    expect(stranger.status).toBe(429);
    const again = await owner.post(
      '/api/auth/login',
      { email, password: TEST_PASSWORD },
      { headers: { 'x-forwarded-for': '192.0.2.50' } },
    );
    expect(again.status, again.text).toBe(200);
  });

  it('accepts at most 10 of 40 parallel public candidatures from one IP, and stores exactly those', async () => {
    const lead = await signIn(t, 'lead');
    const call = await createOpenCall(lead.http);
    const ip = '198.51.100.40';
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        t
          .client()
          .post(`/api/public/calls/${call.id}/candidatures`, intentionBody(), { headers: { 'x-forwarded-for': ip } }),
      ),
    );
    const accepted = results.filter((r) => r.status === 201).length;
    expect(accepted).toBe(10);
    expect(results.filter((r) => r.status === 429).length).toBe(30);
    expect(results.find((r) => r.status === 429)!.body.code).toBe('too_many_submissions');
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM candidatures WHERE call_id = $1`, [
      call.id,
    ]);
    expect(n).toBe(10);
  });

  it('gives the place back when a public candidature is refused for another reason', async () => {
    const lead = await signIn(t, 'lead');
    const call = await createOpenCall(lead.http);
    const closed = await createOpenCall(lead.http, {
      waveYear: 2020,
      intentionDeadline: '2020-06-01',
      engagementDeadline: '2020-09-01',
    });
    const ip = '198.51.100.41';
    // Refused by the service after the place was reserved (the deadline has passed): the rollback gives it back.
    for (let i = 0; i < 12; i++) {
      const late = await t
        .client()
        .post(`/api/public/calls/${closed.id}/candidatures`, intentionBody(), { headers: { 'x-forwarded-for': ip } });
      expect(late.status).toBe(409);
    }
    const ok = await t
      .client()
      .post(`/api/public/calls/${call.id}/candidatures`, intentionBody(), { headers: { 'x-forwarded-for': ip } });
    expect(ok.status, ok.text).toBe(201);
  });
});
