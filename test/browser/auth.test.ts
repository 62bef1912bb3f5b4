import { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, TEST_PASSWORD } from '../factories/users';
import { launchBrowser, newContext } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

// Generous: two shared cores make the first render of a page slow.
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

describe('sign-in, session expiry, navigation and administration in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await t?.close();
  });

  async function page(): Promise<Page> {
    const context = await newContext(browser, t.baseUrl);
    contexts.push(context);
    const p = await context.newPage();
    // A script error in the page explains a timeout better than the timeout itself.
    p.on('pageerror', (e) => console.error(`page error on ${p.url()}: ${e.message}`));
    return p;
  }

  /** Signs in the way other features' browser tests do: the API sets the cookie the page then uses. */
  async function signInByApi(p: Page, email: string): Promise<void> {
    const res = await p.request.post('/api/auth/login', { data: { email, password: TEST_PASSWORD } });
    expect(res.status()).toBe(200);
  }

  async function fillSignIn(p: Page, email: string, password: string): Promise<void> {
    await p.getByLabel('Adresse électronique').fill(email);
    await p.getByLabel(/^Mot de passe/).fill(password);
    await p.getByRole('button', { name: 'Se connecter' }).click();
  }

  const navLabels = (p: Page) =>
    p.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').allTextContents();

  it('sends an anonymous visitor to the sign-in page and shows a French error for a wrong password', async () => {
    const { email } = await insertUser(t, 'coordinator');
    const p = await page();
    await p.goto('/rapports');
    await p.waitForURL(/\/connexion\?retour=%2Frapports$/);
    expect(await p.locator('html').getAttribute('lang')).toBe('fr');
    await fillSignIn(p, email, 'Pas-Le-Bon-Mot-De-Passe');
    await poll(() => p.getByRole('alert').textContent()).toBe('Adresse électronique ou mot de passe incorrect.');
    expect(p.url()).toMatch(/\/connexion/);
  });

  it('tells a disabled account that it is disabled', async () => {
    const { email, id } = await insertUser(t, 'reviewer');
    await t.sql(`UPDATE users SET active = false WHERE id = $1`, [id]);
    const p = await page();
    await p.goto('/connexion');
    await fillSignIn(p, email, TEST_PASSWORD);
    await poll(() => p.getByRole('alert').textContent()).toMatch(/^Ce compte est désactivé/);
  });

  it('lets a coordinator sign in through the form and shows only their pilot in the navigation', async () => {
    const [{ id: mine }] = await t.sql<{ id: string }>(
      `INSERT INTO pilots (name, inhabitants) VALUES ('Saint-Genès-de-Lombaud', 1200) RETURNING id`,
    );
    await t.sql(`INSERT INTO pilots (name, inhabitants) VALUES ('Commune voisine', 900)`);
    const { email, id } = await insertUser(t, 'coordinator', 'Julien Mercier');
    await t.sql(`INSERT INTO pilot_members (pilot_id, user_id, role) VALUES ($1, $2, 'coordinator')`, [mine, id]);

    const p = await page();
    await p.goto('/');
    await p.waitForURL((url) => url.pathname === '/connexion');
    await fillSignIn(p, email, TEST_PASSWORD);
    await p.waitForURL((url) => url.pathname === '/');
    await poll(() => navLabels(p)).toEqual(['Accueil', 'Saint-Genès-de-Lombaud', 'Rapports']);
    const nav = p.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link', { name: 'Saint-Genès-de-Lombaud' }).getAttribute('href')).toBe(
      `/pilotes/${mine}`,
    );
    const menu = p.getByTestId('user-menu');
    expect(await menu.textContent()).toContain('Julien Mercier');
    expect(await menu.textContent()).toContain('Coordinatrice / coordinateur communal');

    // Typing the address of the administration does not open it.
    await p.goto('/administration');
    await poll(() => p.getByRole('heading', { name: 'Accès réservé' }).isVisible()).toBe(true);

    // The user menu signs out, back to the sign-in page.
    await menu.click();
    await p.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await p.waitForURL((url) => url.pathname === '/connexion');
    expect((await p.request.get('/api/auth/me')).status()).toBe(401);
  });

  it('sends the user back to the sign-in page with a message when the session expires, then back where they were', async () => {
    const { email, id } = await insertUser(t, 'lead', 'Camille Laporte');
    const p = await page();
    await signInByApi(p, email);
    await p.goto('/');
    await poll(() => navLabels(p)).toEqual(['Accueil', 'Appels', 'Projets pilotes', 'Rapports', 'Administration']);
    // The home (a chunk of its own) has loaded its data: no request of the first page is left to see the expiry.
    await p.getByTestId('home-lead').waitFor();
    await p.waitForLoadState('networkidle');

    await t.sql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [id]);
    await p.getByRole('link', { name: 'Administration' }).click();
    await p.waitForURL(/\/connexion\?retour=%2Fadministration$/);
    await poll(() => p.getByTestId('login-notice').textContent()).toBe('Votre session a expiré. Reconnectez-vous.');

    await fillSignIn(p, email, TEST_PASSWORD);
    await p.waitForURL((url) => url.pathname === '/administration');
    await poll(() => p.getByRole('heading', { name: 'Administration' }).isVisible()).toBe(true);
  });

  it('lets the lead create a user, assign it to a pilot and disable it on the administration page', async () => {
    const [{ id: pilotId }] = await t.sql<{ id: string }>(
      `INSERT INTO pilots (name, inhabitants) VALUES ('Pilote des coteaux', 1300) RETURNING id`,
    );
    const { email } = await insertUser(t, 'lead', 'Cheffe Admin');
    const p = await page();
    p.on('dialog', (d) => void d.accept());
    await signInByApi(p, email);
    await p.goto('/administration');

    const form = p.locator('section', { has: p.getByRole('heading', { name: 'Créer un compte' }) });
    await form.getByLabel('Nom').fill('Claire Martin');
    await form.getByLabel('Adresse électronique').fill('claire.martin@mairie-exemple.fr');
    await form.getByLabel('Rôle').selectOption('coordinator');
    // The policy is explained and enforced: a common password is refused with its reason.
    await form.getByLabel('Mot de passe provisoire').fill('password1234');
    expect(await form.getByText('De 12 à 128 caractères, pas un mot de passe courant').isVisible()).toBe(true);
    await form.getByRole('button', { name: 'Créer le compte' }).click();
    await poll(() => form.getByText('Ce mot de passe est trop courant').isVisible()).toBe(true);

    await form.getByLabel('Mot de passe provisoire').fill('Coteaux-Zero-Dechet-2026');
    await form.getByRole('button', { name: 'Créer le compte' }).click();
    const row = p.getByTestId('user-row-claire.martin@mairie-exemple.fr');
    await poll(() => row.isVisible()).toBe(true);
    expect(await row.textContent()).toContain('Actif');
    expect(await row.getByLabel('Rôle de Claire Martin').inputValue()).toBe('coordinator');

    await row.getByRole('button', { name: 'Projets pilotes de Claire Martin' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('Projet pilote').selectOption(pilotId);
    await dialog.getByRole('button', { name: 'Affecter' }).click();
    await poll(() => dialog.getByText('Pilote des coteaux').isVisible()).toBe(true);
    await p.keyboard.press('Escape');
    await poll(() => row.textContent()).toContain('Pilote des coteaux');

    await row.getByRole('button', { name: 'Désactiver Claire Martin' }).click();
    await poll(() => row.textContent()).toContain('Désactivé');
    const [stored] = await t.sql<{ active: boolean; role: string; pilots: string[] }>(
      `SELECT u.active, u.role, ARRAY(SELECT pilot_id::text FROM pilot_members WHERE user_id = u.id) AS pilots FROM users u WHERE email = 'claire.martin@mairie-exemple.fr'`,
    );
    expect(stored).toEqual({ active: false, role: 'coordinator', pilots: [pilotId] });

    // The trail shows these changes, filtered by object.
    await p.getByRole('tab', { name: "Journal d'audit" }).click();
    await p.getByLabel('Objet', { exact: true }).selectOption('user');
    await p.getByRole('button', { name: 'Filtrer' }).click();
    await poll(() => p.getByTestId('audit-table').textContent()).toContain('user.update');
    expect(await p.getByTestId('audit-table').textContent()).toContain('user.create');
    const csv = await p.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href');
    expect(csv).toBe('/api/audit?entity=user&format=csv');
    const exported = await p.request.get(csv!);
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain('claire.martin@mairie-exemple.fr');
  });

  it('creates a personal API token shown once, and revokes it', async () => {
    const { email } = await insertUser(t, 'reviewer');
    const p = await page();
    p.on('dialog', (d) => void d.accept());
    await signInByApi(p, email);
    await p.goto('/');
    await p.getByTestId('user-menu').click();
    await p.getByRole('menuitem', { name: "Jetons d'accès" }).click();
    await p.getByLabel('Nom du jeton').fill('Export mensuel');
    await p.getByRole('button', { name: 'Créer le jeton' }).click();
    const token = (await p.getByTestId('token-value').textContent())!;
    expect(token.length).toBeGreaterThan(30);
    expect(await p.getByTestId('token-created').getByRole('button', { name: 'Copier' }).isVisible()).toBe(true);
    expect((await t.client().withBearer(token).get('/api/auth/me')).status).toBe(200);

    await p.getByRole('button', { name: 'Révoquer' }).click();
    await poll(() => p.getByText('Aucun jeton actif.').isVisible()).toBe(true);
    expect((await t.client().withBearer(token).get('/api/auth/me')).status).toBe(401);
  });
});
