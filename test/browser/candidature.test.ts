import { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionLabels } from '../../src/common/labels-fr';
import { createOpenCall } from '../factories/candidatures';
import { insertUser, signIn, TEST_PASSWORD } from '../factories/users';
import { launchBrowser, newContext } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

describe('candidatures in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets a commune send both letters from a phone, without an account, and a committee member score it', async () => {
    const lead = await signIn(t, 'lead');
    const call = await createOpenCall(lead.http, { title: 'Appel à coopération navigateur' });

    const phone = await newContext(browser, t.baseUrl, true);
    const page = await phone.newPage();
    await page.goto(`/candidater/${call.id}`);
    await page.getByRole('heading', { name: 'Appel à coopération navigateur' }).waitFor();

    // Submitting empty shows errors tied to the fields, and sends nothing.
    await page.getByRole('button', { name: "Envoyer la lettre d'intention" }).click();
    await expect.poll(() => page.getByLabel('Nom de la (des) commune(s)').getAttribute('aria-invalid')).toBe('true');
    expect(await t.sql(`SELECT 1 FROM candidatures`)).toHaveLength(0);

    await page.getByLabel('Nom de la (des) commune(s)').fill('Saint-Genès-de-Lombaud');
    await page.getByRole('button', { name: 'Ajouter une commune' }).click();
    await page.getByLabel('Nom de la commune 2').fill('Haux');
    await page.getByLabel("Nombre d'habitants concernés").fill('1280');
    await page
      .getByLabel('Spécificités de la (des) commune(s) et de ses habitants')
      .fill('Deux communes rurales voisines.');
    await page.getByLabel('Valeurs et engagements de la (des) commune(s)').fill('Sobriété et entraide.');
    await page
      .getByLabel('Enjeux de territoire / politiques publiques prioritaires de la (des) commune(s)')
      .fill('Cœur de bourg.');
    await page.getByRole('radio', { name: 'Oui' }).check();
    await page.getByLabel('Adresse électronique').fill('mairie@saint-genes.example.org');
    await page.getByRole('button', { name: "Envoyer la lettre d'intention" }).click();

    const link = page.getByTestId('private-link');
    await link.waitFor();
    const privateLink = await link.inputValue();
    expect(privateLink).toMatch(/\/candidater\/suite\/[A-Za-z0-9_-]{43}$/);
    const [row] = await t.sql<{ id: string; communes: unknown; inhabitants: number; status: string }>(
      `SELECT id, communes, inhabitants, status FROM candidatures`,
    );
    expect(row).toMatchObject({
      communes: [{ name: 'Saint-Genès-de-Lombaud' }, { name: 'Haux' }],
      inhabitants: 1280,
      status: 'intention_submitted',
    });

    await page.goto(new URL(privateLink).pathname);
    await page.getByRole('heading', { name: /Lettre d'engagement/ }).waitFor();
    await page.getByRole('checkbox', { name: 'Alimentation' }).check();
    await page.getByRole('checkbox', { name: 'Bien vieillir' }).check();
    await page
      .getByLabel('Description de la réflexion : une première idée du projet coopératif')
      .fill('Un tiers-lieu du réemploi dans l’ancienne poste.');
    await page.getByRole('button', { name: 'Ajouter un acteur' }).click();
    await page.getByLabel("Nom de l'acteur 1").fill('Comité des fêtes');
    await page.getByLabel("Ce qu'il peut apporter").fill('Bénévoles');
    await page.getByRole('radio', { name: 'Concertation' }).check();
    await page.getByLabel('Un espace / lieu physique est-il déjà identifié ? Si oui, lequel ?').fill('Ancienne poste');
    await page.getByRole('button', { name: "Envoyer la lettre d'engagement" }).click();
    await page.getByText("Lettre d'engagement reçue").waitFor();
    const [engaged] = await t.sql<{ status: string; engagement: Record<string, unknown> }>(
      `SELECT status, engagement FROM candidatures WHERE id = $1`,
      [row.id],
    );
    expect(engaged.status).toBe('engagement_submitted');
    expect(engaged.engagement).toMatchObject({
      hybridPolicies: ['food', 'ageing_well'],
      citizenInvolvement: 'concertation',
      place: 'Ancienne poste',
      actors: [{ name: 'Comité des fêtes', type: 'associative', canBring: 'Bénévoles' }],
    });
    await phone.close();

    // A committee member fills the grid on the candidature's page.
    const { email, id: memberId } = await insertUser(t, 'committee', 'Martine Bordes');
    const desk = await newContext(browser, t.baseUrl);
    const login = await desk.request.post('/api/auth/login', { data: { email, password: TEST_PASSWORD } });
    expect(login.status()).toBe(200);
    const p2 = await desk.newPage();
    await p2.goto(`/candidatures/${row.id}`);
    await p2.getByRole('heading', { name: 'Saint-Genès-de-Lombaud, Haux' }).waitFor();
    // First the conflict-of-interest declaration, then the grid appears.
    const declaration = p2.getByRole('form', { name: "Déclaration de lien d'intérêts" });
    await declaration.getByRole('radio', { name: 'Aucun lien' }).check();
    await declaration.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    const grid = p2.getByRole('form', { name: "Ma grille d'évaluation" });
    const marks: Record<string, number> = {
      size: 5,
      grouping: 4,
      cooperation: 4,
      actors: 3,
      values: 5,
      capacity: 4,
      leadership: 3,
    };
    for (const [k, n] of Object.entries(marks)) {
      await grid
        .getByRole('radio', { name: `${criterionLabels[k as keyof typeof criterionLabels]} : ${n}`, exact: true })
        .check();
    }
    await grid.getByLabel('Commentaire').fill('Dossier solide.');
    await grid.getByRole('button', { name: 'Enregistrer mon évaluation' }).click();
    await p2.getByText('Votre évaluation est enregistrée.').waitFor();
    const evals = await t.sql<Record<string, unknown>>(
      `SELECT member_id, size, "grouping", actors, leadership, comment FROM candidature_evaluations WHERE candidature_id = $1`,
      [row.id],
    );
    expect(evals).toEqual([
      { member_id: memberId, size: 5, grouping: 4, actors: 3, leadership: 3, comment: 'Dossier solide.' },
    ]);
    // The evaluation table shows it, with the member's mean (28 / 7 = 4,00).
    await expect.poll(() => p2.getByRole('table', { name: 'Évaluations du comité' }).textContent()).toContain('4,00');

    // The call page ranks it with n/N scored and the eligibility badge.
    await p2.goto(`/appels/${call.id}`);
    const ranking = p2.getByRole('table', { name: 'Classement des candidatures' });
    await ranking.waitFor();
    expect(await ranking.textContent()).toContain('Éligible');
    expect(await ranking.textContent()).toMatch(/1\/\d/);
    await desk.close();
  });
});
