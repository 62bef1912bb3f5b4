import { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, insertUser, signInAs, TEST_PASSWORD } from '../factories/users';
import { seedPilotYear, waitForReport } from '../reports/report-helpers';
import { horizontalOverflow, launchBrowser, newContext } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

describe('reviewing a draft report in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedInContext(email: string, phone = false): Promise<BrowserContext> {
    const context = await newContext(browser, t.baseUrl, phone);
    const login = await context.request.post('/api/auth/login', {
      data: { email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(login.status()).toBe(200);
    return context;
  }

  it('a reviewer comments and asks for changes on a phone; the lead sees the comment, the decision and the versions', async () => {
    const leadUser = await insertUser(t, 'lead', 'Camille Laporte');
    const lead = await signInAs(t, leadUser.email);
    const { pilotId } = await seedPilotYear(lead.http, { name: 'Saint-Genès — relecture' });
    const rev = await insertUser(t, 'reviewer', 'Marc Lestage');
    await addMember(lead.http, pilotId, rev.id, 'reviewer');
    const created = await lead.http.post(`/api/pilots/${pilotId}/reports`, { year: 1, audience: 'ademe' });
    expect(created.status).toBe(202);
    const reportId: string = created.body.id;
    expect((await waitForReport(lead.http, reportId)).status).toBe('done');

    // The reviewer, at 390 px.
    const reviewerContext = await signedInContext(rev.email, true);
    const page = await reviewerContext.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/rapports/${reportId}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Mon avis sur ce brouillon' }).isVisible()).toBe(true);
    // Asking for changes without a text is refused on the page, sending nothing.
    await page.getByRole('button', { name: 'Demander des modifications' }).click();
    await expect.poll(() => page.getByText('Écrivez votre commentaire.').isVisible()).toBe(true);
    await page.getByRole('textbox', { name: /^Commentaire/ }).fill('Le tableau des cofinancements omet la Région.');
    await page.getByRole('button', { name: 'Demander des modifications' }).click();
    await expect.poll(() => page.getByTestId('report-comment').count()).toBe(1);
    expect(await page.getByTestId('report-comment').textContent()).toContain('Modifications demandées');
    expect(await horizontalOverflow(page)).toBeNull();
    await reviewerContext.close();

    // The lead, from the pilot's reports tab.
    const leadContext = await signedInContext(leadUser.email);
    const leadPage = await leadContext.newPage();
    await leadPage.goto(`/pilotes/${pilotId}/rapports`);
    await leadPage.getByRole('link', { name: 'Relecture et versions de la v1' }).click();
    await expect.poll(() => leadPage.getByTestId('report-comment').count()).toBe(1);
    const comment = (await leadPage.getByTestId('report-comment').textContent()) ?? '';
    expect(comment).toContain('Marc Lestage');
    expect(comment).toContain('Le tableau des cofinancements omet la Région.');
    expect(comment).toContain('Modifications demandées');
    const decisions = leadPage.getByRole('region', { name: 'Avis des relecteurs sur cette version' });
    expect(await decisions.textContent()).toContain('Marc Lestage');
    const versions = leadPage.getByRole('table', { name: 'Versions du rapport' });
    expect(await versions.textContent()).toContain('1 demande de modifications');
    // The lead reads; only reviewers write.
    expect(await leadPage.getByRole('heading', { name: 'Mon avis sur ce brouillon' }).count()).toBe(0);
    await leadContext.close();
  });

  it('the lead uploads the organisation logo from the administration page and sees it', async () => {
    const leadUser = await insertUser(t, 'lead');
    const context = await signedInContext(leadUser.email, true);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/administration');
    await page.getByRole('tab', { name: 'Logo des rapports' }).click();
    await expect.poll(() => page.getByText('Aucun logo déposé.').isVisible()).toBe(true);
    // A GIF is refused with the catalogue's French message.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Déposer un logo' }).click();
    await (
      await chooser
    ).setFiles({ name: 'logo.gif', mimeType: 'image/png', buffer: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64') });
    await expect.poll(() => page.getByText('Le logo doit être une image PNG ou JPEG').isVisible()).toBe(true);
    const again = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Déposer un logo' }).click();
    await (
      await again
    ).setFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    await expect.poll(() => page.getByRole('img', { name: 'Logo actuel des rapports' }).count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeNull();
    await context.close();
  });
});
