import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PILOT_SCOPE_KEY, PilotScopeRule, ROLES_KEY } from '../../src/auth/auth.decorators';
import { ROLES, Role } from '../../src/auth/auth.types';
import { IS_PUBLIC } from '../../src/common/public.decorator';
import { seedDemo } from '../../src/demo/demo.seed';
import { insertUser, signInAs } from '../factories/users';
import type { HttpClient, HttpResponse } from '../support/http-client';
import { createTestApp, TestApp } from '../support/test-app';

/** A route as the application itself declares it (never a hand-written list). */
type Route = {
  method: string;
  path: string;
  name: string;
  isPublic: boolean;
  roles: Role[] | undefined;
  scope: PilotScopeRule | undefined;
};

// Nest's own metadata keys for @Controller(path) / @Get(path) etc.
const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';
// Routes whose scoped table has no row in the demo pilot are skipped; more than this fails the test.
const MAX_SKIPPED = 3;
const BATCH = 8;

function joinPath(...parts: string[]): string {
  return `/${parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
}

/** Every HTTP route of the running app, read from Nest's module container and the handlers' metadata. */
function enumerateRoutes(t: TestApp): Route[] {
  const modules = t.app.get(ModulesContainer);
  const reflector = t.app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!type) continue;
      const prefixes = [Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined]
        .flat()
        .map((p) => p ?? '');
      for (const name of scanner.getAllMethodNames(type.prototype as object)) {
        const handler = (type.prototype as Record<string, unknown>)[name] as object;
        const own = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (own === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const targets = [handler as () => void, type];
        for (const prefix of prefixes) {
          for (const p of [own].flat()) {
            routes.push({
              method,
              path: joinPath('api', prefix, p),
              name: `${type.name}.${name}`,
              isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
              roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
              scope: reflector.getAllAndOverride<PilotScopeRule | undefined>(PILOT_SCOPE_KEY, targets),
            });
          }
        }
      }
    }
  }
  return routes;
}

type Caller = { label: string; role: Role | null; http: HttpClient; inScope: boolean };
type Outcome = { route: Route; caller: Caller; url: string; res: HttpResponse };

/** The 404 the scope guard answers (services may answer their own 404 codes). */
const isGuard404 = (res: HttpResponse) => res.status === 404 && res.body?.code === 'not_found';

describe('access matrix: every route × every role and no session', () => {
  let t: TestApp;
  let routes: Route[];
  let demoPilotId: string;
  let otherPilotId: string;
  const callers: Caller[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    // The demo seed creates users and, as feature seeders land, a demo pilot with rows in every table.
    await seedDemo(t.app);
    const [demo] = await t.sql<{ id: string }>(`SELECT id FROM pilots ORDER BY created_at LIMIT 1`);
    demoPilotId =
      demo?.id ??
      (
        await t.sql<{ id: string }>(
          `INSERT INTO pilots (name, inhabitants) VALUES ('Pilote de démonstration', 1100) RETURNING id`,
        )
      )[0].id;
    [{ id: otherPilotId }] = await t.sql<{ id: string }>(
      `INSERT INTO pilots (name, inhabitants) VALUES ('Autre pilote', 950) RETURNING id`,
    );
    routes = enumerateRoutes(t);

    const add = async (label: string, role: Role, pilotId: string | null, inScope: boolean) => {
      const { id, email } = await insertUser(t, role);
      if (pilotId)
        await t.sql(`INSERT INTO pilot_members (pilot_id, user_id, role) VALUES ($1, $2, $3)`, [pilotId, id, role]);
      callers.push({ label, role, inScope, http: (await signInAs(t, email)).http });
    };
    callers.push({ label: 'no session', role: null, inScope: false, http: t.client() });
    await add('committee', 'committee', null, false);
    await add('coordinator of another pilot', 'coordinator', otherPilotId, false);
    await add('reviewer of another pilot', 'reviewer', otherPilotId, false);
    await add('coordinator of the demo pilot', 'coordinator', demoPilotId, true);
    await add('reviewer of the demo pilot', 'reviewer', demoPilotId, true);
    // Last: the lead's empty-body writes must not remove rows the others are still probing.
    await add('lead', 'lead', null, true);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds the routes from the application, and each exists in the HTTP server', () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes)
      expect(fastify.hasRoute({ method: r.method, url: r.path }), `${r.method} ${r.path}`).toBe(true);
    for (const must of [
      'POST /api/auth/login',
      'GET /api/auth/me',
      'GET /api/users',
      'POST /api/pilots/:id/members',
      'GET /api/audit',
    ]) {
      expect(routes.map((r) => `${r.method} ${r.path}`)).toContain(must);
    }
  });

  it('declares roles on every route that is not public (none relies on the deny-by-default)', () => {
    const undeclared = routes
      .filter((r) => !r.isPublic && (!r.roles || r.roles.length === 0))
      .map((r) => `${r.method} ${r.path} (${r.name})`);
    expect(undeclared).toEqual([]);
    for (const r of routes) for (const role of r.roles ?? []) expect(ROLES).toContain(role);
  });

  it('answers what each declaration says, for no session, each role, and another pilot’s ids', async () => {
    // Ids of the demo pilot's rows for routes scoped through a table; other parameters get unknown ids.
    const rowOf = new Map<string, string | null>();
    for (const table of new Set(routes.map((r) => r.scope?.table).filter((x): x is string => !!x))) {
      const rows = await t.sql<{ id: string }>(`SELECT id::text FROM "${table}" WHERE pilot_id = $1 LIMIT 1`, [
        demoPilotId,
      ]);
      rowOf.set(table, rows[0]?.id ?? null);
    }
    const skipped: string[] = [];
    // Everyone probes the demo pilot's ids: in scope for its members and the lead, another pilot's for the rest.
    const urlFor = (r: Route, pilotId: string): string | null => {
      let path = r.path;
      for (const [, param] of r.path.matchAll(/:(\w+)/g)) {
        let value: string;
        if (r.scope?.param === param) {
          const row = r.scope.table ? rowOf.get(r.scope.table) : pilotId;
          if (!row) return null;
          value = row;
        } else value = /year/i.test(param) ? '2024' : randomUUID();
        path = path.replace(`:${param}`, value);
      }
      return path;
    };

    const jobs: { route: Route; caller: Caller; url: string }[] = [];
    for (const route of routes) {
      const url = urlFor(route, demoPilotId);
      if (url === null) {
        skipped.push(`${route.method} ${route.path} (no ${route.scope?.table} row in the demo pilot)`);
        continue;
      }
      for (const caller of callers) {
        if (route.isPublic && caller.role) continue;
        jobs.push({ route, caller, url });
      }
    }
    const send = ({ route, caller, url }: (typeof jobs)[number]): Promise<Outcome> => {
      const write = !['GET', 'HEAD', 'DELETE'].includes(route.method);
      return caller.http
        .request(route.method, url, write ? { body: {} } : {})
        .then((res) => ({ route, caller, url, res }));
    };
    const outcomes: Outcome[] = [];
    // The lead goes last (see beforeAll), and deletions after everything else, so no probe meets a row that
    // another probe of the same batch has just removed; small parallel batches keep it quick on two cores.
    const phase = (j: (typeof jobs)[number]) =>
      (j.route.method === 'DELETE' ? 2 : 0) + (j.caller.role === 'lead' ? 1 : 0);
    for (const p of [0, 1, 2, 3]) {
      const ordered = jobs.filter((j) => phase(j) === p);
      for (let i = 0; i < ordered.length; i += BATCH)
        outcomes.push(...(await Promise.all(ordered.slice(i, i + BATCH).map(send))));
    }

    const wrong: string[] = [];
    for (const { route, caller, url, res } of outcomes) {
      const where = `${caller.label}: ${route.method} ${url} [${route.name}] → ${res.status} ${res.body?.code ?? ''}`;
      let expected: string;
      let ok: boolean;
      if (res.status >= 500) {
        expected = 'never a 5xx for an empty body or an unknown id';
        ok = false;
      } else if (!caller.role) {
        expected = route.isPublic ? 'not 401 (public)' : '401';
        ok = route.isPublic ? res.status !== 401 : res.status === 401;
      } else if (!route.roles?.includes(caller.role)) {
        expected = '403';
        ok = res.status === 403 && res.body?.code === 'forbidden';
      } else if (route.scope && caller.role !== 'lead' && !caller.inScope) {
        expected = '404 (another pilot)';
        ok = isGuard404(res);
      } else {
        expected = 'let through by the guard (not 401, 403, nor the scope 404)';
        ok = res.status !== 401 && res.status !== 403 && !(route.scope && isGuard404(res));
      }
      if (!ok) wrong.push(`${where}; expected ${expected}`);
    }
    if (skipped.length) console.warn(`access matrix skipped ${skipped.length} route(s):\n  ${skipped.join('\n  ')}`);
    console.info(`access matrix: ${routes.length} routes, ${outcomes.length} requests`);
    expect(wrong).toEqual([]);
    expect(skipped.length, skipped.join('\n')).toBeLessThanOrEqual(MAX_SKIPPED);
    // The matrix really probed each refusal: no session, role, and scope (another pilot's ids).
    expect(outcomes.filter(({ caller, res }) => !caller.role && res.status === 401).length).toBeGreaterThan(20);
    expect(outcomes.filter(({ res }) => res.status === 403).length).toBeGreaterThan(20);
    expect(
      outcomes.filter(({ caller, route, res }) => route.scope && !caller.inScope && caller.role && isGuard404(res))
        .length,
    ).toBeGreaterThan(10);
  });

  it('records the scope refusals in the audit trail, naming the other pilot', async () => {
    const rows = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND pilot_id = $1 AND after->>'reason' = 'scope'`,
      [demoPilotId],
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
