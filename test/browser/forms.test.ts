import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenCall, engagementBody, intentionBody } from '../factories/candidatures';
import { insertUser, signInAs, TEST_PASSWORD } from '../factories/users';
import { launchBrowser, newContext } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

// Developer English that must never reach a user (class-validator, zod and browser defaults).
const ENGLISH = /\b(must|should|characters?|required|invalid|expected|received|string|number)\b/i;

describe('forms with schemas in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function leadPage(phone = false): Promise<{ page: Page; email: string; close: () => Promise<void> }> {
    const { email } = await insertUser(t, 'lead', 'Camille Laporte');
    const context = await newContext(browser, t.baseUrl, phone);
    const login = await context.request.post('/api/auth/login', {
      data: { email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(login.status()).toBe(200);
    return { page: await context.newPage(), email, close: () => context.close() };
  }

  /** Every error message shown beside a field or in an alert. */
  const shownErrors = (page: Page) => page.locator('.mantine-InputWrapper-error, [role="alert"]').allTextContents();

  it('the call form says in French beside each field what is wrong, creates the call once, and warns before losing typed text', async () => {
    const { page, close } = await leadPage(true);
    await page.goto('/appels');
    const form = page.getByRole('form', { name: 'Nouvel appel' });
    await form.waitFor();

    // Empty title and deadlines: French messages beside the fields, nothing sent.
    await form.getByLabel('Année de la vague').fill('');
    await form.getByRole('button', { name: "Créer l'appel" }).click();
    await expect.poll(() => form.getByLabel('Titre').getAttribute('aria-invalid')).toBe('true');
    const errors = await shownErrors(page);
    expect(errors).toEqual(
      expect.arrayContaining([
        "Donnez un titre à l'appel.",
        "Indiquez l'année de la vague.",
        "Indiquez la date limite de la lettre d'intention.",
      ]),
    );
    for (const message of errors) expect(message).not.toMatch(ENGLISH);
    expect(await t.sql(`SELECT 1 FROM calls WHERE title LIKE 'Appel à coopération 2027%'`)).toHaveLength(0);

    // Fields checked against each other.
    await form.getByLabel('Titre').fill('Appel à coopération 2027 — Entre-deux-Mers');
    await form.getByLabel('Année de la vague').fill('2027');
    await form.getByLabel("Date limite — lettre d'intention").fill('2027-03-31');
    await form.getByLabel("Date limite — lettre d'engagement").fill('2027-03-01');
    await form.getByLabel('Maximum').fill('500');
    await form.getByRole('button', { name: "Créer l'appel" }).click();
    await form.getByText("La lettre d'engagement ne peut pas se clore avant la lettre d'intention.").waitFor();
    await form.getByText('Le maximum est au moins égal au minimum.').waitFor();
    expect(await t.sql(`SELECT 1 FROM calls WHERE title LIKE 'Appel à coopération 2027%'`)).toHaveLength(0);

    // Typed text is not lost silently: leaving the page asks first (the lead stays).
    let asked = false;
    page.once('dialog', (dialog) => {
      asked = dialog.type() === 'beforeunload';
      void dialog.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => asked).toBe(true);
    expect(await form.getByLabel('Titre').inputValue()).toBe('Appel à coopération 2027 — Entre-deux-Mers');

    // Corrected, a double tap creates one call and opens it.
    await form.getByLabel("Date limite — lettre d'engagement").fill('2027-06-30');
    await form.getByLabel('Maximum').fill('1500');
    await form.getByRole('button', { name: "Créer l'appel" }).dblclick();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/appels\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Appel à coopération 2027 — Entre-deux-Mers' }).waitFor();
    expect(await t.sql(`SELECT 1 FROM calls WHERE title LIKE 'Appel à coopération 2027%'`)).toHaveLength(1);
    await close();
  });

  it('the decision form requires a justification in French to select a territory outside the size criterion', async () => {
    const { page, email, close } = await leadPage();
    const lead = await signInAs(t, email);
    const call = await createOpenCall(lead.http, { title: 'Appel — décision navigateur' });
    const pub = t.client();
    const created = await pub.post(`/api/public/calls/${call.id}/candidatures`, intentionBody({ inhabitants: 5200 }));
    expect(created.status).toBe(201);
    expect(
      (await pub.put(`/api/public/candidatures/${created.body.editToken}/engagement`, engagementBody())).status,
    ).toBe(200);

    await page.goto(`/candidatures/${created.body.id}`);
    const form = page.getByRole('form', { name: 'Décision' });
    await form.waitFor();
    await form.getByLabel('Numéro de délibération').fill('AG-2026-14');
    await form.getByLabel('Date de délibération').fill('2026-11-20');
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await form.getByText('Justifiez la sélection : ce territoire est hors du critère de taille de l’appel.').waitFor();
    expect(await form.getByLabel('Justification').getAttribute('aria-invalid')).toBe('true');
    for (const message of await shownErrors(page)) expect(message).not.toMatch(ENGLISH);
    expect(await t.sql(`SELECT 1 FROM pilots WHERE candidature_id = $1`, [created.body.id])).toHaveLength(0);

    await form
      .getByLabel('Justification')
      .fill('Deux communes voisines portent le projet ensemble ; le comité l’a jugé solide.');
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect
      .poll(async () => (await t.sql(`SELECT 1 FROM pilots WHERE candidature_id = $1`, [created.body.id])).length)
      .toBe(1);
    await close();
  });

  it('the pilot form says in French what is missing instead of browser bubbles, then creates the pilot', async () => {
    const { page, close } = await leadPage(true);
    await page.goto('/pilotes');
    await page.getByRole('button', { name: 'Créer un projet pilote' }).click();
    const dialog = page.getByRole('dialog', { name: 'Créer un projet pilote' });
    await dialog.getByRole('button', { name: 'Créer le pilote' }).click();
    await dialog.getByText('Donnez un nom au projet.').waitFor();
    await dialog.getByText('Indiquez au moins une commune.').waitFor();
    await dialog.getByText('Indiquez le nombre d’habitants concernés.').waitFor();
    for (const message of await shownErrors(page)) expect(message).not.toMatch(ENGLISH);
    expect(await t.sql(`SELECT 1 FROM pilots WHERE name = 'Haux — ressourcerie'`)).toHaveLength(0);

    await dialog.getByLabel('Nom du projet').fill('Haux — ressourcerie');
    await dialog.getByLabel('Communes (séparées par des virgules)').fill('Haux, Capian');
    await dialog.getByLabel('Habitants concernés').fill('1450');
    await dialog.getByRole('button', { name: 'Créer le pilote' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/pilotes\/[0-9a-f-]{36}$/);
    const pilots = await t.sql<{ name: string; inhabitants: number }>(
      `SELECT name, inhabitants FROM pilots WHERE name = 'Haux — ressourcerie'`,
    );
    expect(pilots).toEqual([{ name: 'Haux — ressourcerie', inhabitants: 1450 }]);
    await close();
  });
});
