import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/pilots/pilot-terms';
import { createOpenCall, engagementBody, intentionBody, today } from '../factories/candidatures';
import { signIn, SignedIn } from '../factories/users';
import { fakeSmtp } from '../support/fake-smtp';
import { createTestApp, TestApp } from '../support/test-app';
import { decodedMail, linkTokens, to } from './mail-reading';

describe('the candidate journey: dossier number, acknowledgement, lost link, e-mail for the engagement', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;
  let lead: SignedIn;
  let member: SignedIn;
  let coordinator: SignedIn;
  let ipCounter = 0;
  /** Each public submission from its own address, so the hourly limit of one address is not what a test meets. */
  const fromNewIp = () => ({ headers: { 'x-forwarded-for': `198.51.100.${++ipCounter}` } });

  beforeAll(async () => {
    smtp = await fakeSmtp();
    t = await createTestApp({
      overrides: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, publicUrl: 'https://projet-k.example.org' },
    });
    lead = await signIn(t, 'lead');
    member = await signIn(t, 'committee');
    coordinator = await signIn(t, 'coordinator');
  });
  afterAll(async () => {
    await t?.close();
    smtp?.server.close();
  });

  it('numbers each dossier K-<wave year>-<0001>, uniquely even when communes submit at the same time', async () => {
    const call = await createOpenCall(lead.http, { waveYear: 2031 });
    const pub = t.client();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        pub.post(
          `/api/public/calls/${call.id}/candidatures`,
          intentionBody({ communes: [{ name: `Commune ${i}` }], contactEmail: undefined }),
          fromNewIp(),
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const numbers = results.map((r) => r.body.dossierNumber as string).sort();
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `K-2031-${String(i + 1).padStart(4, '0')}`));

    // The lead and the committee find a dossier by its number (any case); others may not look.
    const found = await lead.http.get(`/api/dossiers/${numbers[3]!.toLowerCase()}`);
    expect(found.status).toBe(200);
    expect(found.body.dossierNumber).toBe(numbers[3]);
    expect((await lead.http.get(`/api/candidatures/${found.body.id}`)).body.dossierNumber).toBe(numbers[3]);
    expect((await member.http.get(`/api/dossiers/${numbers[3]}`)).status).toBe(200);
    expect((await coordinator.http.get(`/api/dossiers/${numbers[3]}`)).status).toBe(403);
    expect((await t.client().get(`/api/dossiers/${numbers[3]}`)).status).toBe(401);
    const missing = await lead.http.get('/api/dossiers/K-2031-9999');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('candidature_not_found');
  });

  it('e-mails the acknowledgement with the dossier number, the private link and its PDF', async () => {
    const call = await createOpenCall(lead.http, { title: 'Appel accusé de réception' });
    const email = 'mairie@ack.example.org';
    const created = await t
      .client()
      .post(`/api/public/calls/${call.id}/candidatures`, intentionBody({ contactEmail: email }), fromNewIp());
    expect(created.status).toBe(201);
    expect(created.body.dossierNumber).toMatch(/^K-\d{4}-\d{4}$/);

    await expect.poll(() => to(smtp.messages, email).length, { timeout: 30_000 }).toBe(1);
    const [raw] = to(smtp.messages, email);
    const text = decodedMail(raw!);
    expect(text).toContain(`Accusé de réception — dossier ${created.body.dossierNumber}`);
    expect(linkTokens(raw!)).toContain(created.body.editToken);
    expect(text).toContain('https://projet-k.example.org/candidater/suite/');
    expect(raw).toMatch(/Content-Type: application\/pdf; name=accuse-reception-K-\d{4}-\d{4}\.pdf/);

    // The same acknowledgement, downloaded through the private link, twice: a PDF, the same bytes each time.
    const pdf = await t.client().get(`/api/public/candidatures/${created.body.editToken}/acknowledgement`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
    const again = await t.client().get(`/api/public/candidatures/${created.body.editToken}/acknowledgement`);
    expect(again.text).toBe(pdf.text);

    // The lead's copy has no private link; the committee and unknown links get nothing.
    expect((await lead.http.get(`/api/candidatures/${created.body.id}/acknowledgement`)).status).toBe(200);
    expect((await member.http.get(`/api/candidatures/${created.body.id}/acknowledgement`)).status).toBe(403);
    const bad = await t.client().get(`/api/public/candidatures/${'x'.repeat(43)}/acknowledgement`);
    expect(bad.status).toBe(404);
    expect(bad.body.code).toBe('invalid_edit_token');
  });

  it('asks for an e-mail address before the letter of engagement, in French, and writes nothing without it', async () => {
    const call = await createOpenCall(lead.http);
    const pub = t.client();
    const created = await pub.post(
      `/api/public/calls/${call.id}/candidatures`,
      intentionBody({ contactEmail: undefined }),
      fromNewIp(),
    );
    const token = created.body.editToken as string;
    expect((await pub.get(`/api/public/candidatures/${token}`)).body.hasContactEmail).toBe(false);

    const refused = await pub.put(`/api/public/candidatures/${token}/engagement`, engagementBody());
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('contact_email_required');
    expect(refused.body.detail).toMatch(/adresse électronique/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'contactEmail', code: 'required' })]);
    const [row] = await t.sql<{ status: string; engagement: unknown }>(
      `SELECT status, engagement FROM candidatures WHERE id = $1`,
      [created.body.id],
    );
    expect(row).toEqual({ status: 'intention_submitted', engagement: null });

    const badEmail = await pub.put(
      `/api/public/candidatures/${token}/engagement`,
      engagementBody({ contactEmail: 'pas-une-adresse' }),
    );
    expect(badEmail.status).toBe(400);

    const ok = await pub.put(
      `/api/public/candidatures/${token}/engagement`,
      engagementBody({ contactEmail: 'mairie@engagement.example.org' }),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.hasContactEmail).toBe(true);
    expect((await lead.http.get(`/api/candidatures/${created.body.id}`)).body.contactEmail).toBe(
      'mairie@engagement.example.org',
    );
  });

  it('sends a fresh link on « lien perdu ? », stops the old one, and answers the same for an unknown address', async () => {
    const call = await createOpenCall(lead.http);
    const email = 'Mairie@Perdu.example.org';
    const pub = t.client();
    const first = await pub.post(
      `/api/public/calls/${call.id}/candidatures`,
      intentionBody({ contactEmail: email }),
      fromNewIp(),
    );
    const oldToken = first.body.editToken as string;
    await expect.poll(() => to(smtp.messages, email).length, { timeout: 30_000 }).toBe(1);

    // A wrong dossier number with the right address renews nothing.
    const wrong = await pub.post('/api/public/lost-links', { email, dossierNumber: 'K-2000-0001' }, fromNewIp());
    expect(wrong.status).toBe(202);
    expect((await pub.get(`/api/public/candidatures/${oldToken}`)).status).toBe(200);

    const unknown = await pub.post('/api/public/lost-links', { email: 'personne@nulle-part.example.org' }, fromNewIp());
    const known = await pub.post(
      '/api/public/lost-links',
      { email: 'mairie@perdu.example.org', dossierNumber: first.body.dossierNumber },
      fromNewIp(),
    );
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);

    await expect.poll(() => to(smtp.messages, email).length, { timeout: 30_000 }).toBe(2);
    expect(to(smtp.messages, 'personne@nulle-part.example.org')).toHaveLength(0);
    const recovery = to(smtp.messages, email)[1]!;
    expect(decodedMail(recovery)).toContain(`Votre nouveau lien privé — dossier ${first.body.dossierNumber}`);
    const [newToken] = linkTokens(recovery);
    expect(newToken).toBeDefined();
    expect(newToken).not.toBe(oldToken);

    const old = await pub.get(`/api/public/candidatures/${oldToken}`);
    expect(old.status).toBe(404);
    expect(old.body.code).toBe('invalid_edit_token');
    expect((await pub.put(`/api/public/candidatures/${oldToken}/engagement`, engagementBody())).status).toBe(404);
    const fresh = await pub.get(`/api/public/candidatures/${newToken}`);
    expect(fresh.status).toBe(200);
    expect(fresh.body.dossierNumber).toBe(first.body.dossierNumber);
    const audit = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'candidature.link_renewed' AND entity_id = $1`, [
      first.body.id,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('refuses a malformed recovery request and limits requests from one address', async () => {
    const pub = t.client();
    expect((await pub.post('/api/public/lost-links', { email: 'pas-un-email' })).status).toBe(400);
    expect((await pub.post('/api/public/lost-links', { email: 'a@b.example.org', dossierNumber: '7' })).status).toBe(
      400,
    );
    const headers = { 'x-forwarded-for': '203.0.113.200' };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await pub.post('/api/public/lost-links', { email: 'a@b.example.org' }, { headers })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(statuses[10]).toBe(429);
  });

  it('lets the lead set how long personal data are kept, within bounds', async () => {
    const call = await createOpenCall(lead.http);
    expect(call.retentionYears).toBe(2);
    const patched = await lead.http.patch(`/api/calls/${call.id}`, { retentionYears: 5 });
    expect(patched.status).toBe(200);
    expect(patched.body.retentionYears).toBe(5);
    expect((await lead.http.patch(`/api/calls/${call.id}`, { retentionYears: 0 })).status).toBe(400);
    expect((await lead.http.patch(`/api/calls/${call.id}`, { retentionYears: 11 })).status).toBe(400);
    expect((await member.http.patch(`/api/calls/${call.id}`, { retentionYears: 3 })).status).toBe(403);
  });

  it('closes the letters at the deadline: no engagement after it', async () => {
    const call = await createOpenCall(lead.http);
    const created = await t.client().post(`/api/public/calls/${call.id}/candidatures`, intentionBody(), fromNewIp());
    await t.sql(`UPDATE calls SET intention_deadline = $2, engagement_deadline = $2 WHERE id = $1`, [
      call.id,
      addDays(today(), -1),
    ]);
    const late = await t
      .client()
      .put(`/api/public/candidatures/${created.body.editToken}/engagement`, engagementBody());
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('deadline_passed');
  });
});
