import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signIn, SignedIn } from '../factories/users';
import { jpegHeaderThenHtml, photoJpeg, truncated, VALID_PDF } from '../support/files';
import { createTestApp, TestApp } from '../support/test-app';
import { createPilot, expense, fetchBytes, postEntry } from './funding-helpers';

const UNREADABLE =
  'Le justificatif est illisible : le fichier est tronqué ou abîmé, ou n’est pas un vrai PDF, JPEG ou PNG. Enregistrez-le de nouveau puis réessayez.';

describe('receipts are judged by their structure, under a safe name', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinator: SignedIn;
  let pilotId: string;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    coordinator = await signIn(t, 'coordinator');
    pilotId = await createPilot(lead.http);
    await addMember(lead.http, pilotId, coordinator.user.id, 'coordinator');
  });
  afterAll(() => t?.close());

  async function newExpense(): Promise<string> {
    const res = await postEntry(coordinator.http, pilotId, expense('operating', 1, 120_00));
    expect(res.status, res.text).toBe(201);
    return res.body.id;
  }
  const receipts = async (entryId: string) =>
    t.sql(`SELECT filename FROM ledger_receipts WHERE entry_id = $1`, [entryId]);

  it('refuses truncated files and a JPEG header followed by HTML with 400 receipt_unreadable, storing nothing', async () => {
    const jpeg = await photoJpeg();
    const cases: [string, Buffer][] = [
      ['photo-coupee.jpg', truncated(jpeg)],
      ['page.html', jpegHeaderThenHtml()],
      ['facture.pdf', truncated(VALID_PDF, 0.5)],
      ['facture.pdf', Buffer.from('%PDF-1.4 pas vraiment un PDF\n%%EOF\n')],
    ];
    for (const [filename, bytes] of cases) {
      const entryId = await newExpense();
      const res = await coordinator.http.post(`/api/pilots/${pilotId}/ledger/${entryId}/receipt`, {
        filename,
        contentBase64: bytes.toString('base64'),
      });
      expect(res.status, filename).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'receipt_unreadable', detail: UNREADABLE });
      expect(await receipts(entryId)).toHaveLength(0);
      expect((await lead.http.get(`/api/pilots/${pilotId}/ledger/${entryId}/receipt`)).status).toBe(404);
    }
  });

  it('stores a real JPEG under its real extension, without direction overrides, and serves it as an image', async () => {
    const jpeg = await photoJpeg();
    const entryId = await newExpense();
    const res = await coordinator.http.post(`/api/pilots/${pilotId}/ledger/${entryId}/receipt`, {
      filename: 'C:\\scans\\re\u202Eçu\u200B mai.html',
      contentBase64: jpeg.toString('base64'),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.receipt).toMatchObject({ filename: 'reçu mai.jpg', contentType: 'image/jpeg' });
    expect(await receipts(entryId)).toEqual([{ filename: 'reçu mai.jpg' }]);
    const file = await fetchBytes(t, lead.user.email, `/api/pilots/${pilotId}/ledger/${entryId}/receipt`);
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('image/jpeg');
    expect(Buffer.from(file.bytes).equals(jpeg)).toBe(true);
  });

  it('still answers 415 for a file that is no PDF, JPEG or PNG at all', async () => {
    const entryId = await newExpense();
    const res = await coordinator.http.post(`/api/pilots/${pilotId}/ledger/${entryId}/receipt`, {
      filename: 'facture.pdf',
      contentBase64: Buffer.from('<html>facture</html>').toString('base64'),
    });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('receipt_type_not_allowed');
    expect(await receipts(entryId)).toHaveLength(0);
  });
});
