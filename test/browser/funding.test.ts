import { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, TEST_PASSWORD } from '../factories/users';
import { launchBrowser, newContext } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

// The shared CI machine can be slow: give the page time to answer.
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });

describe('the funding page in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('records a disbursement and an expense and sees the balances move', async () => {
    const { email } = await insertUser(t, 'lead', 'Camille Laporte');
    const context = await newContext(browser, t.baseUrl);
    const login = await context.request.post('/api/auth/login', {
      data: { email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(login.status()).toBe(200);
    const created = await context.request.post('/api/pilots', {
      data: {
        name: 'Saint-Genès — réemploi',
        communes: [{ name: 'Saint-Genès-de-Lombaud' }],
        inhabitants: 1500,
        startDate: '2023-11-15',
      },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(created.status()).toBe(201);
    const pilotId = (await created.json()).id as string;

    const page = await context.newPage();
    await page.goto(`/pilotes/${pilotId}/financement`);
    // Amounts are formatted fr-FR (narrow no-break spaces): compare without spaces.
    const money = async (testId: string) => (await page.getByTestId(testId).textContent())?.replace(/\s/g, '');
    await poll(() => money('investment-Versé')).toBe('0,00€');
    expect(await money('investment-Dotation')).toBe('120000,00€');

    // A disbursement (the lead's form opens on that type); double-clicking "Enregistrer" writes once.
    await page.getByRole('button', { name: 'Nouvelle écriture' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Fonds', { exact: true }).click();
    await page.getByRole('option', { name: "Fonds d'investissement" }).click();
    await dialog.getByLabel('Montant (€)').fill('50000');
    await dialog.getByLabel('Référence du paiement').fill('MANDAT-2024-0001');
    await dialog.getByRole('button', { name: 'Enregistrer' }).dblclick();
    await poll(() => dialog.isVisible()).toBe(false);
    await page.getByRole('heading', { name: "Fonds d'investissement" }).waitFor();
    await poll(() => money('investment-Versé')).toBe('50000,00€');
    expect(
      await t.sql(`SELECT 1 FROM ledger_entries WHERE pilot_id = $1 AND type = 'disbursement'`, [pilotId]),
    ).toHaveLength(1);

    // An expense from the same fund.
    await page.getByRole('button', { name: 'Nouvelle écriture' }).click();
    await dialog.getByLabel("Type d'écriture", { exact: true }).click();
    await page.getByRole('option', { name: 'Dépense' }).click();
    await dialog.getByLabel('Fonds', { exact: true }).click();
    await page.getByRole('option', { name: "Fonds d'investissement" }).click();
    await dialog.getByLabel('Montant (€)').fill('12 345,67');
    await dialog.getByLabel('N° de facture').fill('FAC-2024-0211');
    await dialog.getByLabel('Fournisseur').fill('SARL Bâti Entre-deux-Mers');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => dialog.isVisible()).toBe(false);
    await poll(() => money('investment-Dépensé')).toBe('12345,67€');
    expect(await money('investment-Disponible')).toBe('37654,33€');
    await poll(() => page.getByRole('table', { name: 'Écritures du grand livre' }).getByRole('row').count()).toBe(3);

    // The invoice is attached to the expense from the table, then offered for download.
    const [expense] = await t.sql<{ seq: number }>(
      `SELECT seq FROM ledger_entries WHERE pilot_id = $1 AND type = 'expense'`,
      [pilotId],
    );
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: `Joindre un justificatif à l’écriture ${expense.seq}` }).click();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    await (await chooser).setFiles({ name: 'facture-FAC-2024-0211.png', mimeType: 'image/png', buffer: png });
    await poll(() => page.getByRole('link', { name: 'facture-FAC-2024-0211.png' }).count()).toBe(1);

    // Over the entitlement: the French message, nothing written.
    await page.getByRole('button', { name: 'Nouvelle écriture' }).click();
    await dialog.getByLabel("Type d'écriture", { exact: true }).click();
    await page.getByRole('option', { name: 'Versement Smicval' }).click();
    await dialog.getByLabel('Fonds', { exact: true }).click();
    await page.getByRole('option', { name: "Fonds d'investissement" }).click();
    await dialog.getByLabel('Montant (€)').fill('70001');
    await dialog.getByLabel('Référence du paiement').fill('MANDAT-2024-0002');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => dialog.getByText('Le montant dépasse ce qui reste de la dotation').isVisible()).toBe(true);
    expect(await t.sql(`SELECT 1 FROM ledger_entries WHERE pilot_id = $1`, [pilotId])).toHaveLength(2);
    await context.close();
  });

  it('lets the lead book an expense in another year than its date’s, with a reason', async () => {
    const { email } = await insertUser(t, 'lead', 'Camille Laporte');
    const context = await newContext(browser, t.baseUrl);
    const headers = { 'x-requested-with': 'projet-k' };
    await context.request.post('/api/auth/login', { data: { email, password: TEST_PASSWORD }, headers });
    const created = await context.request.post('/api/pilots', {
      data: { name: 'Haux — attribution', communes: [{ name: 'Haux' }], inhabitants: 900, startDate: '2023-11-15' },
      headers,
    });
    const pilotId = (await created.json()).id as string;
    const page = await context.newPage();
    await page.goto(`/pilotes/${pilotId}/financement`);
    await page.getByRole('button', { name: 'Nouvelle écriture' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel("Type d'écriture", { exact: true }).click();
    await page.getByRole('option', { name: 'Dépense' }).click();
    const year = dialog.getByRole('combobox', { name: 'Année du projet' });
    await dialog.getByLabel('Date').fill('2024-12-01');
    await poll(() => year.inputValue()).toBe('Année 2');
    const reason = dialog.getByLabel("Motif de l'attribution à une autre année");
    expect(await reason.count()).toBe(0);
    await year.click();
    await page.getByRole('option', { name: 'Année 1' }).click();
    await reason.fill('Facture de l’an 1 reçue en retard');
    await dialog.getByLabel('Montant (€)').fill('640');
    await dialog.getByLabel('N° de facture').fill('FAC-2024-0412');
    await dialog.getByLabel('Fournisseur').fill('Imprimerie Lafon');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => dialog.isVisible()).toBe(false);
    expect(await t.sql(`SELECT year, attribution_reason FROM ledger_entries WHERE pilot_id = $1`, [pilotId])).toEqual([
      { year: 1, attribution_reason: 'Facture de l’an 1 reçue en retard' },
    ]);
    await context.close();
  });
});
