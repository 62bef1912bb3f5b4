import JSZip from 'jszip';

/**
 * Rewrites a zip (an XLSX) with every entry dated `day` (YYYY-MM-DD) in the same order, so the same content
 * always gives the same bytes (a zip stores each entry's modification time, which writers take from the clock).
 */
export async function deterministicZip(bytes: Buffer, day: string): Promise<Buffer> {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  // Zip dates are local wall-clock fields: built from local fields, they read the same in every time zone.
  const date = new Date(y, m - 1, d, 0, 0, 0);
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const name of Object.keys(zip.files)) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    out.file(name, await entry.async('nodebuffer'), { date, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
