import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { euros, number, percent } from '../../src/common/format-fr';
import { DEMO_USERS, seedDemo } from '../../src/demo/demo.seed';
import { createActor, createPilot } from '../factories/pilots';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

function validator() {
  const schema = JSON.parse(readFileSync(resolve(__dirname, '../../docs/open-data.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('the public page and open data of the demo pilot', () => {
  let t: TestApp;
  let lead: SignedIn;
  let pilotId: string;
  let slug: string;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app);
    const demoLead = DEMO_USERS.find((u) => u.key === 'lead')!;
    lead = await signInAs(t, demoLead.email, demoLead.password);
    const { items } = (await lead.http.get('/api/pilots')).body;
    pilotId = items.find((p: any) => p.stage === 'running').id;
    const publication = (await lead.http.get(`/api/pilots/${pilotId}/publication`)).body;
    expect(publication).toMatchObject({ published: true, licence: 'etalab-2.0', licenceName: 'Licence Ouverte 2.0' });
    slug = publication.slug;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the same figures as the pilot’s own pages, in JSON and on the page', async () => {
    const anonymous = t.client();
    const [data, overview, funding, autonomy, waste, ledger] = await Promise.all([
      anonymous.get(`/api/open-data/pilots/${slug}`),
      lead.http.get(`/api/pilots/${pilotId}/overview`),
      lead.http.get(`/api/pilots/${pilotId}/funding`),
      lead.http.get(`/api/pilots/${pilotId}/autonomy`),
      lead.http.get(`/api/pilots/${pilotId}/waste`),
      lead.http.get(`/api/pilots/${pilotId}/ledger?limit=200`),
    ]);
    expect(data.status).toBe(200);
    expect(data.headers.get('access-control-allow-origin')).toBe('*');
    const d = data.body;
    const f = funding.body;
    expect(d.licence).toMatchObject({ id: 'etalab-2.0', name: 'Licence Ouverte 2.0' });
    expect(d.funding).toMatchObject({
      inhabitants: f.inhabitants,
      entitledCents: f.totals.entitledCents,
      entitledEuros: f.totals.entitledCents / 100,
      disbursedCents: f.totals.disbursedCents,
      spentCents: f.totals.spentCents,
      cofinancingCents: f.totals.cofinancingCents,
      inKindCents: f.totals.inKindCents,
    });
    expect(d.funding.years.map((y: any) => [y.year, y.autonomyRatio, y.operatingResourcesCents])).toEqual(
      f.years.map((y: any) => [y.year, y.autonomyRatio, y.operatingResourcesCents]),
    );
    // Spending per category adds up to what the ledger's standing expenses add up to.
    const standing = ledger.body.items.filter((e: any) => e.type === 'expense' && !e.reversedByEntryId);
    for (const c of d.funding.spentByCategory)
      expect(c.spentCents).toBe(
        standing.filter((e: any) => e.category === c.category).reduce((s: number, e: any) => s + e.amountCents, 0),
      );
    expect(d.funding.spentByCategory.reduce((s: number, c: any) => s + c.spentCents, 0)).toBe(f.totals.spentCents);
    const o = overview.body;
    expect(d.activities.total).toEqual({
      activities: o.total.figures.activities,
      participants: o.total.figures.participants,
      volunteerHours: o.total.figures.volunteerHours,
      divertedKg: o.total.figures.divertedKg,
    });
    expect(d.activities.years.map((y: any) => [y.year, y.activities, y.participants, y.divertedKg.total])).toEqual(
      o.years.map((y: any) => [y.year, y.figures.activities, y.figures.participants, y.figures.divertedKg.total]),
    );
    expect(d.activities.recent.length).toBeGreaterThan(0);
    expect(d.waste.baselineYear).toBe(waste.body.baselineYear);
    expect(d.waste.years.map((w: any) => [w.year, w.kgPerInhabitant, w.residualChangeVsBaseline])).toEqual(
      waste.body.years.map((w: any) => [w.year, w.kgPerInhabitant, w.residualChangeVsBaseline]),
    );
    const done = autonomy.body.milestones.filter((m: any) => m.status === 'done');
    expect(d.milestones.done).toBe(done.length);
    expect(d.milestones.met.map((m: any) => m.title)).toEqual(done.map((m: any) => m.title));
    expect(d.reports.length).toBeGreaterThan(0);

    const page = await anonymous.get(`/territoires/${slug}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toMatch(/<link rel="canonical" href="http:\/\/[^"]+\/territoires\//);
    expect(page.text).toContain('<meta name="description"');
    expect(page.text).toContain('<meta property="og:title"');
    const html = page.text.replace(/&#x27;/g, "'");
    for (const cents of [
      f.totals.entitledCents,
      f.totals.disbursedCents,
      f.totals.spentCents,
      f.totals.cofinancingCents,
    ])
      expect(html).toContain(euros(cents));
    for (const y of f.years) if (y.autonomyRatio !== null) expect(html).toContain(percent(y.autonomyRatio));
    // Waste: the page rounds the exact figures of the waste page once; the open data keeps them exact.
    const wasteYears = waste.body.years.filter((w: any) => w.year !== waste.body.baselineYear);
    expect(wasteYears.length).toBeGreaterThan(0);
    for (const w of wasteYears) {
      expect(html).toContain(`${number(w.kgPerInhabitant.residual)} kg/hab.`);
      expect(html).toContain(percent(w.residualChangeVsBaseline));
    }
    const csv = (await anonymous.get(`/api/open-data/pilots/${slug}?format=csv&dialect=rfc4180`)).text;
    for (const w of wasteYears)
      expect(csv).toContain(`dechets,evolution_omr_vs_reference,,${w.year},${w.residualChangeVsBaseline},ratio`);
    expect(html).toContain('Licence Ouverte 2.0');
  });

  it('names no person and no actor that did not agree, and shows no e-mail', async () => {
    const anonymous = t.client();
    const [page, data, csv] = await Promise.all([
      anonymous.get(`/territoires/${slug}`),
      anonymous.get(`/api/open-data/pilots/${slug}`),
      anonymous.get(`/api/open-data/pilots/${slug}?format=csv`),
    ]);
    const users = await t.sql<{ name: string }>(`SELECT name FROM users`);
    const withheld = await t.sql<{ name: string }>(
      `SELECT name FROM actors WHERE pilot_id = $1 AND NOT public_consent`,
      [pilotId],
    );
    const consenting = await t.sql<{ name: string }>(`SELECT name FROM actors WHERE pilot_id = $1 AND public_consent`, [
      pilotId,
    ]);
    expect(withheld.length).toBeGreaterThan(0);
    expect(consenting.length).toBeGreaterThan(0);
    const experts = (await lead.http.get(`/api/pilots/${pilotId}`)).body.experts.map((e: any) => e.name);
    for (const text of [page.text.replace(/&#x27;/g, "'"), data.text, csv.text]) {
      expect(text).not.toMatch(EMAIL);
      for (const name of [...users.map((u) => u.name), ...withheld.map((a) => a.name), ...experts])
        expect(text).not.toContain(name);
    }
    for (const a of consenting) expect(data.body.actors.named.map((n: any) => n.name)).toContain(a.name);
  });

  it('validates against the published JSON Schema, and so does the catalogue entry', async () => {
    const validate = validator();
    const data = await t.client().get(`/api/open-data/pilots/${slug}`);
    const valid = validate(data.body);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const catalogue = await t.client().get('/api/open-data/pilots');
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.items.map((i: any) => i.slug)).toEqual([slug]);
    expect(catalogue.body.items[0]).toMatchObject({ dataUrl: data.body.dataUrl, pageUrl: data.body.pageUrl });
  });

  it('answers CSV in the French Excel dialect by default and in RFC 4180 on request', async () => {
    const anonymous = t.client();
    const fr = await anonymous.get(`/api/open-data/pilots/${slug}?format=csv`);
    expect(fr.status).toBe(200);
    expect(fr.headers.get('content-type')).toContain('text/csv');
    // fetch's text() drops the byte order mark that French Excel needs: read the bytes.
    const bytes = new Uint8Array(
      await (await fetch(`${t.baseUrl}/api/open-data/pilots/${slug}?format=csv`)).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(fr.text.split('\r\n')[0]).toBe('rubrique;indicateur;dimension;annee;valeur;unite');
    const entitled = (await lead.http.get(`/api/pilots/${pilotId}/funding`)).body.totals.entitledCents;
    expect(fr.text).toContain(`financement;droits;;;${String(entitled / 100).replace('.', ',')};EUR`);
    const rfc = await anonymous.get(`/api/open-data/pilots/${slug}?format=csv&dialect=rfc4180`);
    expect(rfc.text.split('\r\n')[0]).toBe('rubrique,indicateur,dimension,annee,valeur,unite');
    expect(rfc.text).toContain(`financement,droits,,,${entitled / 100},EUR`);
    const cat = await anonymous.get('/api/open-data/pilots?format=csv&dialect=rfc4180');
    expect(cat.text.split('\r\n')[0]).toContain('identifiant,nom,communes');
    expect(cat.text).toContain(slug);
    expect((await anonymous.get(`/api/open-data/pilots/${slug}?format=xml`)).status).toBe(400);
    expect((await anonymous.get(`/api/open-data/pilots/${slug}?format=csv&dialect=tsv`)).status).toBe(400);
  });

  it('lets anyone download the issued reports of the published pilot, and nothing else', async () => {
    const anonymous = t.client();
    const data = (await anonymous.get(`/api/open-data/pilots/${slug}`)).body;
    const report = data.reports[0];
    const res = await fetch(report.pdfUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-sha256')).toBe(report.pdfSha256);
    const drafts = await t.sql<{ id: string }>(`SELECT id FROM reports WHERE issued_at IS NULL LIMIT 1`);
    for (const id of [drafts[0]?.id, '00000000-0000-4000-8000-000000000000'].filter(Boolean))
      expect((await anonymous.get(`/api/open-data/pilots/${slug}/reports/${id}/pdf`)).status).toBe(404);
  });
});

describe('switching a pilot’s public page on and off', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coord: SignedIn;
  let reviewer: SignedIn;
  let pilot: Record<string, any>;
  let other: Record<string, any>;
  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    pilot = await createPilot(lead.http, { communes: [{ name: 'Saint-Léon', inseeCode: '33444' }] });
    other = await createPilot(lead.http, { name: 'Un autre pilote', communes: [{ name: 'Tizac-de-Curton' }] });
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

  it('shows nothing until the lead switches it on, then the page and the data; off again hides them', async () => {
    const anonymous = t.client();
    const before = (await lead.http.get(`/api/pilots/${pilot.id}/publication`)).body;
    expect(before).toMatchObject({ published: false, slug: 'saint-leon', licence: 'etalab-2.0', publishedAt: null });
    const unknown = await anonymous.get('/territoires/nulle-part');
    const unpublished = await anonymous.get('/territoires/saint-leon');
    expect(unpublished.status).toBe(404);
    expect(unpublished.text).toBe(unknown.text);
    const unknownData = await anonymous.get('/api/open-data/pilots/nulle-part');
    const unpublishedData = await anonymous.get('/api/open-data/pilots/saint-leon');
    expect(unpublishedData.status).toBe(404);
    expect(unpublishedData.body.code).toBe('not_found');
    expect(unknownData.body.code).toBe(unpublishedData.body.code);
    expect((await anonymous.get('/api/open-data/pilots')).body.items).toEqual([]);

    const on = await lead.http.put(`/api/pilots/${pilot.id}/publication`, { published: true });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ published: true, slug: 'saint-leon', pagePath: '/territoires/saint-leon' });
    expect(on.body.publishedAt).toEqual(expect.any(String));
    const page = await anonymous.get('/territoires/saint-leon');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Saint-Léon');
    expect((await anonymous.get('/api/open-data/pilots/saint-leon')).status).toBe(200);
    // Reports are not published unless the lead says so.
    expect((await anonymous.get('/api/open-data/pilots/saint-leon')).body.reports).toEqual([]);
    const audit = await t.sql(
      `SELECT action, after FROM audit_log WHERE entity = 'pilot_publication' AND entity_id = $1`,
      [pilot.id],
    );
    expect(audit).toEqual([expect.objectContaining({ action: 'publication.on' })]);

    const off = await lead.http.put(`/api/pilots/${pilot.id}/publication`, { published: false });
    expect(off.status).toBe(200);
    expect((await anonymous.get('/territoires/saint-leon')).status).toBe(404);
    expect((await anonymous.get('/api/open-data/pilots/saint-leon')).status).toBe(404);
  });

  it('names an actor only once it agreed', async () => {
    const anonymous = t.client();
    await lead.http.put(`/api/pilots/${pilot.id}/publication`, { published: true });
    const actor = await createActor(coord.http, pilot.id, {
      name: 'Association Zéro Gaspi',
      contact: 'zg@example.org',
    });
    expect(actor.publicConsent).toBe(false);
    let data = (await anonymous.get('/api/open-data/pilots/saint-leon')).body;
    expect(data.actors.named).toEqual([]);
    expect(data.actors.total).toBe(1);
    const res = await coord.http.patch(`/api/pilots/${pilot.id}/actors/${actor.id}`, { publicConsent: true });
    expect(res.status).toBe(200);
    expect(res.body.publicConsent).toBe(true);
    data = (await anonymous.get('/api/open-data/pilots/saint-leon')).body;
    expect(data.actors.named).toEqual([{ name: 'Association Zéro Gaspi', type: 'associative' }]);
    expect(JSON.stringify(data)).not.toContain('zg@example.org');
    expect(
      (await coord.http.patch(`/api/pilots/${pilot.id}/actors/${actor.id}`, { publicConsent: 'oui' })).status,
    ).toBe(400);
  });

  it('refuses the switch to other roles, other pilots and bad input, writing nothing', async () => {
    const put = (who: SignedIn, id: string, body: unknown) => who.http.put(`/api/pilots/${id}/publication`, body);
    expect((await put(coord, pilot.id, { published: true })).status).toBe(403);
    expect((await put(reviewer, pilot.id, { published: true })).status).toBe(403);
    expect((await coord.http.get(`/api/pilots/${pilot.id}/publication`)).status).toBe(200);
    expect((await coord.http.get(`/api/pilots/${other.id}/publication`)).status).toBe(404);
    expect((await put(coord, other.id, { published: true })).status).toBe(403);
    expect((await put(lead, '00000000-0000-4000-8000-000000000000', { published: true })).status).toBe(404);
    expect((await put(lead, 'pas-un-id', { published: true })).status).toBe(404);
    for (const body of [
      {},
      { published: 'oui' },
      { published: true, slug: 'Saint Léon' },
      { published: true, slug: 'ab' },
      { published: true, licence: 'mit' },
      { published: true, extra: 1 },
    ]) {
      const res = await put(lead, other.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const taken = await put(lead, other.id, { published: true, slug: 'saint-leon' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('conflict');
    expect(taken.body.detail).toContain('adresse');
    const noStart = await createPilot(lead.http, {
      name: 'Sans date',
      startDate: null,
      communes: [{ name: 'Cursan' }],
    });
    const notReady = await put(lead, noStart.id, { published: true });
    expect(notReady.status).toBe(422);
    expect(notReady.body.code).toBe('start_date_required');
    const rows = await t.sql(`SELECT pilot_id FROM pilot_publications WHERE pilot_id = ANY($1::uuid[])`, [
      [other.id, noStart.id],
    ]);
    expect(rows).toEqual([]);
  });
});
