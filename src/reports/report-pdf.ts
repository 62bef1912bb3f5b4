import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../common/chromium';
import { playwrightLib } from './report-libs';

/** A page prints at most this many reports, or for this long, before it is closed and a fresh one replaces it. */
export const PAGE_MAX_PRINTS = 50;
export const PAGE_MAX_AGE_MS = 10 * 60_000;

type Warm = { path: string; browser: Browser; context: BrowserContext };
type Slot = { page: Page; context: BrowserContext; prints: number; since: number };

/**
 * One warm Chromium per process: started on first use, then kept with one context (no script, no network, French
 * locale) and a few reusable pages, so a report pays neither a browser start nor a new renderer process. A page is
 * replaced after PAGE_MAX_PRINTS prints or PAGE_MAX_AGE_MS, or at once after a failed print; a browser that crashed
 * or was killed is dropped and started again on the next print, which is retried once on the new browser.
 */
export class ReportPrinter {
  private warm: Promise<Warm> | undefined;
  private idle: Slot[] = [];
  private launches = 0;
  private opened = 0;

  constructor(private readonly limits = { maxPrints: PAGE_MAX_PRINTS, maxAgeMs: PAGE_MAX_AGE_MS }) {}

  /** How many browsers were started (a restart after a crash counts) and pages opened, since this printer exists. */
  get counts(): { browsers: number; pages: number } {
    return { browsers: this.launches, pages: this.opened };
  }

  /** The current browser, started if needed (tests kill it to check the restart). */
  async browser(executablePath: string): Promise<Browser> {
    return (await this.start(executablePath)).browser;
  }

  private async start(path: string): Promise<Warm> {
    for (let pending = this.warm; pending; pending = this.warm) {
      const current = await pending.catch(() => undefined);
      if (this.warm !== pending) continue; // replaced meanwhile by another print: look again
      if (current?.browser.isConnected() && current.path === path) return current;
      this.drop();
      if (current) void current.browser.close().catch(() => undefined);
    }
    if (!existsSync(path)) throw new Error(`Chromium not found at ${path} (set CHROMIUM_PATH)`);
    // From here to the assignment nothing awaits: two prints never start two browsers.
    const launching = (async (): Promise<Warm> => {
      // The process's own stop closes the browser; Playwright must not install signal handlers that exit first.
      const browser = await playwrightLib().chromium.launch({
        executablePath: path,
        args: CHROMIUM_ARGS,
        headless: true,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      this.launches++;
      browser.on('disconnected', () => {
        if (this.warm === launching) this.drop();
      });
      const context = await browser.newContext({
        javaScriptEnabled: false,
        offline: true,
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      return { path, browser, context };
    })();
    this.warm = launching;
    launching.catch(() => {
      if (this.warm === launching) this.drop();
    });
    return launching;
  }

  private drop(): void {
    this.warm = undefined;
    this.idle = [];
  }

  private async take(path: string): Promise<Slot> {
    const { context } = await this.start(path);
    for (let slot = this.idle.pop(); slot; slot = this.idle.pop()) {
      if (slot.context === context && !slot.page.isClosed()) return slot;
    }
    const page = await context.newPage();
    this.opened++;
    return { page, context, prints: 0, since: Date.now() };
  }

  private give(slot: Slot, healthy: boolean): void {
    slot.prints++;
    const fresh = slot.prints < this.limits.maxPrints && Date.now() - slot.since < this.limits.maxAgeMs;
    if (healthy && fresh && !slot.page.isClosed()) this.idle.push(slot);
    else void slot.page.close().catch(() => undefined);
  }

  async print(html: string, options: PrintOptions): Promise<Buffer> {
    try {
      return await this.printOnce(html, options);
    } catch (e) {
      // A browser that died under the print is started again once; any other failure is the caller's.
      const current = await this.warm?.catch(() => undefined);
      if (current?.browser.isConnected() || !existsSync(options.chromiumPath)) throw e;
      return this.printOnce(html, options);
    }
  }

  private async printOnce(html: string, options: PrintOptions): Promise<Buffer> {
    const slot = await this.take(options.chromiumPath);
    let healthy = false;
    try {
      slot.page.setDefaultTimeout(options.timeoutMs ?? 60_000);
      // Self-contained HTML (styles inline, charts as data URIs): 'load' is all there is to wait for.
      await slot.page.setContent(html, { waitUntil: 'load' });
      const pdf = await slot.page.pdf({
        format: 'A4',
        // A tagged PDF (structure for screen readers) whose title and language come from the page's <title> and lang.
        tagged: true,
        printBackground: true,
        displayHeaderFooter: true,
        margin: { top: '22mm', bottom: '20mm', left: '16mm', right: '16mm' },
        headerTemplate: `<div style="font-family: 'DejaVu Sans', sans-serif; font-size: 8px; color: #5b6b70; width: 100%; padding: 0 16mm; display: flex; justify-content: space-between;"><span>${escapeHtml(options.header)}</span><span>Projet K · Smicval</span></div>`,
        footerTemplate: `<div style="font-family: 'DejaVu Sans', sans-serif; font-size: 8px; color: #5b6b70; width: 100%; padding: 0 16mm; text-align: right;">Page <span class="pageNumber"></span> sur <span class="totalPages"></span></div>`,
      });
      healthy = true;
      return reproduciblePdf(Buffer.from(pdf), options.date);
    } finally {
      this.give(slot, healthy);
    }
  }

  async close(): Promise<void> {
    const current = await this.warm?.catch(() => undefined);
    this.drop();
    await current?.browser.close().catch(() => undefined);
  }
}

export type PrintOptions = { chromiumPath: string; header: string; timeoutMs?: number; date?: string };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const shared = new ReportPrinter();

/**
 * Prints the report's HTML to an A4 PDF with a running header and page numbers, on the process's warm Chromium.
 * The page runs no script and reaches no network: everything it shows is inside the HTML.
 */
export function printReportPdf(html: string, options: PrintOptions): Promise<Buffer> {
  return shared.print(html, options);
}

const PDF_DATE = /\/(CreationDate|ModDate) \(D:\d{14}([^)]*)\)/g;
const NODE_ID = /\(node(\d+)\)/g;

/**
 * Makes a print reproducible, bytes for bytes, without moving any offset (every replacement keeps its length, so
 * the cross-reference table stays right):
 * - Chromium stamps the print time in the document information (CreationDate, ModDate): replaced by the
 *   snapshot's day when one is given;
 * - the tagged structure names table header cells after the page's DOM node ids (« node00000075 »), which keep
 *   counting from one document to the next on a page that prints several reports: renumbered in order of first
 *   appearance, with the same number of digits.
 */
export function reproduciblePdf(pdf: Buffer, day?: string): Buffer {
  const stamp = day ? `${day.slice(0, 4)}${day.slice(5, 7)}${day.slice(8, 10)}000000` : null;
  if (stamp !== null && !/^\d{14}$/.test(stamp)) throw new RangeError(`Invalid report date ${day}`);
  const ids = new Map<string, string>();
  // latin1 maps each byte to one character and back: the binary streams pass through untouched.
  const text = pdf
    .toString('latin1')
    .replace(PDF_DATE, (whole, key: string, zone: string) =>
      stamp === null ? whole : `/${key} (D:${stamp}${zone.length === 7 ? "+00'00'" : zone})`,
    )
    .replace(NODE_ID, (whole, id: string) => {
      let next = ids.get(id);
      if (next === undefined) {
        next = String(ids.size + 1).padStart(id.length, '0');
        // An id too short for its new number is left as it is rather than shift every offset after it.
        if (next.length !== id.length) return whole;
        ids.set(id, next);
      }
      return `(node${next})`;
    });
  return Buffer.from(text, 'latin1');
}

/** Closes the process's warm browser (module shutdown, tests, benchmark). */
export async function closeReportBrowser(): Promise<void> {
  await shared.close();
}
