import type Sharp from 'sharp';
import { onFirstUse } from './on-first-use';

// Loaded by the first image checked, not at start.
const sharp = onFirstUse<typeof Sharp>('sharp');

/** The file types users may upload (receipts, milestone evidence), as recognised from their bytes. */
export type UploadType = 'application/pdf' | 'image/jpeg' | 'image/png';

const EXTENSIONS: Record<UploadType, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
};

/** More pages than this are not walked one by one (the document and its page tree are still parsed). */
const MAX_PAGES_CHECKED = 200;
/** PDF readers look for the end-of-file marker in the last kilobyte; a truncated file has none. */
const PDF_EOF_WINDOW = 1024;

export type UploadCheck =
  { ok: true; contentType: UploadType } | { ok: false; reason: 'type' | 'unreadable'; detail: string };

/** PDF, JPEG or PNG from the first bytes (the client's file name and content type are not trusted). */
export function sniffUploadType(bytes: Buffer): UploadType | null {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

/** The document must open and every page (up to MAX_PAGES_CHECKED) must resolve, as a PDF reader needs. */
async function checkPdf(bytes: Buffer): Promise<void> {
  if (!bytes.subarray(-PDF_EOF_WINDOW).toString('latin1').includes('%%EOF')) throw new Error('no %%EOF marker');
  // pdfjs-dist is ESM only: loaded on first use, its legacy build being the one for Node.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: true,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    if (doc.numPages < 1) throw new Error('no page');
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES_CHECKED); n++) await doc.getPage(n);
  } finally {
    await task.destroy();
  }
}

/**
 * Every pixel is decoded (libvips streams it: no full-size buffer); `failOn: 'warning'` makes a truncated or
 * corrupt image an error instead of a picture padded with grey.
 */
async function checkImage(bytes: Buffer): Promise<void> {
  const stats = await sharp()(bytes, { failOn: 'warning', sequentialRead: true }).stats();
  if (stats.channels.length === 0) throw new Error('no pixel');
}

/**
 * Judges an uploaded file by its structure: a PDF must parse as a PDF, an image must decode. A file without a
 * known signature is `type`; one with the signature but truncated or forged (a JPEG header before HTML) is
 * `unreadable`.
 */
export async function checkUploadedFile(bytes: Buffer): Promise<UploadCheck> {
  const contentType = sniffUploadType(bytes);
  if (!contentType) return { ok: false, reason: 'type', detail: 'not a PDF, JPEG or PNG file' };
  try {
    await (contentType === 'application/pdf' ? checkPdf(bytes) : checkImage(bytes));
    return { ok: true, contentType };
  } catch (e) {
    return { ok: false, reason: 'unreadable', detail: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The name a file is stored and downloaded under: the last path segment, NFC, without control or format
 * characters (right-to-left overrides, zero-width marks), reserved characters or leading dots, at most 150
 * characters, and ending with the extension of its real type (`page.html` holding a JPEG becomes `page.jpg`).
 */
export function safeFileName(name: string, contentType: UploadType, fallback = 'fichier'): string {
  const allowed = EXTENSIONS[contentType];
  let base = (name.normalize('NFC').split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}<>:"|?*]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  if (allowed.includes(ext.toLowerCase())) base = base.slice(0, dot);
  else if (/^[\p{L}\p{N}]{1,8}$/u.test(ext)) base = base.slice(0, dot);
  base =
    [...base]
      .slice(0, 150)
      .join('')
      .trim()
      .replace(/[.\s]+$/g, '') || fallback;
  return `${base}.${allowed.includes(ext.toLowerCase()) ? ext : allowed[0]}`;
}
