import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenCall, engagementBody, intentionBody, today } from '../factories/candidatures';
import { insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { fakeSmtp } from '../support/fake-smtp';
import { createTestApp, TestApp } from '../support/test-app';

describe('notifications when a candidature arrives and is decided', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;
  let lead: SignedIn;
  let otherLead: SignedIn;
  let coordinator: SignedIn;
  let callId: string;

  beforeAll(async () => {
    smtp = await fakeSmtp();
    t = await createTestApp({
      overrides: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, publicUrl: 'https://projet-k.example.org' },
    });
    lead = await signIn(t, 'lead');
    otherLead = await signIn(t, 'lead');
    // The coordinator-to-be has an account with the candidature's contact address.
    const c = await insertUser(t, 'coordinator');
    await t.sql(`UPDATE users SET email = 'mairie@cursan.example.org' WHERE id = $1`, [c.id]);
    coordinator = await signInAs(t, 'mairie@cursan.example.org');
    callId = (await createOpenCall(lead.http)).id;
  });
  afterAll(async () => {
    await t?.close();
    smtp?.server.close();
  });

  const kinds = async (who: SignedIn) =>
    (
      (await who.http.get('/api/notifications')).body.items as { kind: string; title: string; link: string | null }[]
    ).filter((n) => n.kind.startsWith('candidature_'));

  it('tells every lead once that a candidature arrived, and the candidate once it is decided', async () => {
    const pub = t.client();
    const created = await pub.post(
      `/api/public/calls/${callId}/candidatures`,
      intentionBody({
        communes: [{ name: 'Cursan' }],
        contactName: 'Mairie de Cursan',
        contactEmail: 'mairie@cursan.example.org',
      }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const who of [lead, otherLead]) {
      expect(await kinds(who)).toEqual([
        expect.objectContaining({
          kind: 'candidature_received',
          title: 'Nouvelle candidature : Cursan',
          link: `/candidatures/${id}`,
        }),
      ]);
    }
    expect(await kinds(coordinator)).toEqual([]);
    expect(
      (await pub.put(`/api/public/candidatures/${created.body.editToken}/engagement`, engagementBody())).status,
    ).toBe(200);

    const decision = await lead.http.post(`/api/candidatures/${id}/decision`, {
      decision: 'selected',
      deliberationNumber: 'AG-2026-07',
      deliberationDate: today(),
    });
    expect(decision.status).toBe(200);
    const pilotId = decision.body.pilotId;
    const leadSees = (await kinds(otherLead)).filter((n) => n.kind === 'candidature_decided');
    expect(leadSees).toEqual([
      expect.objectContaining({
        title: 'Décision sur la candidature de Cursan : retenue',
        link: `/candidatures/${id}`,
      }),
    ]);
    expect((await kinds(coordinator)).map((n) => [n.kind, n.link])).toEqual([
      ['candidature_decided', `/pilotes/${pilotId}`],
    ]);

    // A second decision is refused: nothing more is notified.
    const again = await lead.http.post(`/api/candidatures/${id}/decision`, {
      decision: 'not_selected',
      deliberationNumber: 'AG-2026-08',
      deliberationDate: today(),
    });
    expect(again.status).toBe(409);
    const rows = await t.sql(`SELECT user_id, event_key FROM notifications WHERE event_key LIKE $1`, [`%${id}`]);
    expect(rows).toHaveLength(2 + 2 + 1);

    // E-mails: to the candidate (no account needed: the acknowledgement, then the decision) and to each notified person.
    await expect
      .poll(() => smtp.messages.filter((m) => m.includes('To: mairie@cursan.example.org')).length, { timeout: 20_000 })
      .toBe(3);
    const toCandidate = smtp.messages.filter((m) => m.includes('To: mairie@cursan.example.org'));
    expect(toCandidate.some((m) => m.includes('licitations'))).toBe(true);
    await expect
      .poll(() => smtp.messages.filter((m) => m.includes(`To: ${otherLead.user.email}`)).length, { timeout: 20_000 })
      .toBe(2);
  });

  it('lets each person turn the e-mails off for themselves, and validates the setting', async () => {
    expect((await coordinator.http.get('/api/notifications/settings')).body).toEqual({
      emailEnabled: true,
      smtpConfigured: true,
    });
    for (const body of [{}, { emailEnabled: 'no' }, { emailEnabled: false, extra: 1 }])
      expect((await otherLead.http.patch('/api/notifications/settings', body)).status).toBe(400);
    expect((await t.client().patch('/api/notifications/settings', { emailEnabled: false })).status).toBe(401);
    const off = await otherLead.http.patch('/api/notifications/settings', { emailEnabled: false });
    expect(off.status).toBe(200);
    expect(off.body.emailEnabled).toBe(false);
    expect((await lead.http.get('/api/notifications/settings')).body.emailEnabled).toBe(true);
    const audit = await t.sql(
      `SELECT after FROM audit_log WHERE action = 'user.notification_settings' AND user_id = $1`,
      [otherLead.user.id],
    );
    expect(audit).toEqual([{ after: { emailEnabled: false } }]);

    const before = smtp.messages.length;
    const created = await t
      .client()
      .post(
        `/api/public/calls/${callId}/candidatures`,
        intentionBody({ communes: [{ name: 'Espiet' }], contactEmail: undefined }),
      );
    expect(created.status).toBe(201);
    // The lead who kept e-mails gets one; the other sees it in the app only.
    await expect
      .poll(() => smtp.messages.filter((m) => m.includes(`To: ${lead.user.email}`)).length, { timeout: 20_000 })
      .toBe(3);
    expect((await kinds(otherLead)).some((n) => n.title === 'Nouvelle candidature : Espiet')).toBe(true);
    expect(smtp.messages.slice(before).some((m) => m.includes(`To: ${otherLead.user.email}`))).toBe(false);
  });
});
