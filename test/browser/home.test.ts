import { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, seedDemo } from '../../src/demo/demo.seed';
import { launchBrowser, newContext } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

// The shared CI machine can be slow: give the page time to answer.
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });

/** True when the comparison chart's canvas has a size and drew something (not a blank canvas). */
const CHART_DRAWN = `(() => {
  const c = document.querySelector('canvas[data-testid="comparison-chart"]');
  if (!c || c.width === 0 || c.height === 0) return false;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
  return false;
})()`;

describe('each demo user’s home in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
    await seedDemo(t.app);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedInHome(
    key: (typeof DEMO_USERS)[number]['key'],
  ): Promise<{ context: BrowserContext; page: Page }> {
    const user = DEMO_USERS.find((u) => u.key === key)!;
    const context = await newContext(browser, t.baseUrl);
    const login = await context.request.post('/api/auth/login', {
      data: { email: user.email, password: user.password },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByTestId(`home-${user.role}`).waitFor({ timeout: 20_000 });
    // Every home keeps the platform's health and the person's notifications.
    await poll(() => page.getByTestId('health-status').textContent()).toBe('Tous les services sont opérationnels.');
    await page.getByTestId('home-notifications').waitFor();
    expect(await page.getByTestId('home-greeting').textContent()).toContain(user.name);
    return { context, page };
  }

  it('the lead sees the programme, the pilots table with its filters, and the comparison chart renders', async () => {
    const { context, page } = await signedInHome('lead');
    await poll(() => page.getByTestId('pilot-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('pilot-row').first().textContent()).toContain('Saint-Genès');
    expect(Number((await page.getByTestId('total-pilots').textContent()) ?? '0')).toBeGreaterThan(0);
    await poll(() => page.evaluate(CHART_DRAWN)).toBe(true);
    // Filtering on a status no pilot has empties the table (and hides the chart).
    await page.getByRole('combobox', { name: 'Statut' }).click();
    await page.getByRole('option', { name: 'Terminé' }).click();
    await poll(() => page.getByTestId('pilot-row').count()).toBe(0);
    await page.getByText('Aucun projet pilote ne correspond à ces filtres.').waitFor();
    // The header's search finds the demo pilot.
    await page.getByTestId('global-search').fill('Saint-Gen');
    await poll(() => page.getByTestId('search-results').textContent()).toContain('Saint-Genès');
    await context.close();
  });

  it('the coordinator sees their pilot, what is due, and a one-tap « Saisir une activité »', async () => {
    const { context, page } = await signedInHome('coordinator');
    const button = page.getByRole('link', { name: 'Saisir une activité' });
    await button.waitFor();
    expect(await button.getAttribute('href')).toMatch(/^\/pilotes\/[0-9a-f-]{36}\/activites\/nouvelle$/);
    await page.getByRole('heading', { name: 'À faire' }).waitFor();
    await page.getByRole('heading', { name: 'Cette année' }).waitFor();
    expect(await page.getByTestId('pilot-row').count()).toBe(0);
    await button.click();
    await poll(() => new URL(page.url()).pathname).toMatch(/\/activites\/nouvelle$/);
    await context.close();
  });

  it('each committee member sees the calls awaiting their scores with n/N', async () => {
    for (const key of ['committee1', 'committee2'] as const) {
      const { context, page } = await signedInHome(key);
      await page.getByRole('heading', { name: 'Candidatures à évaluer' }).waitFor();
      await poll(() => page.getByTestId('scored-count').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('scored-count').first().textContent()).toMatch(/^\d+\/\d+ évaluées$/);
      expect(await page.getByTestId('pilot-row').count()).toBe(0);
      await context.close();
    }
  });

  it('the reviewer sees their pilot and the issued reports to download', async () => {
    const { context, page } = await signedInHome('reviewer');
    await page.getByRole('heading', { name: /Saint-Genès/ }).waitFor();
    // The demo issues the pilot's year-1 report: its files are one click away.
    expect(await t.sql(`SELECT 1 FROM reports WHERE issued_at IS NOT NULL AND kind = 'pilot'`)).not.toHaveLength(0);
    await page.getByTestId('issued-reports').first().waitFor();
    const href = await page
      .getByRole('link', { name: /^PDF du rapport/ })
      .first()
      .getAttribute('href');
    expect(href).toMatch(/^\/api\/reports\/[0-9a-f-]{36}\/pdf$/);
    const pdf = await context.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await context.close();
  });

  it('reaches the content and the search results from the keyboard, and the search from the menu on a phone', async () => {
    const { context, page } = await signedInHome('lead');
    // The first Tab lands on the skip link, which moves the focus to the page's content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('contenu');

    // The search box is a combobox: type, arrow down to the first result, Enter opens it.
    const search = page.getByRole('combobox', { name: 'Rechercher dans Projet K' });
    await search.fill('Saint-Gen');
    await poll(() => page.getByRole('option', { name: /Saint-Genès/ }).count()).toBeGreaterThan(0);
    expect(await search.getAttribute('aria-expanded')).toBe('true');
    await search.press('ArrowDown');
    await search.press('Enter');
    await poll(() => new URL(page.url()).pathname).toMatch(/^\/pilotes\/[0-9a-f-]{36}$/);
    await context.close();

    const phone = await newContext(browser, t.baseUrl, true);
    const lead = DEMO_USERS.find((u) => u.key === 'lead')!;
    expect(
      (
        await phone.request.post('/api/auth/login', {
          data: { email: lead.email, password: lead.password },
          headers: { 'x-requested-with': 'projet-k' },
        })
      ).status(),
    ).toBe(200);
    const small = await phone.newPage();
    await small.goto('/');
    await small.getByTestId('home-lead').waitFor();
    // On a phone the header keeps the title whole; the search is in the burger's menu.
    expect(await small.getByRole('heading', { name: 'Projet K', level: 1 }).isVisible()).toBe(true);
    expect(await small.getByTestId('global-search').isVisible()).toBe(false);
    await small.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await small.getByTestId('global-search-menu').fill('Saint-Gen');
    await poll(() => small.getByRole('option', { name: /Saint-Genès/ }).count()).toBeGreaterThan(0);
    await phone.close();
  });
});
