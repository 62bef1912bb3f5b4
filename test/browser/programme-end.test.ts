import { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { addDays, addYears } from '../../src/pilots/pilot-terms';
import { createPilot } from '../factories/pilots';
import { addMember, insertUser, signInAs, TEST_PASSWORD } from '../factories/users';
import { injectAxe, launchBrowser, newContext, seriousAxeViolations } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

describe('the end of the three years in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedInPage(email: string, phone = false) {
    const context = await newContext(browser, t.baseUrl, phone);
    const login = await context.request.post('/api/auth/login', {
      data: { email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(login.status()).toBe(200);
    return { context, page: await context.newPage() };
  }

  it('shows a pilot past its third year in « Bilan » and lets the lead close it as autonome', async () => {
    const { email } = await insertUser(t, 'lead', 'Camille Laporte');
    const lead = await signInAs(t, email);
    const pilot = await createPilot(lead.http, {
      name: 'Cursan — fin du programme',
      startDate: addDays(addYears(todayInFrance(), -3), -20),
    });

    const { context, page } = await signedInPage(email);
    await page.goto('/');
    const bilan = page.getByTestId('pilots-in-bilan');
    await expect.poll(() => bilan.isVisible()).toBe(true);
    expect(await bilan.textContent()).toContain('Cursan — fin du programme');
    expect(await page.locator('main').textContent()).not.toContain('Année 4');

    await page.goto(`/pilotes/${pilot.id}`);
    await expect.poll(() => page.getByTestId('programme-over').isVisible()).toBe(true);
    expect(await page.getByTestId('pilot-stage').textContent()).toBe('Bilan');
    expect(await page.locator('main').textContent()).not.toContain('Année 4');
    expect(await page.getByRole('link', { name: 'Préparer le rapport final' }).getAttribute('href')).toBe(
      `/pilotes/${pilot.id}/rapports`,
    );
    await injectAxe(page);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Without a reason the form refuses, in French, and nothing is sent.
    await page.getByLabel(/Autonome/).check();
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect.poll(() => page.getByText('Indiquez la raison de la décision').isVisible()).toBe(true);

    await page.getByLabel('Raison').fill('L’association du tiers-lieu poursuit sans les fonds du Smicval.');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect.poll(() => page.getByTestId('programme-closure').isVisible()).toBe(true);
    expect(await page.getByTestId('programme-closure').textContent()).toContain('L’association du tiers-lieu');
    expect(await page.getByTestId('pilot-stage').textContent()).toBe('Autonome');
    expect(await page.getByTestId('programme-over').count()).toBe(0);
    const [row] = await t.sql(`SELECT status, closed_on FROM pilots WHERE id = $1`, [pilot.id]);
    expect(row.status).toBe('autonomous');
    await context.close();
  }, 120_000);

  it('takes the coordinator from the « Rapport annuel » to-do to their part of the narrative, on a phone', async () => {
    const { email } = await insertUser(t, 'lead');
    const lead = await signInAs(t, email);
    const pilot = await createPilot(lead.http, { name: 'Sadirac — récit', startDate: addDays(todayInFrance(), -380) });
    const c = await insertUser(t, 'coordinator', 'Julien Mercier');
    await addMember(lead.http, pilot.id, c.id, 'coordinator');

    const { context, page } = await signedInPage(c.email, true);
    await page.goto('/');
    const todo = page.getByRole('link', { name: 'Rapport annuel — année 1' });
    await expect.poll(() => todo.isVisible()).toBe(true);
    // Their private calendar address, to subscribe to, lists the year's report due date.
    await page.getByRole('button', { name: 'Obtenir mon adresse d’agenda' }).click();
    const address = page.getByLabel('Adresse privée de votre agenda');
    await expect.poll(() => address.inputValue()).toMatch(/\/api\/calendar\/[\w-]+\.ics$/);
    const ics = await (await context.request.get(await address.inputValue())).text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('Sadirac');
    // The coordinator turns their notification e-mails off from the home page.
    await page.getByRole('switch', { name: 'Recevoir aussi mes notifications par e-mail' }).dispatchEvent('click');
    await expect
      .poll(
        async () => (await t.sql(`SELECT email_notifications FROM users WHERE id = $1`, [c.id]))[0].email_notifications,
      )
      .toBe(false);
    await todo.click();
    await expect.poll(() => page.getByRole('heading', { name: 'Votre part du récit' }).isVisible()).toBe(true);
    await page.getByLabel('Faits marquants').fill('Premier repair café du village.');
    await page.getByLabel('Difficultés rencontrées').fill('Peu de bénévoles en été.');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect.poll(() => page.getByTestId('draft-status').textContent()).toContain('par Julien Mercier');
    await injectAxe(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();

    // The lead's report form starts from it.
    const leadPage = await signedInPage(email);
    await leadPage.page.goto(`/pilotes/${pilot.id}/rapports`);
    await expect
      .poll(() => leadPage.page.getByLabel('Faits marquants').inputValue())
      .toBe('Premier repair café du village.');
    await leadPage.context.close();
  }, 120_000);
});
