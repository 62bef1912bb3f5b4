import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { likePattern, searchActivities } from '../../src/home/home-search.queries';
import { createPilot } from '../factories/pilots';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

/** The search's answer as the plain statement gives it: every match sorted, the first 10 kept. */
const PLAIN = `SELECT a.id, a.title, p.name AS "pilotName"
                 FROM activities a JOIN pilots p ON p.id = a.pilot_id
                WHERE ($1::uuid[] IS NULL OR a.pilot_id = ANY($1)) AND search_fold(a.title) LIKE search_fold($2)
                ORDER BY a.date DESC, a.id LIMIT 10`;

describe('global search: the newest matching activities, for a common phrase and a rare one, in scope', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinator: SignedIn;
  let big: Record<string, any>;
  let small: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    big = await createPilot(lead.http, { name: 'Créon — ressourcerie', communes: [{ name: 'Créon' }] });
    small = await createPilot(lead.http, { name: 'Sadirac — jardins', communes: [{ name: 'Sadirac' }] });
    // 2 600 activities, four a day (so the id breaks ties): a common phrase one in 10, a rare one once among the newest and three times further back, under other
    // cases and accents.
    await t.sql(
      `INSERT INTO activities (pilot_id, date, title, type, policies, participants)
       SELECT $1, current_date - g / 4,
              CASE WHEN g IN (5, 2300) THEN 'Grande fête des récoltes n°' || g
                   WHEN g = 2450 THEN 'FETE DES RECOLTES d’automne'
                   WHEN g = 2590 THEN 'Fête des Récoltes'
                   WHEN g % 10 = 0 THEN 'Atelier compost n°' || g
                   ELSE 'Réunion d’équipe n°' || g END,
              'workshop', ARRAY['waste_reduction'], 5
         FROM generate_series(1, 2600) g`,
      [big.id],
    );
    await t.sql(
      `INSERT INTO activities (pilot_id, date, title, type, policies, participants)
       SELECT $1, current_date - g, CASE WHEN g % 3 = 0 THEN 'Atelier Compost au jardin n°' || g ELSE 'Fête des récoltes n°' || g END,
              'workshop', ARRAY['waste_reduction'], 5
         FROM generate_series(1, 40) g`,
      [small.id],
    );
    const c = await insertUser(t, 'coordinator');
    await addMember(lead.http, small.id, c.id, 'coordinator');
    coordinator = await signInAs(t, c.email);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function expectPlainAnswer(who: SignedIn, scope: string[] | null, q: string, atLeast: number): Promise<void> {
    const res = await who.http.get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status, res.text).toBe(200);
    const plain = await t.sql<{ id: string; title: string; pilotName: string }>(PLAIN, [scope, likePattern(q)]);
    expect(plain.length).toBeGreaterThanOrEqual(atLeast);
    expect(res.body.activities.map((a: any) => ({ id: a.id, title: a.title, pilotName: a.pilotName }))).toEqual(plain);
  }

  it('answers a common phrase, found among the newest activities, as the plain statement does', async () => {
    await expectPlainAnswer(lead, null, 'atelier compost', 10);
    await expectPlainAnswer(lead, null, 'ATELIER CÔMPOST', 10);
    await expectPlainAnswer(lead, null, 'réunion', 10);
  });

  it('answers a rare phrase, mostly older than the newest activities, as the plain statement does', async () => {
    await expectPlainAnswer(lead, null, 'fete des recoltes', 10);
    await expectPlainAnswer(lead, null, 'FÊTE DES RÉCOLTES D’AUTOMNE', 1);
    await expectPlainAnswer(lead, null, 'grande fête', 2);
    await expectPlainAnswer(lead, null, 'nulle part', 0);
  });

  it('answers within a coordinator’s pilots as the plain statement does', async () => {
    await expectPlainAnswer(coordinator, [small.id], 'atelier compost', 10);
    await expectPlainAnswer(coordinator, [small.id], 'récoltes n°3', 1);
    const res = await coordinator.http.get('/api/search?q=compost');
    expect(res.body.activities.every((a: any) => a.pilotId === small.id)).toBe(true);
  });

  it('gives the same rows in the same order however many newest activities it reads first', async () => {
    const m = t.app.get<DataSource>(getDataSourceToken()).manager;
    for (const scope of [null, [small.id], [big.id, small.id]])
      for (const q of ['atelier compost', 'fete des recoltes', 'grande fête', 'n°1', 'réunion d’équipe n°25']) {
        const plain = await t.sql<{ id: string }>(PLAIN, [scope, likePattern(q)]);
        // From walks too short to hold 10 matches to one that reads every activity.
        for (const walk of [1, 10, 100, 2639, 2640, 2641, 5000]) {
          const hits = await searchActivities(m, scope, likePattern(q), 10, walk);
          expect(
            hits.map((h) => h.id),
            `${q} in ${JSON.stringify(scope)}, walk ${walk}`,
          ).toEqual(plain.map((p) => p.id));
        }
      }
  });

  it('reads the newest titles from the index alone, and a rare phrase through the trigram index', async () => {
    const sent: [string, unknown[]][] = [];
    const recorder = {
      query: async (sql: string, params: unknown[]) => (sent.push([sql, params]), (await t.sql(sql, params)) as any),
    } as unknown as EntityManager;
    await searchActivities(recorder, null, likePattern('fête des récoltes d’automne'), 10, 100);
    expect(sent.length).toBe(2);
    const plans = await Promise.all(
      sent.map(async ([sql, params]) =>
        (await t.sql<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, params))
          .map((r) => r['QUERY PLAN'])
          .join('\n'),
      ),
    );
    expect(plans[0]).toContain('Index Only Scan using activities_newest_idx');
    expect(plans[1]).not.toContain('activities_newest_idx');
  });
});
