import { describe, expect, it } from 'vitest';
import type { TrustProxy } from '../../src/config/config';
import { createTestApp } from '../support/test-app';

/** The IP the application saw for one failed sign-in (the audit trail records it). */
async function seenIp(trustProxy: TrustProxy, forwardedFor: string): Promise<string | null> {
  const t = await createTestApp({ overrides: { trustProxy } });
  try {
    const email = `ip-${Math.random().toString(36).slice(2)}@example.org`;
    const res = await t
      .client()
      .post(
        '/api/auth/login',
        { email, password: 'not-the-password' },
        { headers: { 'x-forwarded-for': forwardedFor } },
      );
    expect(res.status).toBe(401);
    const [row] = await t.sql<{ ip: string | null }>(
      `SELECT ip::text AS ip FROM audit_log WHERE action = 'auth.login_failed' AND entity_id = $1`,
      [email],
    );
    return row?.ip?.replace(/\/\d+$/, '') ?? null;
  } finally {
    await t.close();
  }
}

describe('TRUST_PROXY: the client address is the right-most one that is not a trusted proxy', () => {
  // The socket address is 127.0.0.1 (the proxy); the client wrote the first entry itself.
  const chain = '6.6.6.6, 198.51.100.23, 10.0.0.5';

  it('false: ignores X-Forwarded-For', async () => {
    expect(await seenIp(false, chain)).toBe('127.0.0.1');
  });

  it('true: one proxy in front, so the last forwarded address, never the client-written first one', async () => {
    expect(await seenIp(true, chain)).toBe('10.0.0.5');
  });

  it('a hop count: two proxies in front', async () => {
    expect(await seenIp(2, chain)).toBe('198.51.100.23');
  });

  it('a list of proxy addresses and CIDRs: skips the trusted ones from the right', async () => {
    expect(await seenIp(['127.0.0.1', '10.0.0.0/8'], chain)).toBe('198.51.100.23');
  });
});
