import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPilot } from '../factories/pilots';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

describe('global search: pilots found by one of their communes, through the communes index', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinator: SignedIn;
  let plateau: Record<string, any>;
  let other: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    plateau = await createPilot(lead.http, {
      name: 'Plateau des deux rives',
      communes: [{ name: 'Saint-Genès-de-Lombaud' }, { name: 'Capian' }, { name: 'Œuilly' }],
      inhabitants: 1_200,
    });
    other = await createPilot(lead.http, { name: 'Vallée du Gestas', communes: [{ name: 'Sadirac' }] });
    const c = await insertUser(t, 'coordinator');
    await addMember(lead.http, other.id, c.id, 'coordinator');
    coordinator = await signInAs(t, c.email);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const pilotsFound = async (who: SignedIn, q: string) => {
    const res = await who.http.get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status, res.text).toBe(200);
    return res.body.pilots.map((p: any) => [p.name, p.communes]);
  };

  it('matches any commune of a pilot, case and accents ignored, whatever its place in the list', async () => {
    const found = [['Plateau des deux rives', ['Saint-Genès-de-Lombaud', 'Capian', 'Œuilly']]];
    expect(await pilotsFound(lead, 'genes-de-LOMB')).toEqual(found);
    const hit = (await lead.http.get('/api/search?q=capian')).body.pilots[0];
    expect(hit).toMatchObject({ id: plateau.id, status: plateau.status });
    expect(await pilotsFound(lead, 'CAPIAN')).toEqual(found);
    expect(await pilotsFound(lead, 'oeuil')).toEqual(found);
    expect(await pilotsFound(lead, 'sadirac')).toEqual([['Vallée du Gestas', ['Sadirac']]]);
  });

  it('never matches across two communes of the list', async () => {
    expect(await pilotsFound(lead, 'lombaudcapian')).toEqual([]);
    expect(await pilotsFound(lead, 'lombaud capian')).toEqual([]);
    expect(await pilotsFound(lead, `lombaud${String.fromCharCode(31)}capian`)).toEqual([]);
  });

  it('keeps to the pilots the user may see', async () => {
    expect(await pilotsFound(coordinator, 'capian')).toEqual([]);
    expect(await pilotsFound(coordinator, 'sadirac')).toEqual([['Vallée du Gestas', ['Sadirac']]]);
  });

  it('is served by the communes index, which a restore rebuilds with an empty search path', async () => {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      // As pg_restore builds indexes: no schema on the search path, so the function must find search_fold itself.
      await client.query(`SET search_path = ''`);
      await client.query(`REINDEX INDEX public.pilots_communes_search_idx`);
      await client.query(`SET search_path = public; SET enable_seqscan = off`);
      const { rows } = await client.query(
        `EXPLAIN (COSTS OFF) SELECT p.id FROM pilots p WHERE communes_fold(p.communes) LIKE search_fold('%capian%')`,
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('pilots_communes_search_idx');
    } finally {
      await client.end();
    }
  });
});
