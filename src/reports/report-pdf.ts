import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../common/chromium';

let browser: Promise<Browser> | undefined;

async function shared(executablePath: string): Promise<Browser> {
  if (browser) {
    const b = await browser.catch(() => undefined);
    if (b?.isConnected()) return b;
  }
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (set CHROMIUM_PATH)`);
  // One browser per process, started on first use; each report gets its own short-lived context.
  // The process's own stop closes the browser; Playwright must not install signal handlers that exit first.
  browser = chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  browser.catch(() => (browser = undefined));
  return browser;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Prints the report's HTML to an A4 PDF with a running header and page numbers. The page runs no script
 * and reaches no network: everything it shows is inside the HTML.
 */
export async function printReportPdf(
  html: string,
  options: { chromiumPath: string; header: string; timeoutMs?: number; date?: string },
): Promise<Buffer> {
  const b = await shared(options.chromiumPath);
  const context = await b.newContext({
    javaScriptEnabled: false,
    offline: true,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(options.timeoutMs ?? 60_000);
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: 'A4',
      // A tagged PDF (structure for screen readers) whose title and language come from the page's <title> and lang.
      tagged: true,
      printBackground: true,
      displayHeaderFooter: true,
      margin: { top: '22mm', bottom: '20mm', left: '16mm', right: '16mm' },
      headerTemplate: `<div style="font-family: 'DejaVu Sans', sans-serif; font-size: 8px; color: #5b6b70; width: 100%; padding: 0 16mm; display: flex; justify-content: space-between;"><span>${escapeHtml(options.header)}</span><span>Projet K · Smicval</span></div>`,
      footerTemplate: `<div style="font-family: 'DejaVu Sans', sans-serif; font-size: 8px; color: #5b6b70; width: 100%; padding: 0 16mm; text-align: right;">Page <span class="pageNumber"></span> sur <span class="totalPages"></span></div>`,
    });
    return options.date ? withFixedDates(Buffer.from(pdf), options.date) : Buffer.from(pdf);
  } finally {
    await context.close().catch(() => undefined);
  }
}

const PDF_DATE = /\/(CreationDate|ModDate) \(D:\d{14}([^)]*)\)/g;

/**
 * Chromium stamps the print time in the document information (CreationDate, ModDate): the only bytes that differ
 * between two prints of the same page. They are replaced by the snapshot's day, same length, so the cross-reference
 * offsets stay right and the same snapshot always gives the same PDF.
 */
export function withFixedDates(pdf: Buffer, day: string): Buffer {
  const stamp = `${day.slice(0, 4)}${day.slice(5, 7)}${day.slice(8, 10)}000000`;
  if (!/^\d{14}$/.test(stamp)) throw new RangeError(`Invalid report date ${day}`);
  // latin1 maps each byte to one character and back: the binary streams pass through untouched.
  const text = pdf
    .toString('latin1')
    .replace(
      PDF_DATE,
      (_m, key: string, zone: string) => `/${key} (D:${stamp}${zone.length === 7 ? "+00'00'" : zone})`,
    );
  return Buffer.from(text, 'latin1');
}

/** Closes the shared browser (module shutdown, tests, benchmark). */
export async function closeReportBrowser(): Promise<void> {
  const b = browser;
  browser = undefined;
  if (b) await (await b.catch(() => undefined))?.close().catch(() => undefined);
}
