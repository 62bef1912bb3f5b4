import { readFileSync } from 'node:fs';
import { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/pilots/pilot-terms';
import { todayInFrance } from '../../src/common/codes';
import { createOpenCall, declareAndScore, engagementBody, intentionBody, scores } from '../factories/candidatures';
import { addMember, insertUser, signInAs, TEST_PASSWORD } from '../factories/users';
import { seedPilotYear, waitForReport } from '../reports/report-helpers';
import {
  horizontalOverflow,
  injectAxe,
  launchBrowser,
  navigateInApp,
  newContext,
  seriousAxeViolations,
  waitForQuietPage,
} from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

type Role = 'anonymous' | 'lead' | 'coordinator' | 'committee' | 'reviewer';
type Ids = {
  callId: string;
  candidatureId: string;
  editToken: string;
  pilotId: string;
  activityId: string;
  reportId: string;
};

/**
 * Every route of client/src/routes.tsx (pilot tabs expanded), with who visits it. The first test checks that
 * this table names every route the client declares, so a new page cannot escape the audit.
 */
const ROUTES: { pattern: string; url: (ids: Ids) => string; roles: Role[] }[] = [
  { pattern: 'connexion', url: () => '/connexion', roles: ['anonymous'] },
  { pattern: 'candidater/:callId', url: (i) => `/candidater/${i.callId}`, roles: ['anonymous'] },
  { pattern: 'candidater/suite/:editToken', url: (i) => `/candidater/suite/${i.editToken}`, roles: ['anonymous'] },
  { pattern: 'candidater/lien-perdu', url: () => '/candidater/lien-perdu', roles: ['anonymous'] },
  { pattern: 'candidater/donnees-personnelles', url: () => '/candidater/donnees-personnelles', roles: ['anonymous'] },
  { pattern: '', url: () => '/', roles: ['lead', 'coordinator', 'committee', 'reviewer'] },
  { pattern: 'appels', url: () => '/appels', roles: ['lead', 'committee'] },
  { pattern: 'appels/:id', url: (i) => `/appels/${i.callId}`, roles: ['lead', 'committee'] },
  { pattern: 'candidatures/:id', url: (i) => `/candidatures/${i.candidatureId}`, roles: ['lead', 'committee'] },
  { pattern: 'pilotes', url: () => '/pilotes', roles: ['lead', 'coordinator', 'committee', 'reviewer'] },
  {
    pattern: 'pilotes/:id/activites/nouvelle',
    url: (i) => `/pilotes/${i.pilotId}/activites/nouvelle`,
    roles: ['lead', 'coordinator'],
  },
  {
    pattern: 'pilotes/:id/activites/:activityId',
    url: (i) => `/pilotes/${i.pilotId}/activites/${i.activityId}`,
    roles: ['lead', 'coordinator'],
  },
  { pattern: 'pilotes/:id', url: (i) => `/pilotes/${i.pilotId}`, roles: ['lead', 'coordinator', 'reviewer'] },
  {
    pattern: 'pilotes/:id/activites',
    url: (i) => `/pilotes/${i.pilotId}/activites`,
    roles: ['lead', 'coordinator', 'reviewer'],
  },
  {
    pattern: 'pilotes/:id/acteurs',
    url: (i) => `/pilotes/${i.pilotId}/acteurs`,
    roles: ['lead', 'coordinator', 'reviewer'],
  },
  {
    pattern: 'pilotes/:id/territoire',
    url: (i) => `/pilotes/${i.pilotId}/territoire`,
    roles: ['lead', 'coordinator', 'reviewer'],
  },
  {
    pattern: 'pilotes/:id/financement',
    url: (i) => `/pilotes/${i.pilotId}/financement`,
    roles: ['lead', 'coordinator', 'reviewer'],
  },
  {
    pattern: 'pilotes/:id/autonomie',
    url: (i) => `/pilotes/${i.pilotId}/autonomie`,
    roles: ['lead', 'coordinator', 'reviewer'],
  },
  {
    pattern: 'pilotes/:id/rapports',
    url: (i) => `/pilotes/${i.pilotId}/rapports`,
    roles: ['lead', 'coordinator', 'reviewer'],
  },
  { pattern: 'appels/:id/rapports', url: (i) => `/appels/${i.callId}/rapports`, roles: ['lead'] },
  { pattern: 'rapports', url: () => '/rapports', roles: ['lead', 'coordinator', 'reviewer'] },
  { pattern: 'rapports/:id', url: (i) => `/rapports/${i.reportId}`, roles: ['lead', 'coordinator', 'reviewer'] },
  { pattern: 'administration', url: () => '/administration', roles: ['lead'] },
  { pattern: 'compte/jetons', url: () => '/compte/jetons', roles: ['lead', 'coordinator', 'committee', 'reviewer'] },
  { pattern: '*', url: () => '/page-inexistante', roles: ['lead'] },
];

/**
 * The route patterns client/src/routes.tsx declares, pilot tabs (pilotTabs.tsx) nested under pilotes/:id, and the
 * public candidature app's pages (PublicApp.tsx).
 */
function declaredRoutes(): string[] {
  const routes = readFileSync('client/src/routes.tsx', 'utf8');
  const publicRoutes = readFileSync('client/src/PublicApp.tsx', 'utf8');
  const tabs = readFileSync('client/src/pages/pilots/pilotTabs.tsx', 'utf8');
  const paths = [
    ...[...routes.matchAll(/path="([^"]+)"/g)].map((m) => m[1]),
    ...[...publicRoutes.matchAll(/\{\s*path:\s*'([^']+)'/g)].map((m) => m[1]),
  ];
  if (/<Route\s+index\b/.test(routes)) paths.push('');
  const tabPaths = [...tabs.matchAll(/\{\s*path:\s*'([^']*)'/g)].map((m) => m[1]);
  return [...new Set([...paths, ...tabPaths.filter((p) => p !== '').map((p) => `pilotes/:id/${p}`)])].sort();
}

// Developer English that must never reach a user (class-validator, zod and browser defaults).
const ENGLISH =
  /\b(must|should|characters?|required|invalid|expected|received|string|number|too (small|big|long|short))\b/i;

/**
 * Invalid submissions, one per form: who submits it where, how the form is reached, what is typed (by field label)
 * and the French messages expected beside the fields or in an alert (checked by inclusion). The test asserts those
 * messages, and that no visible error text is developer English.
 */
type InvalidSubmission = {
  form: string;
  role: Role;
  url: (ids: Ids) => string;
  /** Opens the form when it is not on the page at once (a tab, a dialog); returns the form. */
  open: (page: Page) => Promise<Locator>;
  fill: Record<string, string>;
  submit: string;
  expected: string[];
};

const byName = (name: string) => async (page: Page) => page.getByRole('form', { name });
const inDialog = (button: string, dialog: string) => async (page: Page) => {
  await page.getByRole('button', { name: button, exact: true }).click();
  return page.getByRole('dialog', { name: dialog }).locator('form');
};

const INVALID_SUBMISSIONS: InvalidSubmission[] = [
  {
    form: 'sign-in',
    role: 'anonymous',
    url: () => '/connexion',
    open: byName('Connexion'),
    fill: { 'Adresse électronique': 'camille.laporte' },
    submit: 'Se connecter',
    expected: ['Une adresse e-mail valide, par exemple prenom.nom@commune.fr.', 'Saisissez votre mot de passe.'],
  },
  {
    form: 'sign-in refused by the server',
    role: 'anonymous',
    url: () => '/connexion',
    open: byName('Connexion'),
    fill: { 'Adresse électronique': 'personne@exemple.fr', 'Mot de passe': 'Pas-Le-Bon-Mot-De-Passe' },
    submit: 'Se connecter',
    expected: ['Adresse électronique ou mot de passe incorrect.'],
  },
  {
    form: 'account creation',
    role: 'lead',
    url: () => '/administration',
    open: byName('Créer un compte'),
    fill: { Nom: ' ', 'Adresse électronique': 'claire@', 'Mot de passe provisoire': 'court' },
    submit: 'Créer le compte',
    expected: [
      'Indiquez le nom de la personne.',
      'Une adresse e-mail valide, par exemple prenom.nom@commune.fr.',
      'Au moins 12 caractères.',
    ],
  },
  {
    form: 'account creation refused by the server (common password)',
    role: 'lead',
    url: () => '/administration',
    open: byName('Créer un compte'),
    fill: {
      Nom: 'Claire Martin',
      'Adresse électronique': 'claire.martin@exemple.fr',
      'Mot de passe provisoire': 'password1234',
    },
    submit: 'Créer le compte',
    expected: ['Ce mot de passe est trop courant'],
  },
  {
    form: 'audit filters',
    role: 'lead',
    url: () => '/administration',
    open: async (page) => {
      await page.getByRole('tab', { name: "Journal d'audit" }).click();
      return page.getByRole('form', { name: "Filtrer le journal d'audit" });
    },
    fill: { "Identifiant de l'objet": 'x'.repeat(101) },
    submit: 'Filtrer',
    expected: ['Au plus 100 caractères.'],
  },
  {
    form: 'password change',
    role: 'coordinator',
    url: () => '/',
    open: async (page) => {
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: 'Changer de mot de passe' }).click();
      return page.getByRole('dialog', { name: 'Changer de mot de passe' }).locator('form');
    },
    fill: { 'Nouveau mot de passe': 'court', 'Confirmer le nouveau mot de passe': 'autre' },
    submit: 'Enregistrer le mot de passe',
    expected: [
      'Saisissez votre mot de passe actuel.',
      'Au moins 12 caractères.',
      'Les deux saisies du nouveau mot de passe sont différentes.',
    ],
  },
  {
    form: 'actor',
    role: 'coordinator',
    url: (i) => `/pilotes/${i.pilotId}/acteurs`,
    open: inDialog('Ajouter un acteur', 'Ajouter un acteur'),
    fill: { Nom: ' ', Contact: 'x'.repeat(501) },
    submit: 'Ajouter',
    expected: ['Donnez le nom de l’acteur.', 'Au plus 500 caractères.'],
  },
  {
    form: 'actor refused by the server (name taken)',
    role: 'coordinator',
    url: (i) => `/pilotes/${i.pilotId}/acteurs`,
    open: inDialog('Ajouter un acteur', 'Ajouter un acteur'),
    fill: { Nom: 'École élémentaire' },
    submit: 'Ajouter',
    expected: ['Un acteur porte déjà ce nom dans ce projet pilote.'],
  },
  {
    form: 'contribution',
    role: 'coordinator',
    url: (i) => `/pilotes/${i.pilotId}/acteurs`,
    open: inDialog('Ajouter une contribution', 'Ajouter une contribution'),
    fill: { Description: ' ', 'Année du projet': '11' },
    submit: 'Enregistrer',
    expected: ['Décrivez ce que l’acteur apporte.', 'Au plus 10.'],
  },
  {
    form: 'link between actors',
    role: 'coordinator',
    url: (i) => `/pilotes/${i.pilotId}/acteurs`,
    open: inDialog('Relier deux acteurs', 'Relier deux acteurs'),
    fill: { 'Sur quoi': ' ' },
    submit: 'Relier',
    expected: ['Dites sur quoi ils travaillent ensemble.'],
  },
  {
    form: 'amendment',
    role: 'lead',
    url: (i) => `/pilotes/${i.pilotId}/territoire`,
    open: byName('Ajouter un avenant'),
    fill: { 'Nouveau nombre d’habitants': '0', Motif: ' ' },
    submit: 'Enregistrer l’avenant',
    expected: [
      'Au moins 1.',
      'Une date complète (jour, mois, année).',
      'Indiquez le motif, par exemple « Avenant n°1 : recensement 2024 ».',
    ],
  },
  {
    form: 'pilot record',
    role: 'lead',
    url: (i) => `/pilotes/${i.pilotId}/territoire`,
    open: byName('Modifier la fiche'),
    fill: { Quartier: 'x'.repeat(201) },
    submit: 'Enregistrer',
    expected: ['Au plus 200 caractères.'],
  },
  {
    form: 'new milestone',
    role: 'lead',
    url: (i) => `/pilotes/${i.pilotId}/autonomie`,
    open: byName('Ajouter un jalon'),
    fill: { Titre: ' ' },
    submit: 'Ajouter le jalon',
    expected: ['Donnez un titre au jalon.', 'Une date complète (jour, mois, année).'],
  },
  {
    form: 'ledger reversal',
    role: 'lead',
    url: (i) => `/pilotes/${i.pilotId}/financement`,
    open: async (page) => {
      await page
        .getByRole('button', { name: /^Annuler l’écriture/ })
        .first()
        .click();
      return page.getByRole('dialog', { name: /^Annuler l’écriture/ }).locator('form');
    },
    fill: { 'Motif de l’annulation': ' ' },
    submit: 'Confirmer l’annulation',
    expected: ['Indiquez le motif de l’annulation (il reste dans le grand livre).'],
  },
  {
    form: 'phase reopening',
    role: 'lead',
    url: (i) => `/candidatures/${i.candidatureId}`,
    open: byName('Rouvrir une phase'),
    fill: { "Jusqu'au": '2020-01-15' },
    submit: 'Rouvrir la phase',
    expected: [
      'La date doit être aujourd’hui ou plus tard.',
      'Indiquez pourquoi cette candidature a plus de temps (inscrit au journal).',
    ],
  },
];

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

describe('every route, every role, phone and desktop', () => {
  let t: TestApp;
  let browser: Browser;
  let ids: Ids;
  const emails: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
    for (const role of ['lead', 'coordinator', 'committee', 'reviewer'] as const) {
      emails[role] = (
        await insertUser(
          t,
          role,
          {
            lead: 'Camille Laporte',
            coordinator: 'Julien Mercier',
            committee: 'Hélène Dubreuil',
            reviewer: 'Marc Lestage',
          }[role],
        )
      ).email;
    }
    const lead = await signInAs(t, emails.lead!);

    // A call with two candidatures (one with its engagement letter and the committee's scores).
    const call = await createOpenCall(lead.http, { title: 'Appel à coopération 2026 — Entre-deux-Mers' });
    const pub = t.client();
    const first = await pub.post(`/api/public/calls/${call.id}/candidatures`, intentionBody());
    expect(first.status).toBe(201);
    expect(
      (await pub.put(`/api/public/candidatures/${first.body.editToken}/engagement`, engagementBody())).status,
    ).toBe(200);
    const second = await pub.post(
      `/api/public/calls/${call.id}/candidatures`,
      intentionBody({
        communes: [{ name: 'Haux', inseeCode: '33201' }],
        inhabitants: 850,
        contactEmail: 'mairie@haux.example.org',
      }),
    );
    expect(second.status).toBe(201);
    const committee = await signInAs(t, emails.committee!);
    expect(
      (
        await declareAndScore(committee.http, first.body.id, {
          scores: scores(4),
          comment: 'Projet solide, acteurs déjà mobilisés.',
        })
      ).status,
    ).toBe(201);

    // A pilot with a year of ledger, actors, activities and waste figures, its members, milestones and a report.
    const { pilotId } = await seedPilotYear(lead.http, { name: 'Saint-Genès-de-Lombaud — tiers-lieu du réemploi' });
    const coordinator = await signInAs(t, emails.coordinator!);
    const reviewer = await signInAs(t, emails.reviewer!);
    await addMember(lead.http, pilotId, coordinator.user.id, 'coordinator');
    await addMember(lead.http, pilotId, reviewer.user.id, 'reviewer');
    const today = todayInFrance();
    for (const m of [
      { title: 'Instance de gouvernance installée', dueDate: addDays(today, -30), owner: 'Commune' },
      {
        title: 'Autonomie de 40 % en année 2',
        dueDate: addDays(today, 200),
        owner: 'Commune',
        target: { indicator: 'autonomyRatio', operator: 'gte', value: 0.4, year: 2 },
      },
    ]) {
      expect((await lead.http.post(`/api/pilots/${pilotId}/milestones`, m)).status).toBe(201);
    }
    const actors =
      (await lead.http.get(`/api/pilots/${pilotId}/actors`)).body.items ??
      (await lead.http.get(`/api/pilots/${pilotId}/actors`)).body;
    if (Array.isArray(actors) && actors.length >= 2) {
      await lead.http.post(`/api/pilots/${pilotId}/actor-links`, {
        fromActorId: actors[0].id,
        toActorId: actors[1].id,
        nature: 'Ateliers réemploi à l’école',
      });
    }
    const report = await lead.http.post(`/api/pilots/${pilotId}/reports`, {
      year: 1,
      audience: 'ademe',
      narrative: {
        highlights: 'Ouverture de la ressourcerie au printemps.',
        difficulties: 'Essoufflement des bénévoles en été.',
        outlook: 'Viser 30 % d’autonomie en année 2.',
      },
    });
    expect(report.status).toBe(202);
    await waitForReport(lead.http, report.body.id);
    const activities = (await lead.http.get(`/api/pilots/${pilotId}/activities`)).body;
    const activityId: string = (activities.items ?? activities)[0].id;
    // A reviewer's comment, so the report page shows a thread, a decision and the versions.
    expect(
      (
        await reviewer.http.post(`/api/reports/${report.body.id}/comments`, {
          body: 'Préciser la part de la Région dans les cofinancements.',
          decision: 'changes_requested',
        })
      ).status,
    ).toBe(201);
    ids = {
      callId: call.id,
      candidatureId: first.body.id,
      editToken: second.body.editToken,
      pilotId,
      activityId,
      reportId: report.body.id,
    };
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('audits every route that client/src/routes.tsx declares', () => {
    expect(ROUTES.map((r) => r.pattern).sort()).toEqual(declaredRoutes());
  });

  it('lead: the search results, the notifications, the account menu and a dialog pass axe when open', async () => {
    const problems: string[] = [];
    for (const viewport of VIEWPORTS) {
      const context = await newContext(browser, t.baseUrl, viewport.name === 'phone');
      const login = await context.request.post('/api/auth/login', {
        data: { email: emails.lead, password: TEST_PASSWORD },
        headers: { 'x-requested-with': 'projet-k' },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      // No opening transitions (the theme respects reduced motion): axe measures the colours as they end up.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto('/');
      await waitForQuietPage(page);
      await injectAxe(page);
      const check = async (what: string) =>
        problems.push(...(await seriousAxeViolations(page)).map((p) => `${viewport.name} ${what}: ${p}`));

      if (viewport.name === 'phone') await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
      const search = page.getByRole('combobox', { name: 'Rechercher dans Projet K' }).locator('visible=true');
      await search.fill('Saint-Gen');
      await expect.poll(() => page.getByRole('option', { name: /Saint-Genès/ }).count()).toBeGreaterThan(0);
      await check('search results');
      await search.press('Escape');
      if (viewport.name === 'phone') await page.getByRole('button', { name: 'Fermer le menu' }).click();

      await page.getByRole('button', { name: /^Notifications/ }).click();
      await page.getByRole('dialog', { name: 'Notifications' }).waitFor();
      await check('notifications');
      await page.keyboard.press('Escape');

      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: 'Changer de mot de passe' }).click();
      await page.getByRole('dialog', { name: 'Changer de mot de passe' }).waitFor();
      await check('password dialog');
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('says in French what is wrong for each invalid submission, beside the field, on a phone', async () => {
    const problems: string[] = [];
    const contexts = new Map<Role, Awaited<ReturnType<typeof newContext>>>();
    for (const role of new Set(INVALID_SUBMISSIONS.map((x) => x.role))) {
      const context = await newContext(browser, t.baseUrl, true);
      await context.setExtraHTTPHeaders({ 'x-requested-with': 'projet-k' });
      if (role !== 'anonymous') {
        const login = await context.request.post('/api/auth/login', {
          data: { email: emails[role], password: TEST_PASSWORD },
        });
        expect(login.status()).toBe(200);
      }
      contexts.set(role, context);
    }
    for (const submission of INVALID_SUBMISSIONS) {
      // A page of its own: the typed text it leaves behind must not hold the next one back.
      const page = await contexts.get(submission.role)!.newPage();
      page.on('dialog', (dialog) => void dialog.accept());
      await page.goto(submission.url(ids));
      await waitForQuietPage(page);
      const form = await submission.open(page);
      for (const [label, value] of Object.entries(submission.fill)) {
        await form.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).fill(value);
      }
      await form.getByRole('button', { name: submission.submit, exact: true }).click();
      const shown = async () =>
        (await page.locator('.mantine-InputWrapper-error, [role="alert"]').allTextContents()).map((x) => x.trim());
      await expect
        .poll(
          async () => {
            const text = (await shown()).join(' | ');
            return submission.expected.filter((m) => !text.includes(m));
          },
          { timeout: 10_000 },
        )
        .toEqual([]);
      for (const message of await shown())
        if (ENGLISH.test(message)) problems.push(`${submission.form}: English in « ${message} »`);
      await page.close();
    }
    for (const context of contexts.values()) await context.close();
    expect(problems).toEqual([]);
  }, 300_000);

  for (const role of ['anonymous', 'lead', 'coordinator', 'committee', 'reviewer'] as const) {
    it(`${role}: no horizontal scrolling and no serious or critical axe finding at 390 and 1440 px`, async () => {
      const problems: string[] = [];
      for (const viewport of VIEWPORTS) {
        const context = await newContext(browser, t.baseUrl, viewport.name === 'phone');
        await context.setExtraHTTPHeaders({ 'x-requested-with': 'projet-k' });
        if (role !== 'anonymous') {
          const login = await context.request.post('/api/auth/login', {
            data: { email: emails[role], password: TEST_PASSWORD },
          });
          expect(login.status()).toBe(200);
        }
        const page = await context.newPage();
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        const urls = ROUTES.filter((r) => r.roles.includes(role)).map((r) => r.url(ids));
        // One full load, then in-app navigation: each page is measured as a user reaches it, without reloading the bundle.
        await page.goto(urls[0]);
        await injectAxe(page);
        for (const url of urls) {
          problems.push(...(await audit(page, url)).map((p) => `${role} ${viewport.name} ${url}: ${p}`));
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }

  it('the published pilot’s public page (server-rendered): no horizontal scrolling, no serious axe finding', async () => {
    const lead = await signInAs(t, emails.lead!);
    for (const actor of (await lead.http.get(`/api/pilots/${ids.pilotId}/actors`)).body.items)
      await lead.http.patch(`/api/pilots/${ids.pilotId}/actors/${actor.id}`, {
        publicConsent: actor.type !== 'citizen',
      });
    const published = await lead.http.put(`/api/pilots/${ids.pilotId}/publication`, {
      published: true,
      includeReports: true,
    });
    expect(published.status).toBe(200);
    const problems: string[] = [];
    for (const viewport of VIEWPORTS) {
      const context = await newContext(browser, t.baseUrl, viewport.name === 'phone');
      const page = await context.newPage();
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const res = await page.goto(published.body.pagePath);
      expect(res?.status()).toBe(200);
      await injectAxe(page);
      const overflow = await horizontalOverflow(page);
      if (overflow)
        problems.push(`${viewport.name}: page is ${overflow.scrollWidth} px wide in ${overflow.innerWidth} px`);
      problems.push(...(await seriousAxeViolations(page)).map((p) => `${viewport.name}: ${p}`));
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

/** Loads a page, waits for its data, and lists what a phone user or an assistive technology would trip on. */
async function audit(page: Page, url: string): Promise<string[]> {
  await navigateInApp(page, url);
  await waitForQuietPage(page);
  if (new URL(page.url()).pathname !== url) return [`expected ${url}, the app went to ${new URL(page.url()).pathname}`];
  const found: string[] = [];
  const overflow = await horizontalOverflow(page);
  if (overflow) found.push(`page is ${overflow.scrollWidth} px wide in a ${overflow.innerWidth} px window`);
  const heading = await page.locator('h1, h2').count();
  if (heading === 0) found.push('no heading: the page did not render');
  found.push(...(await seriousAxeViolations(page)));
  return found;
}
