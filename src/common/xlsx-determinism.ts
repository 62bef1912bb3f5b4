import type JSZip from 'jszip';
import { onFirstUse } from './on-first-use';

// Loaded by the first spreadsheet re-dated, not at start.
const jszip = onFirstUse<typeof JSZip>('jszip');

/**
 * Re-dates every entry of a zip (an XLSX) to `day` (YYYY-MM-DD), keeping their order and their compressed bytes,
 * so the same content always gives the same file (zip writers stamp each entry with the clock).
 */
export async function deterministicZip(bytes: Buffer, day: string): Promise<Buffer> {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  // Zip dates are local wall-clock fields: built from local fields, they read the same in every time zone.
  const date = new Date(y, m - 1, d, 0, 0, 0);
  const zip = await jszip().loadAsync(bytes);
  for (const entry of Object.values(zip.files)) entry.date = date;
  // Same compression as loaded: JSZip copies each entry's compressed data instead of deflating it again.
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles: false });
}
