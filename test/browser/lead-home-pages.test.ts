import { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, TEST_PASSWORD } from '../factories/users';
import { horizontalOverflow, injectAxe, launchBrowser, newContext, seriousAxeViolations } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });

describe('the lead’s home pages through a large programme on a 390 px phone', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
    // 60 pilots of two waves, set-based; three of them in Podensac's canton.
    await t.sql(
      `INSERT INTO pilots (name, communes, inhabitants, inhabitants_source, start_date, status, wave_year)
       SELECT 'Pilote ' || lpad(g::text, 2, '0'),
              jsonb_build_array(jsonb_build_object('name', CASE WHEN g % 20 = 0 THEN 'Podensac' ELSE 'Commune ' || g END)),
              1000 + g, 'INSEE', current_date - 100, 'running', 2025 + g % 2
         FROM generate_series(1, 60) g`,
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the programme’s totals, one page of pilots at a time, and searches a commune on the server', async () => {
    const { email } = await insertUser(t, 'lead', 'Camille Laporte');
    const context = await newContext(browser, t.baseUrl, true);
    const login = await context.request.post('/api/auth/login', {
      data: { email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    await page.goto('/');

    await poll(() => page.getByTestId('pilot-card').count()).toBe(25);
    // The totals cover every pilot, not the page.
    expect(await page.getByTestId('total-pilots').textContent()).toBe('60');
    expect(await page.getByTestId('pilots-range').textContent()).toBe('Pilotes 1–25 sur 60');
    expect(await page.getByRole('button', { name: 'Précédent' }).isDisabled()).toBe(true);
    await injectAxe(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeNull();

    await page.getByRole('button', { name: 'Suivant' }).click();
    await poll(() => page.getByTestId('pilots-range').textContent()).toBe('Pilotes 26–50 sur 60');
    await page.getByRole('button', { name: 'Suivant' }).click();
    await poll(() => page.getByTestId('pilots-range').textContent()).toBe('Pilotes 51–60 sur 60');
    await poll(() => page.getByTestId('pilot-card').count()).toBe(10);
    expect(await page.getByRole('button', { name: 'Suivant' }).isDisabled()).toBe(true);

    // A commune, without its capital letter: three pilots, one page (no pager), back from the last page.
    await page.getByLabel('Nom ou commune').fill('podensac');
    await poll(() => page.getByTestId('pilot-card').count()).toBe(3);
    expect(await page.getByTestId('pilots-range').count()).toBe(0);
    expect(await page.getByTestId('total-pilots').textContent()).toBe('60');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel('Nom ou commune').fill('introuvable');
    await page.getByText('Aucun projet pilote ne correspond à ces filtres.').waitFor();
    await context.close();
  }, 120_000);
});
