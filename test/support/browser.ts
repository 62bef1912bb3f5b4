import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/common/chromium';

export { CHROMIUM_ARGS };

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path))
    throw new Error(`Chromium not found at ${path}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return path;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/**
 * A French desktop (or phone-sized) browser context. The app's service worker (offline activity log) is blocked
 * unless `serviceWorkers: 'allow'`: other tests see the network exactly as the page asks for it.
 */
export async function newContext(
  browser: Browser,
  baseURL: string,
  phone = false,
  { serviceWorkers = 'block' }: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    isMobile: phone,
    hasTouch: phone,
    serviceWorkers,
  });
}

let axe: string | undefined;

/** Loads axe-core into the page (through the DevTools protocol, which the app's Content-Security-Policy allows). */
export async function injectAxe(page: Page): Promise<void> {
  axe ??= readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axe);
}

/**
 * Runs axe-core (already injected) against the WCAG 2.1 A and AA rules and describes every serious or
 * critical violation: rule, impact and the first offending nodes.
 */
type AxeViolation = { id: string; impact: string | null; nodes: string[] };

// Page-side scripts are strings: the server's TypeScript has no DOM types.
const RUN_AXE = `(async () => {
  const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => JSON.stringify(n.target) + ' ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(' ').trim()),
  }));
})()`;

export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const violations = (await page.evaluate(RUN_AXE)) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe ${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).join(' | ')}`);
}

/** Whether the page is wider than the window (the user would have to scroll sideways). */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number } | null> {
  const size = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  )) as { scrollWidth: number; innerWidth: number };
  return size.scrollWidth > size.innerWidth ? size : null;
}

/** Goes to a path through the app's router (as a click on a link would), without reloading the page. */
export async function navigateInApp(page: Page, path: string): Promise<void> {
  await page.evaluate(
    `(() => { window.history.pushState({}, '', ${JSON.stringify(path)}); window.dispatchEvent(new PopStateEvent('popstate')); })()`,
  );
}

/** Waits until the page's requests have settled and no loader is left on screen. */
export async function waitForQuietPage(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Polled with evaluate (the app's Content-Security-Policy forbids the eval that waitForFunction needs).
  await expect
    .poll(() => page.evaluate(`!document.querySelector('.mantine-Loader-root, [aria-busy="true"]')`), {
      timeout: 15_000,
      interval: 100,
    })
    .toBe(true);
  // Let transitions (modals, menus, fade-ins) finish before measuring.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}
