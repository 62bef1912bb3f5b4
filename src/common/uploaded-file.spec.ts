import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkUploadedFile, safeFileName } from './uploaded-file';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A picture with detail, so its compressed stream is long enough to cut in the middle. */
function noisy(): sharp.Sharp {
  const pixels = Buffer.from(Array.from({ length: 64 * 48 * 3 }, (_, i) => (i * 7919) % 256));
  return sharp(pixels, { raw: { width: 64, height: 48, channels: 3 } });
}

// The first call loads pdfjs and libvips: slow on a busy machine, hence the timeout.
describe('checkUploadedFile', { timeout: 60_000 }, () => {
  it('accepts a PDF that parses, a JPEG and a PNG that decode, typed from their bytes', async () => {
    expect(await checkUploadedFile(PDF)).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(await checkUploadedFile(await noisy().jpeg().toBuffer())).toEqual({ ok: true, contentType: 'image/jpeg' });
    expect(await checkUploadedFile(await noisy().png().toBuffer())).toEqual({ ok: true, contentType: 'image/png' });
  });

  it('refuses files without a known signature as a type problem', async () => {
    expect(await checkUploadedFile(Buffer.from('MZ this is an exe'))).toMatchObject({ ok: false, reason: 'type' });
    expect(await checkUploadedFile(Buffer.from('<html></html>'))).toMatchObject({ ok: false, reason: 'type' });
  });

  it('refuses truncated files and forged headers as unreadable', async () => {
    const jpeg = await noisy().jpeg().toBuffer();
    const png = await noisy().png().toBuffer();
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    for (const bad of [
      jpeg.subarray(0, Math.floor(jpeg.length * 0.6)),
      png.subarray(0, Math.floor(png.length * 0.6)),
      PDF.subarray(0, 100),
      Buffer.concat([jpeg.subarray(0, 20), html]),
      Buffer.concat([png.subarray(0, 8), html]),
      Buffer.from('%PDF-1.4 délibération du conseil municipal\n%%EOF'),
      Buffer.concat([Buffer.from('%PDF-1.7\n'), html]),
    ]) {
      expect(await checkUploadedFile(bad), bad.subarray(0, 12).toString('latin1')).toMatchObject({
        ok: false,
        reason: 'unreadable',
      });
    }
  });
});

describe('safeFileName', () => {
  it('keeps the last path segment and a matching extension', () => {
    expect(safeFileName('../../etc/facture.pdf', 'application/pdf')).toBe('facture.pdf');
    expect(safeFileName('C:\\scans\\Reçu Mai.JPEG', 'image/jpeg')).toBe('Reçu Mai.JPEG');
    expect(safeFileName('facture.2024.pdf', 'application/pdf')).toBe('facture.2024.pdf');
  });

  it('gives the extension of the real type', () => {
    expect(safeFileName('page.html', 'image/jpeg')).toBe('page.jpg');
    expect(safeFileName('facture', 'application/pdf')).toBe('facture.pdf');
    expect(safeFileName('photo.png', 'image/jpeg')).toBe('photo.jpg');
  });

  it('drops direction overrides, invisible and control characters, reserved characters and leading dots', () => {
    // « invoice‮fdp.exe » would show as « invoiceexe.pdf ».
    expect(safeFileName('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoicefdp.pdf');
    expect(safeFileName('a\u200Bb\u0000c\u2066d<>:"|?*.png', 'image/png')).toBe('abcd.png');
    expect(safeFileName('...', 'image/png', 'preuve')).toBe('preuve.png');
    expect(safeFileName('.htaccess', 'application/pdf', 'justificatif')).toBe('htaccess.pdf');
    expect(safeFileName('e\u0301te\u0301.pdf', 'application/pdf')).toBe('été.pdf');
  });

  it('bounds the length', () => {
    const name = safeFileName(`${'a'.repeat(500)}.pdf`, 'application/pdf');
    expect(name).toBe(`${'a'.repeat(150)}.pdf`);
  });
});
