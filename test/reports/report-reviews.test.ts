import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { fakeSmtp } from '../support/fake-smtp';
import { createTestApp, TestApp } from '../support/test-app';
import { seedPilotYear, waitForReport } from './report-helpers';

describe('reviewers take part in a draft report', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;
  let lead: SignedIn;
  let coordinator: SignedIn;
  let reviewer: SignedIn;
  let reviewerEmail: string;
  let coordinatorEmail: string;
  let outsider: SignedIn;
  let pilotId: string;
  let reportId: string;

  beforeAll(async () => {
    smtp = await fakeSmtp();
    t = await createTestApp({
      overrides: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, publicUrl: 'https://projet-k.example.org' },
    });
    lead = await signIn(t, 'lead');
    ({ pilotId } = await seedPilotYear(lead.http));
    const coord = await insertUser(t, 'coordinator');
    const rev = await insertUser(t, 'reviewer', 'Marc Lestage');
    coordinatorEmail = coord.email;
    reviewerEmail = rev.email;
    await addMember(lead.http, pilotId, coord.id, 'coordinator');
    await addMember(lead.http, pilotId, rev.id, 'reviewer');
    coordinator = await signInAs(t, coord.email);
    reviewer = await signInAs(t, rev.email);
    // A reviewer of another pilot.
    const { pilotId: other } = await seedPilotYear(lead.http);
    const out = await insertUser(t, 'reviewer');
    await addMember(lead.http, other, out.id, 'reviewer');
    outsider = await signInAs(t, out.email);
    const created = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'ademe' });
    expect(created.status).toBe(202);
    reportId = created.body.id;
    expect((await waitForReport(lead.http, reportId)).status).toBe('done');
  });
  afterAll(async () => {
    await t?.close();
    smtp?.server.close();
  });

  const comments = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM report_comments`))[0].n;

  it('refuses bad input (400), the wrong role (403) and another pilot or unknown report (404), writing nothing', async () => {
    for (const body of [
      {},
      { body: '   ' },
      { body: 'x'.repeat(5001) },
      { body: 5 },
      { decision: 'reject' },
      { body: 'ok', decision: null },
      { body: 'ok', extra: 1 },
    ]) {
      const res = await reviewer.http.post(`/api/reports/${reportId}/comments`, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await lead.http.post(`/api/reports/${reportId}/comments`, { body: 'Vu.' })).status).toBe(403);
    expect((await coordinator.http.post(`/api/reports/${reportId}/comments`, { body: 'Vu.' })).status).toBe(403);
    expect((await outsider.http.post(`/api/reports/${reportId}/comments`, { body: 'Vu.' })).status).toBe(404);
    expect((await outsider.http.get(`/api/reports/${reportId}/reviews`)).status).toBe(404);
    expect((await reviewer.http.post(`/api/reports/${randomUUID()}/comments`, { body: 'Vu.' })).status).toBe(404);
    expect((await reviewer.http.post(`/api/reports/not-a-uuid/comments`, { body: 'Vu.' })).status).toBe(400);
    // A report still being produced is not a draft to review yet.
    const [{ id: queued }] = await t.sql<{ id: string }>(
      `INSERT INTO reports (kind, pilot_id, year, audience, version, series_key, job_id)
       VALUES ('pilot', $1, 1, 'board', 1, $2, $3) RETURNING id`,
      [pilotId, `pilot:${pilotId}:1:board`, `job-${randomUUID()}`],
    );
    const notReady = await reviewer.http.post(`/api/reports/${queued}/comments`, { body: 'Vu.' });
    expect(notReady.status).toBe(409);
    expect(notReady.body.code).toBe('report_not_ready');
    expect(await comments()).toBe(0);
  });

  it('records a comment asking for changes; the lead sees it with its author, role and date, and is notified by e-mail', async () => {
    const res = await reviewer.http.post(`/api/reports/${reportId}/comments`, {
      body: 'Le tableau des cofinancements omet la Région.',
      decision: 'changes_requested',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      reportId,
      version: 1,
      authorName: 'Marc Lestage',
      authorRole: 'reviewer',
      decision: 'changes_requested',
    });
    const seen = await lead.http.get(`/api/reports/${reportId}/reviews`);
    expect(seen.status).toBe(200);
    expect(seen.body.comments).toHaveLength(1);
    expect(seen.body.comments[0].body).toBe('Le tableau des cofinancements omet la Région.');
    expect(seen.body.comments[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(seen.body.decisions).toEqual([
      expect.objectContaining({ reviewerName: 'Marc Lestage', decision: 'changes_requested' }),
    ]);
    expect(seen.body.versions).toEqual([
      expect.objectContaining({ id: reportId, version: 1, approvals: 0, changesRequested: 1 }),
    ]);
    expect((await coordinator.http.get(`/api/reports/${reportId}/reviews`)).status).toBe(200);

    const notes = await t.sql<{ user_id: string; kind: string; emailed_at: Date | null }>(
      `SELECT user_id, kind, emailed_at FROM notifications WHERE kind = 'report_comment'`,
    );
    expect(notes).toEqual([{ user_id: lead.user.id, kind: 'report_comment', emailed_at: expect.any(Date) }]);
    const mail = smtp.messages.filter((m) => m.includes(`To: ${lead.user.email}`));
    expect(mail).toHaveLength(1);
    // Quoted-printable: long lines are folded with a soft break.
    expect(mail[0].replace(/=\r\n/g, '')).toContain(`https://projet-k.example.org/rapports/${reportId}`);

    // The comments are append-only.
    await expect(t.sql(`UPDATE report_comments SET body = 'autre'`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM report_comments`)).rejects.toThrow(/append-only/);
  });

  it("keeps each reviewer's latest decision on the version: an approval after a request for changes counts", async () => {
    const res = await reviewer.http.post(`/api/reports/${reportId}/comments`, { decision: 'approve' });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe('');
    const seen = await lead.http.get(`/api/reports/${reportId}/reviews`);
    expect(seen.body.comments.map((c: { decision: string }) => c.decision)).toEqual(['changes_requested', 'approve']);
    expect(seen.body.decisions).toEqual([expect.objectContaining({ decision: 'approve' })]);
    expect(seen.body.versions[0]).toMatchObject({ approvals: 1, changesRequested: 0 });
  });

  it('notifies reviewers and coordinators once when the report is issued, then refuses comments (409)', async () => {
    const before = smtp.messages.length;
    expect((await lead.http.post(`/api/reports/${reportId}/issue`)).status).toBe(200);
    expect((await lead.http.post(`/api/reports/${reportId}/issue`)).status).toBe(409);
    const notes = await t.sql<{ user_id: string }>(
      `SELECT user_id FROM notifications WHERE kind = 'report_issued' ORDER BY user_id`,
    );
    expect(notes.map((n) => n.user_id).sort()).toEqual([coordinator.user.id, reviewer.user.id].sort());
    const mails = smtp.messages.slice(before);
    expect(mails).toHaveLength(2);
    expect(mails.filter((m) => m.includes(`To: ${reviewerEmail}`))).toHaveLength(1);
    expect(mails.filter((m) => m.includes(`To: ${coordinatorEmail}`))).toHaveLength(1);

    const closed = await reviewer.http.post(`/api/reports/${reportId}/comments`, { body: 'Trop tard ?' });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('report_review_closed');
    expect(await comments()).toBe(2);
  });
});
