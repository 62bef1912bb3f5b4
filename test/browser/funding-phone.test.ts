import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { ERROR_MESSAGES_FR } from '../../src/common/errors/messages.fr';
import { addDays } from '../../src/pilots/pilot-terms';
import { createPilot } from '../factories/pilots';
import { addMember, insertUser, signInAs, TEST_PASSWORD } from '../factories/users';
import {
  horizontalOverflow,
  injectAxe,
  launchBrowser,
  newContext,
  seriousAxeViolations,
  waitForQuietPage,
} from '../support/browser';
import { VALID_PDF } from '../support/files';
import { createTestApp, TestApp } from '../support/test-app';

const PDF = VALID_PDF;

describe('a coordinator records an expense on a 390 px phone', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A pilot in its second project year (started 400 days ago), funded, with a signed-in coordinator on a phone. */
  async function coordinatorOnPhone(): Promise<{ page: Page; pilotId: string; close: () => Promise<void> }> {
    const lead = await signInAs(t, (await insertUser(t, 'lead')).email);
    const pilot = await createPilot(lead.http, {
      name: 'Saint-Genès — financement sur téléphone',
      inhabitants: 1500,
      startDate: addDays(todayInFrance(), -400),
    });
    const coordinator = await insertUser(t, 'coordinator', 'Julien Mercier');
    await addMember(lead.http, pilot.id, coordinator.id, 'coordinator');
    const context = await newContext(browser, t.baseUrl, true);
    const login = await context.request.post('/api/auth/login', {
      data: { email: coordinator.email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    await page.goto(`/pilotes/${pilot.id}/financement`);
    await page.getByRole('heading', { name: 'Financement', exact: true }).waitFor();
    return { page, pilotId: pilot.id, close: () => context.close() };
  }

  const money = async (page: Page, testId: string) =>
    (await page.getByTestId(testId).textContent())?.replace(/\s/g, '');
  const fitsTheScreen = async (page: Page) => (await horizontalOverflow(page)) === null;

  it('fills the form with a receipt, taps « Enregistrer » and sees the expense counted in today’s project year', async () => {
    const { page, pilotId, close } = await coordinatorOnPhone();
    expect(await fitsTheScreen(page)).toBe(true);
    await expect.poll(() => money(page, 'operating-Dépensé')).toBe('0,00€');

    await page.getByRole('button', { name: 'Nouvelle écriture' }).tap();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle écriture' });
    await dialog.waitFor();
    // A coordinator's form opens on an expense dated today (Paris), in the project year today falls in.
    expect(await dialog.getByRole('combobox', { name: "Type d'écriture" }).inputValue()).toBe('Dépense');
    expect(await dialog.getByLabel('Date').inputValue()).toBe(todayInFrance());
    expect(await dialog.getByRole('combobox', { name: 'Année du projet' }).inputValue()).toBe('Année 2');

    await dialog.getByLabel('Montant (€)').fill('245,90');
    await dialog.getByLabel('N° de facture').fill('FAC-2026-0042');
    await dialog.getByLabel('Fournisseur').fill('Quincaillerie du bourg');
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: /Justificatif/ }).tap();
    await (await chooser).setFiles({ name: 'facture-quincaillerie.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.getByText('facture-quincaillerie.pdf').waitFor();

    // The whole form is usable on the phone: nothing wider than the screen, no serious accessibility finding.
    expect(await fitsTheScreen(page)).toBe(true);
    await injectAxe(page);
    expect(await seriousAxeViolations(page)).toEqual([]);

    const save = dialog.getByRole('button', { name: 'Enregistrer' });
    const box = await save.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await save.tap();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await expect.poll(() => money(page, 'operating-Dépensé')).toBe('245,90€');
    await page.getByRole('link', { name: 'facture-quincaillerie.pdf' }).waitFor();
    const rows = await t.sql<{ year: number; amount_cents: number; filename: string; content_type: string }>(
      `SELECT e.year, e.amount_cents, r.filename, r.content_type FROM ledger_entries e JOIN ledger_receipts r ON r.entry_id = e.id WHERE e.pilot_id = $1`,
      [pilotId],
    );
    expect(rows).toEqual([
      { year: 2, amount_cents: 24590, filename: 'facture-quincaillerie.pdf', content_type: 'application/pdf' },
    ]);
    await waitForQuietPage(page);
    expect(await fitsTheScreen(page)).toBe(true);
    await close();
  });

  it('follows the date for « Année du projet », keeps a year chosen by hand, and says so in French when the receipt is refused', async () => {
    const { page, pilotId, close } = await coordinatorOnPhone();
    await page.getByRole('button', { name: 'Nouvelle écriture' }).tap();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle écriture' });
    const year = dialog.getByRole('combobox', { name: 'Année du projet' });
    // A date in the first year moves the year back to 1.
    await dialog.getByLabel('Date').fill(addDays(todayInFrance(), -380));
    await expect.poll(() => year.inputValue()).toBe('Année 1');
    // Chosen by hand, the year stays whatever the date.
    await year.click();
    await page.getByRole('option', { name: 'Année 3' }).click();
    await dialog.getByLabel('Date').fill(addDays(todayInFrance(), -1));
    expect(await year.inputValue()).toBe('Année 3');
    await dialog.getByLabel('Montant (€)').fill('80');
    await dialog.getByLabel('N° de facture').fill('FAC-2025-0007');
    await dialog.getByLabel('Fournisseur').fill('Imprimerie Lafon');
    // An expense dated in year 2 cannot be booked in year 3 by a coordinator: the server says why, by the year.
    await dialog.getByRole('button', { name: 'Enregistrer' }).tap();
    await expect.poll(() => year.getAttribute('aria-invalid')).toBe('true');
    const yearError = await year.getAttribute('aria-describedby');
    expect(yearError).toBeTruthy();
    expect(await page.locator(`[id="${yearError!.split(' ').find((i) => i.endsWith('-error'))}"]`).textContent()).toBe(
      ERROR_MESSAGES_FR.year_contradicts_date,
    );
    expect(await t.sql(`SELECT 1 FROM ledger_entries WHERE pilot_id = $1`, [pilotId])).toHaveLength(0);
    // The coordinator is not offered to give a reason: that is the lead's decision.
    expect(await dialog.getByLabel(/Motif de l'attribution/).count()).toBe(0);
    await year.click();
    await page.getByRole('option', { name: 'Année 2' }).click();

    // A file that is not a PDF, JPEG or PNG: the entry is written, the receipt refused in French.
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: /Justificatif/ }).tap();
    await (
      await chooser
    ).setFiles({ name: 'facture.pdf', mimeType: 'application/pdf', buffer: Buffer.from('pas un PDF') });
    await dialog.getByRole('button', { name: 'Enregistrer' }).tap();
    await page.getByText('Le justificatif doit être un fichier PDF, JPEG ou PNG.').waitFor();
    const rows = await t.sql<{ year: number; receipts: number }>(
      `SELECT e.year, (SELECT count(*)::int FROM ledger_receipts r WHERE r.entry_id = e.id) AS receipts FROM ledger_entries e WHERE e.pilot_id = $1`,
      [pilotId],
    );
    expect(rows).toEqual([{ year: 2, receipts: 0 }]);
    // « Joindre » in the table is reachable on the phone to attach it again.
    await page.getByRole('button', { name: /Joindre un justificatif à l’écriture/ }).scrollIntoViewIfNeeded();
    expect(await page.getByRole('button', { name: /Joindre un justificatif à l’écriture/ }).isVisible()).toBe(true);
    await close();
  });
});
