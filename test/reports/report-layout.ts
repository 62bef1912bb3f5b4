import type { Browser } from 'playwright-core';

/** A4 (210 mm) less the report's 16 mm side margins, in CSS pixels (96 per inch): the printable width. */
export const PRINTABLE_WIDTH_PX = ((210 - 2 * 16) / 25.4) * 96;

export type Overflow = {
  tag: string;
  className: string;
  text: string;
  right: number;
  scrollWidth: number;
  width: number;
};

/**
 * Lays the report out in Chromium at the printable width, in print media, before any printing, and returns every
 * element that reaches past the page's edge or whose content is wider than its box: what a PDF would cut off.
 */
export async function overflowingElements(
  browser: Browser,
  html: string,
  widthPx = PRINTABLE_WIDTH_PX,
): Promise<Overflow[]> {
  const context = await browser.newContext({ viewport: { width: Math.floor(widthPx), height: 1200 }, locale: 'fr-FR' });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    // Runs in the page (a string: the test project has no DOM types).
    return await page.evaluate<Overflow[]>(`(() => {
      const limit = ${Math.floor(widthPx)};
      const out = [];
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        const tooWide = box.right > limit + 0.5 || box.left < -0.5;
        const clipped = ['TABLE', 'TD', 'TH'].includes(el.tagName) && el.scrollWidth > Math.ceil(box.width) + 1;
        if (tooWide || clipped) {
          out.push({ tag: el.tagName, className: String(el.className), text: (el.textContent || '').trim().slice(0, 80), right: Math.round(box.right), scrollWidth: el.scrollWidth, width: Math.round(box.width) });
        }
      }
      return out;
    })()`);
  } finally {
    await context.close();
  }
}
