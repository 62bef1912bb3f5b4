import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      processRole: 'all',
      databaseUrl: undefined,
      redisUrl: undefined,
      chromiumPath: '/usr/bin/chromium',
    });
  });

  it('reads and converts values', () => {
    const c = loadConfig({
      PORT: '8080',
      PROCESS_ROLE: 'worker',
      DATABASE_URL: 'postgres://u@h/db',
      REDIS_URL: 'redis://h:6379',
      COOKIE_SECURE: 'true',
    });
    expect(c).toMatchObject({
      port: 8080,
      processRole: 'worker',
      databaseUrl: 'postgres://u@h/db',
      redisUrl: 'redis://h:6379',
      cookieSecure: true,
    });
  });

  it('takes an owner URL for migrations beside the application role, never alone', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgres://app:a@h/db', DATABASE_OWNER_URL: 'postgres://owner:o@h/db' }),
    ).toMatchObject({ databaseUrl: 'postgres://app:a@h/db', databaseOwnerUrl: 'postgres://owner:o@h/db' });
    expect(() => loadConfig({ DATABASE_OWNER_URL: 'postgres://owner:o@h/db' })).toThrow(/needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a@h/db', DATABASE_OWNER_URL: 'mysql://x' })).toThrow(
      ConfigError,
    );
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'abc', PROCESS_ROLE: 'boss', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('PROCESS_ROLE');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('REDIS_URL');
    }
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' })).toMatchObject({
      databaseUrl: undefined,
      redisUrl: undefined,
    });
  });
});

describe('TRUST_PROXY', () => {
  it('takes false, true, a hop count or a list of proxy addresses and CIDRs', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.10,loopback, fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
      'loopback',
      'fd00::/8',
    ]);
  });

  it('refuses anything else with the list of accepted forms', () => {
    for (const bad of ['yes', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/2', '-1', 'localhost']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
    }
    try {
      loadConfig({ TRUST_PROXY: 'yes' });
    } catch (e) {
      expect((e as ConfigError).problems[0]).toMatch(/^TRUST_PROXY must be false, true, a number of proxies/);
    }
  });
});
