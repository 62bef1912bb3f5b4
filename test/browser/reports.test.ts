import { readFile } from 'node:fs/promises';
import { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, signInAs, TEST_PASSWORD } from '../factories/users';
import { seedPilotYear } from '../reports/report-helpers';
import { launchBrowser, newContext } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

describe('the reports page in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates a report, shows its progress bar reaching done, and downloads the PDF', async () => {
    const { email } = await insertUser(t, 'lead', 'Camille Laporte');
    const lead = await signInAs(t, email);
    const { pilotId } = await seedPilotYear(lead.http, { name: 'Saint-Genès — rapport navigateur' });

    const context = await newContext(browser, t.baseUrl);
    const login = await context.request.post('/api/auth/login', {
      data: { email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    await page.goto(`/pilotes/${pilotId}/rapports`);
    await expect.poll(() => page.getByRole('heading', { name: 'Rapports annuels' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Aucun rapport pour le moment.').isVisible()).toBe(true);

    await page.getByLabel('Faits marquants').fill('Ouverture de la ressourcerie au printemps.');
    await page.getByLabel('Perspectives').fill('Viser 30 % d’autonomie en année 2.');
    await page.getByRole('button', { name: 'Générer le rapport' }).click();

    // The row appears with its live progress bar; polling takes it to 100 % and "Prêt".
    const bar = page.locator('[data-testid^="report-progress-"]').first();
    await expect.poll(() => bar.count(), { timeout: 15_000 }).toBe(1);
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const v = await bar.getAttribute('data-progress');
          if (v) seen.add(v);
          return v;
        },
        { timeout: 90_000, interval: 200 },
      )
      .toBe('100');
    await expect.poll(() => page.locator('[data-testid^="report-status-"]').first().textContent()).toBe('Prêt');
    expect(seen.size).toBeGreaterThanOrEqual(1);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger le PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^rapport-.*-ademe-v1\.pdf$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);

    // The lead issues it from the same page.
    await page.getByRole('button', { name: 'Émettre' }).click();
    await page.getByRole('button', { name: 'Émettre et figer' }).click();
    await expect.poll(() => page.getByText('Émis', { exact: true }).isVisible()).toBe(true);
    await context.close();
  }, 180_000);
});
