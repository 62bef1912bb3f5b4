import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_SCHEDULER } from '../../src/candidatures/candidature-retention.service';
import { JobName, QueueName } from '../../src/queues/queue.constants';
import { addDays } from '../../src/pilots/pilot-terms';
import { createOpenCall, engagementBody, intentionBody, today } from '../factories/candidatures';
import { signIn, SignedIn } from '../factories/users';
import { jpegHeaderThenHtml, truncated, VALID_PDF, VALID_PNG } from '../support/files';
import { createTestApp, TestApp } from '../support/test-app';

const upload = (bytes: Buffer, filename = 'deliberation-conseil-municipal.pdf') => ({
  filename,
  contentBase64: bytes.toString('base64'),
});
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('attachments on the letter of engagement, and the retention of personal data', () => {
  let t: TestApp;
  let lead: SignedIn;
  let member: SignedIn;
  let coordinator: SignedIn;
  let ip = 0;
  const fromNewIp = () => ({ headers: { 'x-forwarded-for': `192.0.2.${++ip}` } });

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    member = await signIn(t, 'committee');
    coordinator = await signIn(t, 'coordinator');
  });
  afterAll(() => t?.close());

  async function candidature(callId: string, overrides: Record<string, unknown> = {}) {
    const res = await t
      .client()
      .post(`/api/public/calls/${callId}/candidatures`, intentionBody(overrides), fromNewIp());
    expect(res.status).toBe(201);
    return { id: res.body.id as string, token: res.body.editToken as string };
  }

  it('takes a PDF through the private link; the candidate, the lead and the committee list and download it', async () => {
    const call = await createOpenCall(lead.http);
    const k = await candidature(call.id);
    const pub = t.client();
    const added = await pub.post(`/api/public/candidatures/${k.token}/attachments`, upload(VALID_PDF));
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      filename: 'deliberation-conseil-municipal.pdf',
      sizeBytes: VALID_PDF.length,
      sha256: sha(VALID_PDF),
    });
    const id = added.body.id as string;

    expect((await pub.get(`/api/public/candidatures/${k.token}`)).body.attachments).toEqual([added.body]);
    expect((await lead.http.get(`/api/candidatures/${k.id}`)).body.attachments).toEqual([added.body]);
    for (const [who, path] of [
      [pub, `/api/public/candidatures/${k.token}/attachments/${id}`],
      [lead.http, `/api/candidatures/${k.id}/attachments/${id}`],
      [member.http, `/api/candidatures/${k.id}/attachments/${id}`],
    ] as const) {
      const file = await who.get(path);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('x-content-sha256')).toBe(sha(VALID_PDF));
    }
    expect((await coordinator.http.get(`/api/candidatures/${k.id}/attachments/${id}`)).status).toBe(403);

    // Another candidature's link does not reach this document.
    const other = await candidature(call.id, { communes: [{ name: 'Haux' }] });
    const foreign = await pub.get(`/api/public/candidatures/${other.token}/attachments/${id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('not_found');
    expect(foreign.body.detail).toBe('Cette pièce jointe est introuvable.');
    expect((await lead.http.get(`/api/candidatures/${other.id}/attachments/${id}`)).status).toBe(404);
    expect((await pub.delete(`/api/public/candidatures/${other.token}/attachments/${id}`)).status).toBe(404);

    // The lead adds one on the commune's behalf; the candidate removes the first while the phase is open.
    expect((await lead.http.post(`/api/candidatures/${k.id}/attachments`, upload(VALID_PDF, 'plan.pdf'))).status).toBe(
      201,
    );
    expect((await member.http.post(`/api/candidatures/${k.id}/attachments`, upload(VALID_PDF))).status).toBe(403);
    expect((await pub.delete(`/api/public/candidatures/${k.token}/attachments/${id}`)).status).toBe(204);
    expect((await pub.get(`/api/public/candidatures/${k.token}/attachments/${id}`)).status).toBe(404);
    const actions = await t.sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'candidature.attachment%' ORDER BY id`,
      [k.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'candidature.attachment_add',
      'candidature.attachment_add',
      'candidature.attachment_remove',
    ]);
  });

  it('refuses what is not a whole PDF, or too large, or after the deadline, and stores nothing', async () => {
    const call = await createOpenCall(lead.http);
    const k = await candidature(call.id);
    const pub = t.client();
    const post = (body: unknown) => pub.post(`/api/public/candidatures/${k.token}/attachments`, body);
    const cases: [unknown, number, string][] = [
      [upload(VALID_PNG, 'scan.png'), 415, 'unsupported_media_type'],
      [upload(jpegHeaderThenHtml(), 'deliberation.pdf'), 415, 'unsupported_media_type'],
      [upload(Buffer.from('<html>pas un PDF</html>')), 415, 'unsupported_media_type'],
      [upload(truncated(VALID_PDF)), 400, 'invalid_input'],
      [upload(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)])), 413, 'payload_too_large'],
      [{ filename: 'x.pdf', contentBase64: '***' }, 400, 'validation_failed'],
      [{ filename: '', contentBase64: VALID_PDF.toString('base64') }, 400, 'validation_failed'],
    ];
    const french: Record<string, string> = {
      unsupported_media_type: 'Une pièce jointe doit être un fichier PDF.',
      payload_too_large: 'Une pièce jointe ne doit pas dépasser 10 Mo.',
    };
    for (const [body, status, code] of cases) {
      const res = await post(body);
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(res.body.detail).toBe(french[code] ?? res.body.detail);
      expect(res.body.detail).toBeTruthy();
    }
    expect(await t.sql(`SELECT 1 FROM candidature_attachments WHERE candidature_id = $1`, [k.id])).toHaveLength(0);

    await t.sql(`UPDATE calls SET intention_deadline = $2, engagement_deadline = $2 WHERE id = $1`, [
      call.id,
      addDays(today(), -1),
    ]);
    const late = await post(upload(VALID_PDF));
    expect([late.status, late.body.code]).toEqual([409, 'deadline_passed']);
  });

  it('erases the personal data of non-selected candidatures decided over 2 years ago, through the daily job', async () => {
    const call = await createOpenCall(lead.http, { title: 'Appel ancien' });
    const oldRefused = await candidature(call.id, { communes: [{ name: 'Espiet' }], contactName: 'Mme Martin' });
    const pub = t.client();
    expect((await pub.put(`/api/public/candidatures/${oldRefused.token}/engagement`, engagementBody())).status).toBe(
      200,
    );
    expect((await pub.post(`/api/public/candidatures/${oldRefused.token}/attachments`, upload(VALID_PDF))).status).toBe(
      201,
    );
    const recentRefused = await candidature(call.id, { communes: [{ name: 'Targon' }] });
    const oldSelected = await candidature(call.id, { communes: [{ name: 'Haux' }] });
    expect((await pub.put(`/api/public/candidatures/${oldSelected.token}/engagement`, engagementBody())).status).toBe(
      200,
    );
    const decide = (id: string, decision: string) =>
      lead.http.post(`/api/candidatures/${id}/decision`, {
        decision,
        deliberationNumber: 'AG-2023-11',
        deliberationDate: today(),
      });
    expect((await decide(oldRefused.id, 'not_selected')).status).toBe(200);
    expect((await decide(recentRefused.id, 'not_selected')).status).toBe(200);
    expect((await decide(oldSelected.id, 'selected')).status).toBe(200);
    // Decided 2 years and a month ago, and 1 year ago.
    await t.sql(`UPDATE candidatures SET decided_at = now() - interval '2 years 1 month' WHERE id IN ($1, $2)`, [
      oldRefused.id,
      oldSelected.id,
    ]);
    await t.sql(`UPDATE candidatures SET decided_at = now() - interval '1 year' WHERE id = $1`, [recentRefused.id]);

    const queue = t.app.get<Queue>(getQueueToken(QueueName.Candidatures));
    expect(await queue.getJobSchedulers()).toContainEqual(
      expect.objectContaining({ key: RETENTION_SCHEDULER, name: JobName.CandidatureRetention, tz: 'Europe/Paris' }),
    );
    const job = await queue.add(JobName.CandidatureRetention, {});
    await expect
      .poll(async () => (await queue.getJob(String(job.id)))?.finishedOn ?? null, { timeout: 30_000 })
      .not.toBeNull();
    const done = await queue.getJob(String(job.id));
    expect(done?.failedReason ?? null).toBeNull();
    expect(done?.returnvalue).toMatchObject({ erased: 1, attachmentsRemoved: 1 });

    const erased = (await lead.http.get(`/api/candidatures/${oldRefused.id}`)).body;
    expect(erased).toMatchObject({
      contactName: null,
      contactEmail: null,
      attachments: [],
      communes: [{ name: 'Espiet' }],
      inhabitants: 1200,
      status: 'not_selected',
      intention: { specifics: '', values: '', stakes: '', zeroWasteCommune: true },
    });
    expect(erased.personalDataErasedAt).not.toBeNull();
    expect(erased.engagement).toMatchObject({
      description: '',
      coordinator: '',
      hybridPolicies: ['food', 'village_revitalisation'],
      actors: [
        { name: 'Acteur 1', type: 'public' },
        { name: 'Acteur 2', type: 'associative' },
        { name: 'Acteur 3', type: 'private' },
      ],
    });
    expect((await pub.get(`/api/public/candidatures/${oldRefused.token}`)).status).toBe(404);
    expect((await lead.http.get(`/api/candidatures/${recentRefused.id}`)).body.contactEmail).not.toBeNull();
    expect((await lead.http.get(`/api/candidatures/${oldSelected.id}`)).body.contactEmail).not.toBeNull();
    const audit = await t.sql<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_log WHERE action = 'candidature.personal_data_erase' AND entity_id = $1`,
      [oldRefused.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ retentionYears: 2, attachmentsRemoved: 1 });

    // Run again (by the lead, now): nothing more; a longer period set by the lead keeps the data.
    expect((await lead.http.post('/api/retention-runs/candidatures')).body).toEqual({
      erased: 0,
      attachmentsRemoved: 0,
    });
    expect((await member.http.post('/api/retention-runs/candidatures')).status).toBe(403);
    const kept = await createOpenCall(lead.http, { retentionYears: 5 });
    const longKept = await candidature(kept.id);
    expect((await decide(longKept.id, 'not_selected')).status).toBe(200);
    await t.sql(`UPDATE candidatures SET decided_at = now() - interval '3 years' WHERE id = $1`, [longKept.id]);
    expect((await lead.http.post('/api/retention-runs/candidatures')).body.erased).toBe(0);
  });
});
