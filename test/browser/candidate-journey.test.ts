import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenCall } from '../factories/candidatures';
import { signIn } from '../factories/users';
import { decodedMail, linkTokens, to } from '../candidatures/mail-reading';
import { horizontalOverflow, injectAxe, launchBrowser, newContext, seriousAxeViolations } from '../support/browser';
import { fakeSmtp } from '../support/fake-smtp';
import { VALID_PDF } from '../support/files';
import { createTestApp, TestApp } from '../support/test-app';

/** No serious or critical axe violation, and nothing wider than the phone. */
async function accessible(page: Page): Promise<void> {
  await injectAxe(page);
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await horizontalOverflow(page)).toBeNull();
}

describe('the candidate journey in Chromium, on a phone', () => {
  let t: TestApp;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;

  beforeAll(async () => {
    smtp = await fakeSmtp();
    [t, browser] = await Promise.all([
      createTestApp({
        overrides: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, publicUrl: 'https://projet-k.example.org' },
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    smtp?.server.close();
  });

  it('acknowledges a candidature by e-mail, recovers a lost link, and keeps a half-typed engagement letter', async () => {
    const lead = await signIn(t, 'lead');
    const call = await createOpenCall(lead.http, { title: 'Appel parcours candidat' });
    const email = 'mairie@cessac.example.org';

    const phone = await newContext(browser, t.baseUrl, true);
    const page = await phone.newPage();
    await page.goto(`/candidater/${call.id}`);
    await page.getByRole('heading', { name: 'Appel parcours candidat' }).waitFor();
    await accessible(page);
    await page.getByLabel('Nom de la (des) commune(s)').fill('Cessac');
    await page.getByLabel("Nombre d'habitants concernés").fill('950');
    await page.getByRole('radio', { name: 'Non' }).check();
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByRole('button', { name: "Envoyer la lettre d'intention" }).click();

    // The acknowledgement page: dossier number, private link, what comes next.
    const dossier = (await page.getByTestId('dossier-number').textContent())!.trim();
    expect(dossier).toMatch(/^K-\d{4}-\d{4}$/);
    const firstLink = await page.getByTestId('private-link').inputValue();
    await page.getByRole('heading', { name: 'La suite' }).waitFor();
    await accessible(page);

    // The e-mail carries the same number and link.
    await expect.poll(() => to(smtp.messages, email).length, { timeout: 30_000 }).toBe(1);
    const ack = to(smtp.messages, email)[0]!;
    expect(decodedMail(ack)).toContain(dossier);
    const firstToken = firstLink.split('/').pop()!;
    expect(linkTokens(ack)).toContain(firstToken);

    // « Lien perdu ? »: a new link by e-mail, the old one refused.
    await page.goto('/candidater/lien-perdu');
    await page.getByRole('heading', { name: 'Lien perdu ?' }).waitFor();
    await accessible(page);
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Numéro de dossier (facultatif)').fill(dossier);
    await page.getByRole('button', { name: 'Recevoir un nouveau lien' }).click();
    await page.getByText('Demande enregistrée').waitFor();
    await expect.poll(() => to(smtp.messages, email).length, { timeout: 30_000 }).toBe(2);
    const [newToken] = linkTokens(to(smtp.messages, email)[1]!);
    expect(newToken).toBeDefined();
    expect(newToken).not.toBe(firstToken);
    await page.goto(`/candidater/suite/${firstToken}`);
    await page.getByText('Lien invalide').waitFor();

    // The new link opens the letter of engagement; half of it is typed, then the page is reloaded.
    await page.goto(`/candidater/suite/${newToken}`);
    await page.getByRole('heading', { name: /Lettre d'engagement/ }).waitFor();
    expect(await page.getByTestId('dossier-number').textContent()).toBe(dossier);
    const description = page.getByLabel('Description de la réflexion : une première idée du projet coopératif');
    await description.fill('Une recyclerie éphémère sur la place, une fois par mois, avec');
    await page.getByRole('checkbox', { name: 'Alimentation' }).check();
    // The draft is kept on the device once both answers are in it (the autosave waits for a pause in typing).
    await expect
      .poll(
        () =>
          page.evaluate(
            'Object.keys(localStorage).filter((k) => k.includes(":engagement:")).map((k) => localStorage.getItem(k)).join()',
          ) as Promise<string>,
      )
      .toMatch(/"food".*recyclerie|recyclerie.*"food"/);
    await page.reload();
    await page.getByText('Brouillon repris').waitFor();
    expect(await description.inputValue()).toBe('Une recyclerie éphémère sur la place, une fois par mois, avec');
    expect(await page.getByRole('checkbox', { name: 'Alimentation' }).isChecked()).toBe(true);

    // A document joins the letter: the council's deliberation.
    await page.locator('input[type=file]').setInputFiles({
      name: 'deliberation-conseil-municipal.pdf',
      mimeType: 'application/pdf',
      buffer: VALID_PDF,
    });
    await page.getByRole('link', { name: 'deliberation-conseil-municipal.pdf' }).waitFor();
    await accessible(page);

    await page.goto('/candidater/donnees-personnelles');
    await page.getByRole('heading', { name: 'Données personnelles des candidatures' }).waitFor();
    expect(await page.getByText('Smicval', { exact: false }).first().isVisible()).toBe(true);
    await accessible(page);
    await phone.close();
  });
});
