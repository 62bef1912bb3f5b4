import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPilot } from '../factories/pilots';
import { addMember, signIn, SignedIn } from '../factories/users';
import { fetchBytes } from '../funding/funding-helpers';
import { jpegHeaderThenHtml, photoJpeg, truncated, VALID_PDF, VALID_PNG } from '../support/files';
import { createTestApp, TestApp } from '../support/test-app';

const UNREADABLE =
  'Le fichier de preuve est illisible : il est tronqué ou abîmé, ou n’est pas un vrai PDF, JPEG ou PNG. Enregistrez-le de nouveau puis réessayez.';

describe('milestone evidence files are judged by their structure, under a safe name', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinator: SignedIn;
  let milestoneId: string;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    coordinator = await signIn(t, 'coordinator');
    const pilotId: string = (await createPilot(lead.http)).id;
    await addMember(lead.http, pilotId, coordinator.user.id, 'coordinator');
    milestoneId = (await coordinator.http.get(`/api/pilots/${pilotId}/autonomy`)).body.milestones[0].id;
  });
  afterAll(() => t?.close());

  const stored = async () =>
    (
      await t.sql<{ name: string | null; type: string | null; bytes: number | null }>(
        `SELECT evidence_file_name AS name, evidence_file_type AS type, octet_length(evidence_file) AS bytes
           FROM milestones WHERE id = $1`,
        [milestoneId],
      )
    )[0];
  const upload = (name: string, contentType: string, bytes: Buffer) =>
    coordinator.http.patch(`/api/milestones/${milestoneId}`, {
      evidence: { file: { name, contentType, dataBase64: bytes.toString('base64') } },
    });

  it('refuses truncated and forged files with 400 evidence_file_unreadable on evidence.file, writing nothing', async () => {
    const before = await stored();
    const jpeg = await photoJpeg();
    for (const [name, type, bytes] of [
      ['deliberation.pdf', 'application/pdf', truncated(VALID_PDF, 0.5)],
      ['photo.jpg', 'image/jpeg', truncated(jpeg)],
      ['page.html', 'image/jpeg', jpegHeaderThenHtml()],
      ['plan.png', 'image/png', truncated(VALID_PNG, 0.7)],
    ] as const) {
      const res = await upload(name, type, bytes);
      expect(res.status, name).toBe(400);
      expect(res.body).toMatchObject({ code: 'evidence_file_unreadable', detail: UNREADABLE });
      expect(res.body.errors).toEqual([
        { field: 'evidence.file', code: 'evidence_file_unreadable', message: UNREADABLE },
      ]);
    }
    expect(await stored()).toEqual(before);
    expect(
      await t.sql(`SELECT 1 FROM audit_log WHERE action = 'milestone.update' AND entity_id = $1`, [milestoneId]),
    ).toHaveLength(0);
  });

  it('refuses a file that is no PDF, JPEG or PNG with 415, whatever its declared type', async () => {
    const res = await upload('compte-rendu.pdf', 'application/pdf', Buffer.from('MZ\x90\x00 exécutable'));
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('evidence_file_type_not_allowed');
    expect((await stored()).bytes).toBeNull();
  });

  it('stores the type the bytes have and a safe name with the matching extension', async () => {
    const jpeg = await photoJpeg();
    const res = await upload('.\u202Egpj.exe', 'application/pdf', jpeg);
    expect(res.status, res.text).toBe(200);
    expect(res.body.evidence.file).toEqual({ name: 'gpj.jpg', contentType: 'image/jpeg', size: jpeg.length });
    const file = await fetchBytes(t, lead.user.email, `/api/milestones/${milestoneId}/evidence-file`);
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('image/jpeg');
    expect(Buffer.from(file.bytes).equals(jpeg)).toBe(true);
  });
});
