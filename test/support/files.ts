import sharp from 'sharp';

/** A minimal PDF that parses: catalogue, page tree, one page. */
export const VALID_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A 1×1 PNG that decodes. */
export const VALID_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A photo-like JPEG (detailed enough that cutting it leaves a truncated scan). */
export function photoJpeg(): Promise<Buffer> {
  const pixels = Buffer.from(Array.from({ length: 96 * 64 * 3 }, (_, i) => (i * 7919) % 256));
  return sharp(pixels, { raw: { width: 96, height: 64, channels: 3 } })
    .jpeg()
    .toBuffer();
}

/** The first `fraction` of a file, as an interrupted upload or copy leaves it. */
export const truncated = (bytes: Buffer, fraction = 0.6): Buffer =>
  bytes.subarray(0, Math.floor(bytes.length * fraction));

/** A JPEG's first bytes followed by HTML: passes a check of the magic bytes only. */
export const jpegHeaderThenHtml = (): Buffer =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
    Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>'),
  ]);
