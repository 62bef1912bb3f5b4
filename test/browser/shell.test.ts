import { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, TEST_PASSWORD } from '../factories/users';
import { launchBrowser, newContext } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

describe('the client shell in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the French shell and the platform health', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    // The shell is for signed-in users (anonymous visitors go to /connexion, see auth.test.ts).
    const { email } = await insertUser(t, 'lead');
    expect((await page.request.post('/api/auth/login', { data: { email, password: TEST_PASSWORD } })).status()).toBe(
      200,
    );
    await page.goto('/');
    await expect
      .poll(() => page.getByTestId('health-status').textContent(), { timeout: 15_000 })
      .toBe('Tous les services sont opérationnels.');
    expect(await page.getByTestId('health-database').textContent()).toBe('Opérationnelle');
    expect(await page.getByTestId('health-queue').textContent()).toBe('Opérationnelle');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.getByRole('link', { name: 'Projets pilotes' }).count()).toBeGreaterThan(0);
    await context.close();
  });

  it('serves the app for deep links (SPA fallback)', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const res = await page.goto('/appels');
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.getByText('Projet K').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await context.close();
  });
});
