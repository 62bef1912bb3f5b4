import { describe, expect, it } from 'vitest';
import { databaseUrls, derivedAppUrl, DERIVED_APP_ROLE, roleOf } from './db-roles';
import { majorOf } from './pg-tools';

describe('database roles', () => {
  it('uses DATABASE_URL as the application role when an owner URL is given', () => {
    const urls = databaseUrls('postgres://app:a@db:5432/k', 'postgres://owner:o@db:5432/k');
    expect(urls).toEqual({ owner: 'postgres://owner:o@db:5432/k', app: 'postgres://app:a@db:5432/k', derived: false });
  });

  it('derives the application role from a single URL: same server, database and options, its own password', () => {
    const urls = databaseUrls('postgres://owner:secret@db:5432/k?sslmode=require');
    expect(urls.owner).toBe('postgres://owner:secret@db:5432/k?sslmode=require');
    expect(urls.derived).toBe(true);
    const app = new URL(urls.app);
    expect(roleOf(urls.app)).toBe(DERIVED_APP_ROLE);
    expect([app.host, app.pathname, app.search]).toEqual(['db:5432', '/k', '?sslmode=require']);
    expect(app.password).toMatch(/^[0-9a-f]{32}$/);
    expect(app.password).not.toContain('secret');
  });

  it('gives every database of one owner the same derived password, and another owner another', () => {
    const a = new URL(derivedAppUrl('postgres://owner:secret@db/one')).password;
    expect(new URL(derivedAppUrl('postgres://owner:secret@other-host:6432/two')).password).toBe(a);
    expect(new URL(derivedAppUrl('postgres://owner:other@db/one')).password).not.toBe(a);
    expect(new URL(derivedAppUrl('postgres://postgres@127.0.0.1/x')).password).toMatch(/^[0-9a-f]{32}$/);
  });

  it("reads pg_dump's major version", () => {
    expect(majorOf('pg_dump (PostgreSQL) 17.4 (Debian 17.4-1.pgdg120+2)')).toBe(17);
    expect(majorOf('pg_dump (PostgreSQL) 9.6.24')).toBe(9);
    expect(majorOf('something else')).toBe(0);
  });
});
