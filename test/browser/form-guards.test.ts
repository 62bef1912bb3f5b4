import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenCall, intentionBody } from '../factories/candidatures';
import { insertUser, signInAs, TEST_PASSWORD } from '../factories/users';
import { launchBrowser, newContext } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

// Developer English that must never reach a user (zod, class-validator and browser defaults).
const ENGLISH = /\b(must|should|characters?|required|invalid|expected|received|string|number)\b/i;

describe('schema forms: French field errors, unsaved-changes prompt, local drafts', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The message shown under a field (Mantine links it through aria-describedby). */
  async function fieldError(page: Page, label: string): Promise<string | null> {
    const input = page.getByLabel(label);
    if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
    const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    for (const id of ids) {
      const node = page.locator(`[id="${id}"].mantine-InputWrapper-error`);
      if ((await node.count()) > 0) return node.textContent();
    }
    return null;
  }

  it('the public letter of intention shows French errors beside the fields, and sends nothing until they are fixed', async () => {
    const lead = await signInAs(t, (await insertUser(t, 'lead')).email);
    const call = await createOpenCall(lead.http, { title: 'Appel des erreurs en français' });
    const context = await newContext(browser, t.baseUrl, true);
    const page = await context.newPage();
    const posted: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && posted.push(r.url()));
    await page.goto(`/candidater/${call.id}`);
    await page.getByRole('heading', { name: 'Appel des erreurs en français' }).waitFor();

    await page.getByLabel('Adresse électronique').fill('mairie-sans-arobase');
    await page.getByLabel("Nombre d'habitants concernés").fill('douze cents');
    await page.getByRole('button', { name: "Envoyer la lettre d'intention" }).click();

    await expect.poll(() => fieldError(page, 'Nom de la (des) commune(s)')).toBe('Indiquez le nom de la commune.');
    expect(await fieldError(page, "Nombre d'habitants concernés")).toBe(
      "Indiquez le nombre d'habitants concernés : un nombre entier, de 1 à 10 000 000.",
    );
    expect(await fieldError(page, 'Adresse électronique')).toBe(
      'Une adresse e-mail valide, par exemple prenom.nom@commune.fr.',
    );
    const shown = await page.locator('.mantine-InputWrapper-error, [role="alert"]').allTextContents();
    expect(shown.join(' ')).not.toMatch(ENGLISH);
    expect(posted).toEqual([]);
    expect(await t.sql('SELECT count(*)::int AS n FROM candidatures WHERE call_id = $1', [call.id])).toEqual([
      { n: 0 },
    ]);

    // Fixing one field clears its message on blur; the others stay.
    await page.getByLabel('Adresse électronique').fill('mairie@saint-genes.example.org');
    await page.getByLabel('Adresse électronique').blur();
    await expect.poll(() => fieldError(page, 'Adresse électronique')).toBeNull();
    expect(await fieldError(page, 'Nom de la (des) commune(s)')).toBe('Indiquez le nom de la commune.');
    await context.close();
  });

  it('asks in French before an in-app link leaves a form with unsaved text, and stays when the user says no', async () => {
    const { email } = await insertUser(t, 'lead', 'Camille Laporte');
    const context = await newContext(browser, t.baseUrl, false);
    const login = await context.request.post('/api/auth/login', {
      data: { email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    await page.goto('/appels');
    const form = page.getByRole('form', { name: 'Nouvel appel' });
    await form.waitFor();

    // A clean form: the link leaves without a question.
    const dialogs: { type: string; message: string }[] = [];
    let answer = false;
    page.on('dialog', (dialog) => {
      dialogs.push({ type: dialog.type(), message: dialog.message() });
      void (answer ? dialog.accept() : dialog.dismiss());
    });
    await page.getByRole('link', { name: 'Projets pilotes' }).first().click();
    await page.waitForURL('**/pilotes');
    expect(dialogs).toEqual([]);

    // Text typed, then a link: the user is asked, in French; « Annuler » keeps the page and the text.
    await page.goBack();
    await form.waitFor();
    await form.getByLabel('Titre').fill('Appel à coopération 2027 — à moitié rédigé');
    await page.getByRole('link', { name: 'Projets pilotes' }).first().click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toEqual({
      type: 'confirm',
      message: 'Vous avez des modifications non enregistrées. Quitter cette page en les abandonnant ?',
    });
    expect(new URL(page.url()).pathname).toBe('/appels');
    expect(await form.getByLabel('Titre').inputValue()).toBe('Appel à coopération 2027 — à moitié rédigé');

    // « OK » leaves.
    answer = true;
    await page.getByRole('link', { name: 'Projets pilotes' }).first().click();
    await page.waitForURL('**/pilotes');
    expect(dialogs).toHaveLength(2);
    await context.close();
  });

  it('restores a half-typed engagement letter after a reload, with a notice and a way to discard it', async () => {
    const lead = await signInAs(t, (await insertUser(t, 'lead')).email);
    const call = await createOpenCall(lead.http, { title: 'Appel du brouillon' });
    const created = await t.client().post(`/api/public/calls/${call.id}/candidatures`, intentionBody());
    expect(created.status).toBe(201);
    const context = await newContext(browser, t.baseUrl, true);
    const page = await context.newPage();
    const dialogs: string[] = [];
    // The reload warning (the browser's own text) is answered « leave », as a user who reloads on purpose.
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.goto(`/candidater/suite/${created.body.editToken}`);
    const description = page.getByLabel(/Description de la réflexion/);
    await description.waitFor();
    const typed = 'Une recyclerie associative dans l’ancienne école, ouverte avec les parents d’élèves…';
    await description.fill(typed);
    await page.getByLabel('Alimentation').check();
    // The draft is written shortly after typing stops.
    await expect
      .poll(() => page.evaluate('Object.keys(localStorage).filter((k) => k.startsWith("projet-k:draft:")).length'))
      .toBe(1);

    await page.reload();
    await description.waitFor();
    await expect.poll(() => description.inputValue()).toBe(typed);
    expect(await page.getByLabel('Alimentation').isChecked()).toBe(true);
    const notice = page.getByRole('status').filter({ hasText: 'Brouillon repris' });
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toContain('Brouillon restauré');
    expect(dialogs).toContain('beforeunload');

    // Discarding it empties the form and forgets the draft: a second reload shows the letter as it was sent.
    await page.getByRole('button', { name: 'Abandonner le brouillon' }).click();
    await expect.poll(() => description.inputValue()).toBe('');
    expect(await page.evaluate('Object.keys(localStorage).filter((k) => k.startsWith("projet-k:draft:")).length')).toBe(
      0,
    );
    await page.reload();
    await description.waitFor();
    expect(await description.inputValue()).toBe('');
    expect(await page.getByText('Brouillon repris').count()).toBe(0);
    await context.close();
  });
});
