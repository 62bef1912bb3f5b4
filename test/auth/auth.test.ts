import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, signIn, signInAs, TEST_PASSWORD } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

describe('accounts and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs in with an httpOnly SameSite=Lax cookie and answers me', async () => {
    const { email } = await insertUser(t, 'coordinator', 'Claire Martin');
    const http = t.client();
    const res = await http.post('/api/auth/login', { email: email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email, name: 'Claire Martin', role: 'coordinator', pilotIds: [] });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/projetk_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await http.get('/api/auth/me');
    expect(me.body).toMatchObject({ email, role: 'coordinator' });
    const [stored] = await t.sql<{ token_hash: Buffer }>(
      `SELECT token_hash FROM sessions ORDER BY created_at DESC LIMIT 1`,
    );
    expect(stored.token_hash.length).toBe(32);
    expect(cookie).not.toContain(stored.token_hash.toString('base64url'));
  });

  it('refuses a wrong password with 401 and records the failure', async () => {
    const { email } = await insertUser(t, 'reviewer');
    const res = await t.client().post('/api/auth/login', { email, password: 'not-the-password-at-all' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_credentials');
    const rows = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'auth.login_failed' AND entity_id = $1`, [email]);
    expect(rows).toHaveLength(1);
  });

  it('answers 401 without a session and 400 on unknown fields', async () => {
    expect((await t.client().get('/api/auth/me')).status).toBe(401);
    const res = await t.client().post('/api/auth/login', { email: 'a@b.fr', password: 'x', admin: true });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'admin', code: 'unknown_field' }));
  });

  it('issues a new session token at each sign-in and ends it at logout', async () => {
    const { email } = await insertUser(t, 'committee');
    const a = await signInAs(t, email);
    const b = await signInAs(t, email);
    const sessions = await t.sql(`SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1`, [
      email,
    ]);
    expect(sessions).toHaveLength(2);
    expect((await a.http.post('/api/auth/logout')).status).toBe(204);
    expect((await a.http.get('/api/auth/me')).status).toBe(401);
    expect((await b.http.get('/api/auth/me')).status).toBe(200);
  });

  it('expires sessions after 8 h idle, and after 7 days whatever the activity', async () => {
    const idle = await signIn(t, 'reviewer');
    await t.sql(`UPDATE sessions SET last_seen_at = now() - interval '8 hours 1 minute' WHERE user_id = $1`, [
      idle.user.id,
    ]);
    const res = await idle.http.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('session_expired');

    const old = await signIn(t, 'reviewer');
    await t.sql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [old.user.id]);
    expect((await old.http.get('/api/auth/me')).body.code).toBe('session_expired');
  });

  it('does not keep an idle session alive through public routes (the health poll)', async () => {
    const idle = await signIn(t, 'coordinator');
    await t.sql(`UPDATE sessions SET last_seen_at = now() - interval '7 hours' WHERE user_id = $1`, [idle.user.id]);
    expect((await idle.http.get('/api/health')).status).toBe(200);
    const [after] = await t.sql<{ idle: boolean }>(
      `SELECT last_seen_at < now() - interval '6 hours' AS idle FROM sessions WHERE user_id = $1`,
      [idle.user.id],
    );
    expect(after.idle).toBe(true);
    // A signed-in request does extend it.
    expect((await idle.http.get('/api/auth/me')).status).toBe(200);
    const [touched] = await t.sql<{ idle: boolean }>(
      `SELECT last_seen_at < now() - interval '6 hours' AS idle FROM sessions WHERE user_id = $1`,
      [idle.user.id],
    );
    expect(touched.idle).toBe(false);
  });

  it('ends every session of a disabled user and refuses their sign-in', async () => {
    const lead = await signIn(t, 'lead');
    const { email, id } = await insertUser(t, 'coordinator');
    const user = await signInAs(t, email);
    const res = await lead.http.patch(`/api/users/${id}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await user.http.get('/api/auth/me')).status).toBe(401);
    const again = await t.client().post('/api/auth/login', { email, password: TEST_PASSWORD });
    expect(again.status).toBe(401);
    // Only someone who knows the password learns that the account is disabled.
    expect(again.body.code).toBe('account_disabled');
    expect((await t.client().post('/api/auth/login', { email, password: 'not-the-password-at-all' })).body.code).toBe(
      'invalid_credentials',
    );
  });

  it('ends every session when the password changes, and enforces the policy', async () => {
    const { email } = await insertUser(t, 'committee');
    const a = await signInAs(t, email);
    const b = await signInAs(t, email);
    const weak = await a.http.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'password1234',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('weak_password');
    const wrong = await a.http.post('/api/auth/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'Un-Nouveau-Mot-De-Passe-42',
    });
    expect(wrong.status).toBe(403);
    const ok = await a.http.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Un-Nouveau-Mot-De-Passe-42',
    });
    expect(ok.status).toBe(204);
    expect((await a.http.get('/api/auth/me')).status).toBe(401);
    expect((await b.http.get('/api/auth/me')).status).toBe(401);
    await signInAs(t, email, 'Un-Nouveau-Mot-De-Passe-42');
  });

  it('throttles failed sign-ins per account with 429 and Retry-After', async () => {
    const { email } = await insertUser(t, 'reviewer');
    for (let i = 0; i < 5; i++)
      expect((await t.client().post('/api/auth/login', { email, password: `wrong-password-${i}` })).status).toBe(401);
    const blocked = await t.client().post('/api/auth/login', { email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('throttles failed sign-ins per IP across accounts', async () => {
    // The per-IP count uses the address the server sees; a forwarded address is trusted behind the proxy.
    const ip = '203.0.113.7';
    for (let i = 0; i < 20; i++) {
      const res = await t
        .client()
        .post(
          '/api/auth/login',
          { email: `nobody${i}@example.org`, password: 'wrong-password-x' },
          { headers: { 'x-forwarded-for': ip } },
        );
      expect(res.status).toBe(401);
    }
    const { email } = await insertUser(t, 'reviewer');
    const res = await t
      .client()
      .post('/api/auth/login', { email, password: TEST_PASSWORD }, { headers: { 'x-forwarded-for': ip } });
    expect(res.status).toBe(429);
  });

  it('refuses a cookie request that changes something without the CSRF proof', async () => {
    const lead = await signIn(t, 'lead');
    lead.http.withoutCsrfHeader();
    const res = await lead.http.post('/api/auth/tokens', { name: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf_rejected');
    const sameOrigin = await lead.http.post('/api/auth/tokens', { name: 'x' }, { headers: { origin: t.baseUrl } });
    expect(sameOrigin.status).toBe(201);
    const crossSite = await lead.http.post(
      '/api/auth/tokens',
      { name: 'x' },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(crossSite.status).toBe(403);
  });

  it('gives personal API tokens: shown once, hashed, bearer without CSRF, revocable', async () => {
    const lead = await signIn(t, 'lead');
    const created = await lead.http.post('/api/auth/tokens', { name: 'Export mensuel' });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^pk_/);
    const listed = await lead.http.get('/api/auth/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const script = t.client().withBearer(token);
    expect((await script.get('/api/auth/me')).body.email).toBe(lead.user.email);
    expect((await script.post('/api/auth/tokens', { name: 'from a script' })).status).toBe(201);
    expect((await lead.http.delete(`/api/auth/tokens/${created.body.id}`)).status).toBe(204);
    expect((await script.get('/api/auth/me')).status).toBe(401);
    expect((await t.client().withBearer('pk_forged').get('/api/auth/me')).status).toBe(401);
  });
});

describe('users administration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets a lead create users, refusing duplicates and weak passwords', async () => {
    const lead = await signIn(t, 'lead');
    const body = {
      email: 'Coordination@Mairie-Exemple.fr',
      name: 'Jeanne Dupuy',
      role: 'coordinator',
      password: 'Compost-et-Vélo-2026!',
    };
    const created = await lead.http.post('/api/users', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'coordination@mairie-exemple.fr', role: 'coordinator', active: true });
    expect(created.body).not.toHaveProperty('passwordHash');
    expect((await lead.http.post('/api/users', body)).status).toBe(409);
    const weak = await lead.http.post('/api/users', { ...body, email: 'x@y.fr', password: 'qwerty123456' });
    expect(weak.status).toBe(400);
    const badRole = await lead.http.post('/api/users', { ...body, email: 'z@y.fr', role: 'admin' });
    expect(badRole.status).toBe(400);
    expect((await lead.http.get('/api/users')).body.map((u: { email: string }) => u.email)).toContain(
      'coordination@mairie-exemple.fr',
    );
    const audit = await lead.http.get(`/api/audit?entity=user&entityId=${created.body.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'user.create', userId: lead.user.id });
  });

  it('keeps at least one active lead', async () => {
    const lead = await signIn(t, 'lead');
    await t.sql(`UPDATE users SET active = false WHERE role = 'lead' AND id <> $1`, [lead.user.id]);
    const res = await lead.http.patch(`/api/users/${lead.user.id}`, { role: 'reviewer' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('last_lead');
  });

  it('refuses users administration to other roles', async () => {
    for (const role of ['coordinator', 'committee', 'reviewer'] as const) {
      const u = await signIn(t, role);
      expect((await u.http.get('/api/users')).status).toBe(403);
      expect(
        (
          await u.http.post('/api/users', {
            email: 'a@b.fr',
            name: 'A',
            role: 'lead',
            password: 'Compost-et-Vélo-2026!',
          })
        ).status,
      ).toBe(403);
    }
  });
});

describe('the audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    await signIn(t, 'lead');
    await expect(t.sql(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('exports the trail as CSV for the lead only', async () => {
    const lead = await signIn(t, 'lead');
    const csv = await lead.http.get('/api/audit?format=csv&action=auth.login');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain(lead.user.email);
    const coordinator = await signIn(t, 'coordinator');
    expect((await coordinator.http.get('/api/audit')).status).toBe(403);
    const denied = await lead.http.get(`/api/audit?action=access.denied&userId=${coordinator.user.id}`);
    expect(denied.body.items.length).toBeGreaterThan(0);
  });
});

describe('client address without a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ overrides: { trustProxy: false } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ignores X-Forwarded-For, so a caller cannot choose the IP that throttling and the audit trail see', async () => {
    const { email } = await insertUser(t, 'reviewer');
    const res = await t
      .client()
      .post(
        '/api/auth/login',
        { email, password: 'wrong-password-x' },
        { headers: { 'x-forwarded-for': '203.0.113.9' } },
      );
    expect(res.status).toBe(401);
    const [row] = await t.sql<{ ip: string }>(
      `SELECT ip FROM audit_log WHERE action = 'auth.login_failed' AND entity_id = $1`,
      [email],
    );
    expect(row.ip).toBe('127.0.0.1');
  });
});
