import sharp from 'sharp';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { addDays } from '../../src/pilots/pilot-terms';
import { createPilot } from '../factories/pilots';
import { addMember, insertUser, signIn, SignedIn, TEST_PASSWORD } from '../factories/users';
import {
  injectAxe,
  launchBrowser,
  navigateInApp,
  newContext,
  seriousAxeViolations,
  waitForQuietPage,
} from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

const POLL = { timeout: 30_000, interval: 200 };

// Page-side scripts are strings: the server's TypeScript has no DOM types.
/** Copies the offline queue (IndexedDB) into window.savedQueue, photos included, and answers its keys and bodies. */
const SAVE_QUEUE = `new Promise((resolve, reject) => {
  const open = indexedDB.open('projet-k-hors-ligne');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const all = open.result.transaction('activities').objectStore('activities').getAll();
    all.onsuccess = () => {
      window.savedQueue = all.result;
      open.result.close();
      resolve(all.result.map((a) => ({ key: a.key, body: a.body, photo: !!a.photo })));
    };
  };
})`;

/** Puts the saved items of the given titles back into the queue, as they were before they were sent. */
const restoreQueue = (titles: string[]) => `new Promise((resolve, reject) => {
  const open = indexedDB.open('projet-k-hors-ligne');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const tx = open.result.transaction('activities', 'readwrite');
    for (const a of window.savedQueue.filter((a) => ${JSON.stringify(titles)}.includes(a.body.title))) tx.objectStore('activities').put(a);
    tx.oncomplete = () => { open.result.close(); resolve(true); };
    tx.onerror = () => reject(tx.error);
  };
})`;

type Stored = { key: string; body: Record<string, unknown>; photo: boolean };

describe('the offline activity log (installable app, queue sent when the network returns)', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function coordinatorOnPhone(name: string): Promise<{
    lead: SignedIn;
    pilot: Record<string, any>;
    email: string;
    context: BrowserContext;
    page: Page;
  }> {
    const lead = await signIn(t, 'lead');
    const pilot = await createPilot(lead.http, { name, startDate: addDays(todayInFrance(), -100) });
    const coordinator = await insertUser(t, 'coordinator');
    await addMember(lead.http, pilot.id, coordinator.id, 'coordinator');
    const context = await newContext(browser, t.baseUrl, true, { serviceWorkers: 'allow' });
    const login = await context.request.post('/api/auth/login', {
      data: { email: coordinator.email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    await page.goto(`/pilotes/${pilot.id}/activites`);
    await expect.poll(() => page.getByText('Aucune activité enregistrée').isVisible(), POLL).toBe(true);
    // The service worker has precached the app shell and controls the page.
    await expect
      .poll(
        () => page.evaluate('navigator.serviceWorker.controller !== null && navigator.serviceWorker.controller.state'),
        POLL,
      )
      .toBe('activated');
    // …and keeps who is signed in, for a start without a network.
    await expect
      .poll(
        () => page.evaluate(`caches.open('projet-k-session').then((c) => c.match('/api/auth/me')).then((r) => !!r)`),
        POLL,
      )
      .toBe(true);
    return { lead, pilot, email: coordinator.email, context, page };
  }

  async function record(page: Page, title: string, options: { date?: string; photo?: Buffer } = {}): Promise<void> {
    if (options.date) await page.getByLabel('Date').fill(options.date);
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Participants').fill('9');
    if (options.photo) {
      await page
        .getByLabel('Photo (facultatif)')
        .setInputFiles({ name: 'atelier.jpg', mimeType: 'image/jpeg', buffer: options.photo });
      await expect.poll(() => page.getByTestId('photo-ready').isVisible(), POLL).toBe(true);
    }
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect
      .poll(() => page.getByText(`Activité « ${title} » gardée sur cet appareil`).isVisible(), POLL)
      .toBe(true);
    // A fresh form for the next one.
    await expect.poll(() => page.getByLabel('Titre').inputValue(), POLL).toBe('');
  }

  const activities = async (lead: SignedIn, pilotId: string) =>
    (await lead.http.get(`/api/pilots/${pilotId}/activities`)).body.items as {
      id: string;
      title: string;
      photos: unknown[];
    }[];

  it('records two activities offline (one with a photo), sends them once, and a forced retry adds nothing', async () => {
    const { lead, pilot, context, page } = await coordinatorOnPhone('Pilote hors ligne');
    const photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#6a994e' } })
      .jpeg()
      .toBuffer();

    await context.setOffline(true);
    // The app shell opens without a network: a new tab loads the activity form from the service worker.
    const shell = await context.newPage();
    await shell.goto(`/pilotes/${pilot.id}/activites/nouvelle`);
    await expect.poll(() => shell.getByLabel('Titre').isVisible(), POLL).toBe(true);
    // The rest of the application says it needs the network.
    await shell.goto('/pilotes');
    await expect
      .poll(() => shell.getByRole('status').filter({ hasText: 'Vous êtes hors ligne' }).isVisible(), POLL)
      .toBe(true);
    expect(await shell.getByTestId('offline-banner').textContent()).toContain('a besoin du réseau');
    await shell.close();

    await page.getByRole('link', { name: 'Enregistrer une activité' }).first().click();
    await page.waitForURL(`**/pilotes/${pilot.id}/activites/nouvelle`);
    await record(page, 'Atelier au foyer rural');
    await record(page, 'Collecte au marché', { photo });
    // Refused once the network is back: before the pilot's life.
    await record(page, 'Atelier trop ancien', { date: addDays(todayInFrance(), -2000) });

    await navigateInApp(page, `/pilotes/${pilot.id}/activites`);
    const queue = page.getByTestId('offline-queue');
    await expect.poll(() => queue.getByTestId('queued-activity').count(), POLL).toBe(3);
    expect(await queue.getByText('en attente d’envoi', { exact: true }).count()).toBe(3);
    expect(await queue.textContent()).toContain('avec photo');
    expect(await page.getByTestId('offline-banner').textContent()).toContain('Vous êtes hors ligne');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await injectAxe(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Nothing reached the server.
    expect(await activities(lead, pilot.id)).toHaveLength(0);

    const stored = (await page.evaluate(SAVE_QUEUE)) as Stored[];
    expect(stored).toHaveLength(3);
    expect(new Set(stored.map((s) => s.key)).size).toBe(3);

    // The network returns: the queue goes by itself.
    await context.setOffline(false);
    await expect.poll(async () => (await activities(lead, pilot.id)).length, POLL).toBe(2);
    await expect
      .poll(
        async () => (await activities(lead, pilot.id)).find((a) => a.title === 'Collecte au marché')?.photos.length,
        POLL,
      )
      .toBe(1);
    const sent = await activities(lead, pilot.id);
    expect(sent.map((a) => a.title).sort()).toEqual(['Atelier au foyer rural', 'Collecte au marché']);
    expect(sent.find((a) => a.title === 'Atelier au foyer rural')?.photos).toEqual([]);
    const [{ width }] = await t.sql(
      `SELECT p.width FROM activity_photos p JOIN activities a ON a.id = p.activity_id WHERE a.pilot_id = $1`,
      [pilot.id],
    );
    expect(width).toBeLessThanOrEqual(1600);

    // The refused one stays with the server's French message; the two others are gone from the queue.
    await expect.poll(() => queue.getByTestId('queued-activity').count(), POLL).toBe(1);
    expect(await queue.getByTestId('queued-problem').textContent()).toBe('Cette date précède la vie du projet pilote.');
    expect(await queue.textContent()).toContain('Atelier trop ancien');
    expect(await queue.getByRole('button', { name: 'Envoyer maintenant' }).count()).toBe(0);

    // Forced retry, 1: the same requests again, with the same keys, answer the first activities.
    const retried = (await page.evaluate(
      `Promise.all(${JSON.stringify(stored.filter((s) => s.body.title !== 'Atelier trop ancien'))}.map(async (s) => {
        const r = await fetch('/api/pilots/${pilot.id}/activities', { method: 'POST', credentials: 'include',
          headers: { 'content-type': 'application/json', 'x-requested-with': 'projet-k', 'idempotency-key': s.key },
          body: JSON.stringify(s.body) });
        return [r.status, r.headers.get('idempotent-replayed')];
      }))`,
    )) as [number, string | null][];
    expect(retried).toEqual([
      [201, 'true'],
      [201, 'true'],
    ]);
    // Forced retry, 2: the two sent items put back in the queue as they were; the app sends them at start.
    await page.evaluate(restoreQueue(['Atelier au foyer rural', 'Collecte au marché']));
    await page.reload();
    await expect.poll(() => page.getByTestId('queued-activity').count(), POLL).toBe(1);
    await waitForQuietPage(page);
    const after = await activities(lead, pilot.id);
    expect(after).toHaveLength(2);
    expect(after.find((a) => a.title === 'Collecte au marché')?.photos).toHaveLength(1);
    expect(await t.sql(`SELECT 1 FROM activities WHERE pilot_id = $1`, [pilot.id])).toHaveLength(2);

    // The coordinator discards the refused one.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Abandonner « Atelier trop ancien »' }).click();
    await expect.poll(() => page.getByTestId('offline-queue').count(), POLL).toBe(0);
    expect(await activities(lead, pilot.id)).toHaveLength(2);
    await context.close();
  });

  it('fixes a refused activity from the queue and sends it with a new key', async () => {
    const { lead, pilot, context, page } = await coordinatorOnPhone('Pilote à corriger');
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Enregistrer une activité' }).first().click();
    await record(page, 'Réunion à corriger', { date: addDays(todayInFrance(), -2000) });
    await context.setOffline(false);
    await expect
      .poll(() => page.getByTestId('queued-problem').textContent(), POLL)
      .toBe('Cette date précède la vie du projet pilote.');
    // The fresh form's title has the focus: leave it first (its check on blur moves the page down).
    await page.getByLabel('Titre').blur();
    await page.getByRole('link', { name: 'Modifier « Réunion à corriger »' }).click();
    await page.waitForURL(/attente=/);
    await expect.poll(() => page.getByLabel('Titre').inputValue(), POLL).toBe('Réunion à corriger');
    await page.getByLabel('Date').fill(addDays(todayInFrance(), -3));
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForURL(`**/pilotes/${pilot.id}/activites`);
    await expect
      .poll(async () => (await activities(lead, pilot.id)).map((a) => a.title), POLL)
      .toEqual(['Réunion à corriger']);
    await expect.poll(() => page.getByTestId('offline-queue').count(), POLL).toBe(0);
    await context.close();
  });

  it('keeps the queue when the session expired, and sends it after the next sign-in', async () => {
    const { lead, pilot, email, context, page } = await coordinatorOnPhone('Pilote session expirée');
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Enregistrer une activité' }).first().click();
    await record(page, 'Atelier avant expiration');
    // The session ends while the phone is offline.
    await context.clearCookies();
    await context.setOffline(false);
    await page.waitForURL('**/connexion**', { timeout: 30_000 });
    expect(await activities(lead, pilot.id)).toHaveLength(0);
    const kept = (await page.evaluate(SAVE_QUEUE)) as Stored[];
    expect(kept.map((s) => s.body.title)).toEqual(['Atelier avant expiration']);

    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel(/^Mot de passe/).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect
      .poll(async () => (await activities(lead, pilot.id)).map((a) => a.title), POLL)
      .toEqual(['Atelier avant expiration']);
    await context.close();
  });
});
