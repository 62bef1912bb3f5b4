import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionLabels } from '../../src/common/labels-fr';
import { createOpenCall, declareAndScore, engagementBody, intentionBody, scores } from '../factories/candidatures';
import { insertUser, signIn, TEST_PASSWORD } from '../factories/users';
import { horizontalOverflow, injectAxe, launchBrowser, newContext, seriousAxeViolations } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

describe('a fair committee in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedInPage(email: string, phone = true): Promise<Page> {
    const context = await newContext(browser, t.baseUrl, phone);
    const login = await context.request.post('/api/auth/login', { data: { email, password: TEST_PASSWORD } });
    expect(login.status()).toBe(200);
    return context.newPage();
  }

  async function audit(page: Page) {
    await injectAxe(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeNull();
  }

  it('keeps the first member’s scores from the second until they score, recuses a linked member, flags an ineligible candidature', async () => {
    const lead = await signIn(t, 'lead');
    const call = await createOpenCall(lead.http, { title: 'Appel — comité équitable' });
    const engaged = async (intention: Record<string, unknown>) => {
      const k = await lead.http.post(`/api/calls/${call.id}/candidatures`, intentionBody(intention));
      await lead.http.put(`/api/candidatures/${k.body.id}/engagement`, engagementBody());
      return k.body.id as string;
    };
    const eligible = await engaged({ communes: [{ name: 'Saint-Genès-de-Lombaud' }], inhabitants: 1200 });
    const tooBig = await engaged({ communes: [{ name: 'Targon' }], inhabitants: 2200 });

    const first = await signIn(t, 'committee');
    expect(
      (await declareAndScore(first.http, eligible, { scores: scores(4), comment: 'Avis du premier membre' })).status,
    ).toBe(201);
    expect((await declareAndScore(first.http, tooBig, { scores: scores(5) })).status).toBe(201);

    // The second member, on a phone: nothing of the first member's scores before scoring.
    const { email, id: secondId } = await insertUser(t, 'committee', 'Hélène Dubreuil');
    const page = await signedInPage(email);
    await page.goto(`/candidatures/${eligible}`);
    await page.getByRole('heading', { name: 'Saint-Genès-de-Lombaud' }).waitFor();
    await page.getByText("s'affichent une fois votre évaluation enregistrée").waitFor();
    expect(await page.content()).not.toContain('Avis du premier membre');
    expect(await page.getByRole('table', { name: 'Évaluations du comité' }).count()).toBe(0);
    await audit(page);

    // Declaration, then the grid with the rubric beside each criterion, filled from the keyboard.
    const declaration = page.getByRole('form', { name: "Déclaration de lien d'intérêts" });
    await declaration.getByRole('radio', { name: 'Aucun lien' }).check();
    await declaration.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    const grid = page.getByRole('form', { name: "Ma grille d'évaluation" });
    await grid.waitFor();
    expect((await grid.textContent())?.replace(/[\u202f\u00a0]/g, ' ')).toContain(
      '800 à 1 500 habitants, périmètre clair',
    );
    const firstRadio = grid.getByRole('radio', { name: `${criterionLabels.size} : 0`, exact: true });
    await firstRadio.focus();
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Tab');
    }
    await grid.getByLabel('Commentaire').fill('Deuxième avis');
    await grid.getByRole('button', { name: 'Enregistrer mon évaluation' }).click();
    await page.getByText('Votre évaluation est enregistrée.').waitFor();
    const [mine] = await t.sql<{ size: number; leadership: number }>(
      `SELECT size, leadership FROM candidature_evaluations WHERE candidature_id = $1 AND member_id = $2`,
      [eligible, secondId],
    );
    expect(mine).toEqual({ size: 2, leadership: 2 });
    // Now both scores and comments show.
    await expect
      .poll(() => page.getByRole('table', { name: 'Évaluations du comité' }).textContent())
      .toContain('Avis du premier membre');

    // « suivante » leads to the next candidature to score, where a link to the commune recuses the member.
    await page.getByRole('link', { name: 'Candidature suivante à noter →' }).click();
    await page.getByRole('heading', { name: 'Targon' }).waitFor();
    const second = page.getByRole('form', { name: "Déclaration de lien d'intérêts" });
    await second.getByRole('radio', { name: "J'ai un lien" }).check();
    await second.getByLabel('Nature du lien').selectOption('elected');
    await second.getByLabel('Explication').fill('Conseillère municipale de Targon');
    await second.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    await page.getByText('Vous êtes récusé(e) pour cette candidature').waitFor();
    expect(await page.getByRole('form', { name: "Ma grille d'évaluation" }).count()).toBe(0);
    await page.getByText('Les notes ne sont pas montrées aux membres récusés.').waitFor();
    await audit(page);
    // The API refuses it too.
    const refused = await page.request.post(`/api/candidatures/${tooBig}/evaluations`, {
      data: { scores: scores(3) },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(refused.status()).toBe(403);

    // The lead's ranking: the ineligible candidature is flagged and comes last despite its higher score.
    const leadUser = await insertUser(t, 'lead');
    const desk = await signedInPage(leadUser.email, false);
    await desk.goto(`/appels/${call.id}`);
    const ranking = desk.getByRole('table', { name: 'Classement des candidatures' });
    await ranking.waitFor();
    const rows = ranking.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('Saint-Genès-de-Lombaud');
    expect(await rows.nth(0).textContent()).toContain('Éligible');
    expect(await rows.nth(1).textContent()).toContain('Targon');
    expect(await rows.nth(1).textContent()).toContain('Hors critères de taille');
    expect(await rows.nth(1).textContent()).toContain('Hélène Dubreuil : récusé');
    // The lead sets when scoring opens and what the marks mean, per call.
    await desk.getByRole('button', { name: "Régler l'ouverture et la grille de notation" }).click();
    const settings = desk.getByRole('form', { name: 'Réglages de la notation' });
    await settings.getByLabel('La notation ouvre').selectOption('after_engagement_deadline');
    await settings.getByLabel(`${criterionLabels.leadership} — note 5`).fill('Maire et adjoints moteurs du projet');
    await settings.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await desk.getByText('Réglages de la notation enregistrés.').waitFor();
    const [stored] = await t.sql<{ scoring_opens: string; rubric: { leadership: string[] } }>(
      `SELECT scoring_opens, rubric FROM calls WHERE id = $1`,
      [call.id],
    );
    expect(stored.scoring_opens).toBe('after_engagement_deadline');
    expect(stored.rubric.leadership[5]).toBe('Maire et adjoints moteurs du projet');
    await audit(desk);
    await desk.goto(`/candidatures/${tooBig}`);
    await desk.getByRole('table', { name: "Déclarations de liens d'intérêts" }).waitFor();
    expect(await desk.getByRole('table', { name: "Déclarations de liens d'intérêts" }).textContent()).toContain(
      'Conseillère municipale de Targon',
    );
    await audit(desk);
  });
});
