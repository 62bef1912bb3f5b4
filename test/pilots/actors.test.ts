import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createActor, createPilot } from '../factories/pilots';
import { createTestApp, TestApp } from '../support/test-app';

describe('actors, contributions and links', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coord: SignedIn;
  let reviewer: SignedIn;
  let pilot: Record<string, any>;
  let other: Record<string, any>;
  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    pilot = await createPilot(lead.http);
    other = await createPilot(lead.http, { name: 'Un autre pilote' });
    const c = await insertUser(t, 'coordinator');
    const r = await insertUser(t, 'reviewer');
    await addMember(lead.http, pilot.id, c.id, 'coordinator');
    await addMember(lead.http, pilot.id, r.id, 'reviewer');
    coord = await signInAs(t, c.email);
    reviewer = await signInAs(t, r.email);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets the coordinator add and edit actors, audited; names are unique per pilot', async () => {
    const res = await coord.http.post(`/api/pilots/${pilot.id}/actors`, {
      name: 'Recyclerie du Créonnais',
      type: 'associative',
      contact: 'contact@recyclerie.example',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Recyclerie du Créonnais',
      type: 'associative',
      contributions: 0,
      links: 0,
      kinds: [],
    });
    const dup = await coord.http.post(`/api/pilots/${pilot.id}/actors`, {
      name: 'recyclerie du créonnais',
      type: 'private',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('actor_exists');
    // The same name in another pilot is another actor.
    expect(
      (await lead.http.post(`/api/pilots/${other.id}/actors`, { name: 'Recyclerie du Créonnais', type: 'associative' }))
        .status,
    ).toBe(201);

    const patched = await coord.http.patch(`/api/pilots/${pilot.id}/actors/${res.body.id}`, {
      description: 'Ressourcerie intercommunale',
      type: 'private',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ description: 'Ressourcerie intercommunale', type: 'private' });
    const [row] = await t.sql(`SELECT before, after FROM audit_log WHERE action = 'actor.update' AND entity_id = $1`, [
      res.body.id,
    ]);
    expect(row).toEqual({
      before: { description: null, type: 'associative' },
      after: { description: 'Ressourcerie intercommunale', type: 'private' },
    });
    const bad = await coord.http.post(`/api/pilots/${pilot.id}/actors`, { name: 'X', type: 'company' });
    expect(bad.status).toBe(400);
  });

  it('records contributions with value, hours and project year, exports them, and refuses absurd ones', async () => {
    const mairie = await createActor(coord.http, pilot.id, { name: 'Mairie', type: 'public' });
    const ok = await coord.http.post(`/api/pilots/${pilot.id}/contributions`, {
      actorId: mairie.id,
      kind: 'land',
      description: 'Ancienne poste mise à disposition',
      valueCents: 600000,
      year: 1,
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      actorName: 'Mairie',
      actorType: 'public',
      kind: 'land',
      valueCents: 600000,
      hours: null,
      year: 1,
    });
    const hours = await coord.http.post(`/api/pilots/${pilot.id}/contributions`, {
      actorId: mairie.id,
      kind: 'people',
      description: 'Agent technique',
      hours: 120.5,
    });
    expect(hours.status).toBe(201);
    // Started some 400 days ago: the default is the current project year.
    expect(hours.body.year).toBe(2);

    const cases: [Record<string, unknown>, number][] = [
      [{ actorId: mairie.id, kind: 'money', description: 'x', valueCents: -1 }, 400],
      [{ actorId: mairie.id, kind: 'money', description: 'x', valueCents: 12.5 }, 400],
      [{ actorId: mairie.id, kind: 'money', description: 'x', valueCents: 1e15 }, 400],
      [{ actorId: mairie.id, kind: 'people', description: 'x', hours: -2 }, 400],
      [{ actorId: mairie.id, kind: 'people', description: 'x', hours: 1e9 }, 400],
      [{ actorId: mairie.id, kind: 'gold', description: 'x' }, 400],
      [{ actorId: mairie.id, kind: 'skills', description: 'x', year: 0 }, 400],
      [{ actorId: mairie.id, kind: 'skills', description: 'x', year: 5 }, 422],
      [{ actorId: mairie.id, kind: 'skills', description: 'x', secret: 1 }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await coord.http.post(`/api/pilots/${pilot.id}/contributions`, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
    }

    const list = await reviewer.http.get(`/api/pilots/${pilot.id}/contributions?year=1`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const csv = await reviewer.http.get(`/api/pilots/${pilot.id}/contributions?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text).toContain('Ancienne poste mise à disposition');
    expect(csv.text).toContain(';6000,00');
    // Machines ask for the RFC 4180 dialect: commas and decimal dots.
    const machine = await reviewer.http.get(`/api/pilots/${pilot.id}/contributions?format=csv&dialect=rfc4180`);
    expect(machine.text).toContain(',6000.00');
    expect((await reviewer.http.get(`/api/pilots/${pilot.id}/contributions?format=csv&dialect=excel`)).status).toBe(
      400,
    );
    const xlsx = await reviewer.http.get(`/api/pilots/${pilot.id}/contributions?format=xlsx`);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);

    const actors = await reviewer.http.get(`/api/pilots/${pilot.id}/actors`);
    expect(actors.body.items.find((a: any) => a.id === mairie.id)).toMatchObject({
      contributions: 2,
      contributionsValueCents: 600000,
      contributionHours: 120.5,
      kinds: ['land', 'people'],
    });
  });

  it('refuses an actor of another pilot, for contributions and links alike', async () => {
    const foreign = await createActor(lead.http, other.id, { name: 'Acteur étranger' });
    const mine = await createActor(coord.http, pilot.id, { name: 'Acteur local' });
    const c = await coord.http.post(`/api/pilots/${pilot.id}/contributions`, {
      actorId: foreign.id,
      kind: 'skills',
      description: 'x',
    });
    expect(c.status).toBe(422);
    expect(c.body.code).toBe('unknown_actor');
    const l = await coord.http.post(`/api/pilots/${pilot.id}/actor-links`, {
      fromActorId: mine.id,
      toActorId: foreign.id,
      nature: 'x',
    });
    expect(l.status).toBe(422);
    expect(l.body.errors[0].field).toBe('toActorId');
    // The database refuses it too, whatever the code does.
    await expect(
      t.sql(
        `INSERT INTO contributions (pilot_id, actor_id, kind, description, year) VALUES ($1, $2, 'skills', 'x', 1)`,
        [pilot.id, foreign.id],
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it('links actors once per nature, never to themselves, and draws the network', async () => {
    const a = await createActor(coord.http, pilot.id, { name: 'École des Tilleuls', type: 'public' });
    const b = await createActor(coord.http, pilot.id, { name: 'Parents d’élèves', type: 'citizen' });
    const link = await coord.http.post(`/api/pilots/${pilot.id}/actor-links`, {
      fromActorId: a.id,
      toActorId: b.id,
      nature: 'Fête de l’école zéro déchet',
    });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ fromActorName: 'École des Tilleuls', toActorName: 'Parents d’élèves' });
    const reverse = await coord.http.post(`/api/pilots/${pilot.id}/actor-links`, {
      fromActorId: b.id,
      toActorId: a.id,
      nature: 'fête de l’école zéro déchet',
    });
    expect(reverse.status).toBe(409);
    expect(reverse.body.code).toBe('link_exists');
    const self = await coord.http.post(`/api/pilots/${pilot.id}/actor-links`, {
      fromActorId: a.id,
      toActorId: a.id,
      nature: 'x',
    });
    expect(self.status).toBe(422);

    const network = await reviewer.http.get(`/api/pilots/${pilot.id}/network`);
    expect(network.status).toBe(200);
    expect(network.body.links).toEqual([expect.objectContaining({ fromActorId: a.id, toActorId: b.id })]);
    expect(network.body.nodes.find((n: any) => n.id === a.id).links).toBe(1);
    expect(network.body.byType.map((x: any) => x.type)).toEqual(['public', 'private', 'associative', 'citizen']);
    expect((await reviewer.http.get(`/api/pilots/${pilot.id}/actor-links`)).body.items).toHaveLength(1);
  });

  it('lets a reviewer read only, and keeps other coordinators out', async () => {
    expect((await reviewer.http.post(`/api/pilots/${pilot.id}/actors`, { name: 'Y', type: 'citizen' })).status).toBe(
      403,
    );
    const stranger = await signIn(t, 'coordinator');
    expect((await stranger.http.get(`/api/pilots/${pilot.id}/actors`)).status).toBe(404);
    expect(
      (await stranger.http.post(`/api/pilots/${pilot.id}/actors`, { name: 'Intrus', type: 'citizen' })).status,
    ).toBe(404);
    const committee = await signIn(t, 'committee');
    expect((await committee.http.get(`/api/pilots/${pilot.id}/network`)).status).toBe(403);
    expect(await t.sql(`SELECT 1 FROM actors WHERE name IN ('Y', 'Intrus')`)).toHaveLength(0);
  });
});
