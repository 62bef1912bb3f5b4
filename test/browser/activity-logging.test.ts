import { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { addDays } from '../../src/pilots/pilot-terms';
import { createPilot } from '../factories/pilots';
import { addMember, insertUser, signIn, TEST_PASSWORD } from '../factories/users';
import { launchBrowser, newContext } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

describe('logging an activity on a phone', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('logs an activity in a phone-sized window and sees it counted on the overview', async () => {
    const lead = await signIn(t, 'lead');
    const pilot = await createPilot(lead.http, {
      name: 'Saint-Genès — pilote test',
      startDate: addDays(todayInFrance(), -100),
    });
    const coordinator = await insertUser(t, 'coordinator', 'Julien Mercier');
    await addMember(lead.http, pilot.id, coordinator.id, 'coordinator');

    const context = await newContext(browser, t.baseUrl, true);
    // The session cookie is shared by the context's pages.
    const login = await context.request.post('/api/auth/login', {
      data: { email: coordinator.email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();

    await page.goto(`/pilotes/${pilot.id}`);
    await expect.poll(() => page.getByTestId('figure-activities').textContent()).toBe('0');
    // The empty pilot says what to do first.
    expect(await page.getByTestId('first-steps').isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Enregistrer une activité' }).first().click();
    await page.waitForURL(`**/pilotes/${pilot.id}/activites/nouvelle`);
    // Four fields first; the date defaults to today; the rest waits behind « Plus de détails ».
    expect(await page.getByLabel('Date').inputValue()).toBe(todayInFrance());
    expect(await page.getByLabel('Notes').isVisible()).toBe(false);
    await page.getByLabel('Titre').fill('Repair café du marché');
    await page.getByLabel('Type').selectOption({ label: 'Repair café' });
    await page.getByLabel('Participants').fill('23');
    // Nothing spills sideways on a 390 px screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: 'Plus de détails' }).click();
    await page.getByLabel('Bénévoles').fill('4');
    await page.getByLabel('Heures de bénévolat (total)').fill('10');
    await page.getByLabel('Réparation').fill('18,5');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();

    await page.waitForURL(`**/pilotes/${pilot.id}`);
    await expect.poll(() => page.getByTestId('figure-activities').textContent()).toBe('1');
    expect(await page.getByTestId('figure-participants').textContent()).toBe('23');
    expect(await page.getByTestId('figure-volunteer-hours').textContent()).toBe('10 h');
    expect(await page.getByTestId('figure-diverted').textContent()).toMatch(/^18,5\s?kg$/);

    const [row] = await t.sql(
      `SELECT title, type, participants, volunteers, diverted_repair_kg::float8 AS repair, created_by FROM activities WHERE pilot_id = $1`,
      [pilot.id],
    );
    expect(row).toEqual({
      title: 'Repair café du marché',
      type: 'repair_cafe',
      participants: 23,
      volunteers: 4,
      repair: 18.5,
      created_by: coordinator.id,
    });
    await context.close();
  });

  it('adds an actor from the Acteurs tab and finds it in the table and the network', async () => {
    const lead = await signIn(t, 'lead');
    const pilot = await createPilot(lead.http, { name: 'Pilote des acteurs' });
    const context = await newContext(browser, t.baseUrl);
    await context.request.post('/api/auth/login', {
      data: { email: lead.user.email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    const page = await context.newPage();
    await page.goto(`/pilotes/${pilot.id}/acteurs`);
    await expect.poll(() => page.getByText('Aucun acteur recensé').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Ajouter un acteur' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nom').fill('Recyclerie du Créonnais');
    await dialog.getByLabel('Type d’acteur').selectOption({ label: 'Association' });
    await dialog.getByRole('button', { name: 'Ajouter' }).click();
    await expect.poll(() => page.getByTestId('actors-table').textContent()).toContain('Recyclerie du Créonnais');
    await page.getByText('Réseau', { exact: true }).click();
    await expect.poll(() => page.getByText('Qui travaille avec qui').isVisible()).toBe(true);
    const [row] = await t.sql(`SELECT name, type FROM actors WHERE pilot_id = $1`, [pilot.id]);
    expect(row).toEqual({ name: 'Recyclerie du Créonnais', type: 'associative' });
    await context.close();
  });

  it('shows the refusal in French when the date is in the future', async () => {
    const lead = await signIn(t, 'lead');
    const pilot = await createPilot(lead.http, { name: 'Pilote des dates' });
    const context = await newContext(browser, t.baseUrl, true);
    await context.request.post('/api/auth/login', {
      data: { email: lead.user.email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    const page = await context.newPage();
    await page.goto(`/pilotes/${pilot.id}/activites/nouvelle`);
    await page.getByLabel('Date').fill(addDays(todayInFrance(), 3));
    await page.getByLabel('Titre').fill('Atelier à venir');
    await page.getByLabel('Participants').fill('5');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(() => page.getByTestId('activity-error').textContent()).toContain('dans le futur');
    expect(await t.sql(`SELECT 1 FROM activities WHERE pilot_id = $1`, [pilot.id])).toHaveLength(0);
    await context.close();
  });
});
