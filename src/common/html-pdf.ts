import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type * as Playwright from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium';
import { onFirstUse } from './on-first-use';

// Loaded by the first document printed, not by every process that imports this module.
const playwright = onFirstUse<typeof Playwright>('playwright-core');

let running: Promise<Browser> | undefined;

/** The process's headless Chromium for small documents (acknowledgements), started on first use. */
async function browserAt(executablePath: string): Promise<Browser> {
  const current = running && (await running.catch(() => undefined));
  if (current?.isConnected()) return current;
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (set CHROMIUM_PATH)`);
  running = playwright().chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  running.catch(() => (running = undefined));
  return running;
}

/**
 * A self-contained French HTML page printed to an A4 PDF: no script, no network, Paris time. The print instant
 * Chromium writes in the document information is replaced by `day` (same length, so offsets hold), which makes
 * two prints of the same page the same bytes.
 */
export async function htmlToPdf(html: string, opts: { chromiumPath: string; day: string }): Promise<Buffer> {
  const b = await browserAt(opts.chromiumPath);
  const context = await b.newContext({
    javaScriptEnabled: false,
    offline: true,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = Buffer.from(
      await page.pdf({
        format: 'A4',
        tagged: true,
        printBackground: true,
        margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
      }),
    );
    const stamp = opts.day.replaceAll('-', '') + '000000';
    if (!/^\d{14}$/.test(stamp)) throw new RangeError(`Invalid day ${opts.day}`);
    return Buffer.from(
      pdf
        .toString('latin1')
        .replace(/\/(CreationDate|ModDate) \(D:\d{14}/g, (_m, key: string) => `/${key} (D:${stamp}`),
      'latin1',
    );
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** Closes the browser (module shutdown, tests). */
export async function closePdfBrowser(): Promise<void> {
  const b = running;
  running = undefined;
  if (b) await (await b.catch(() => undefined))?.close().catch(() => undefined);
}

/** Text made safe inside HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
