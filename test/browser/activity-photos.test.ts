import { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPilot, logActivity } from '../factories/pilots';
import { addMember, insertUser, signIn, signInAs, TEST_PASSWORD } from '../factories/users';
import {
  horizontalOverflow,
  injectAxe,
  launchBrowser,
  newContext,
  seriousAxeViolations,
  waitForQuietPage,
} from '../support/browser';
import { jpegHeaderThenHtml } from '../support/files';
import { createTestApp, TestApp } from '../support/test-app';

describe('photos of an activity on a phone', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('adds a photo from the camera, shows it in the list with its French alternative text, and removes it', async () => {
    const lead = await signIn(t, 'lead');
    const pilot = await createPilot(lead.http, { name: 'Pilote des photos' });
    const coordinator = await insertUser(t, 'coordinator', 'Inès Garnier');
    await addMember(lead.http, pilot.id, coordinator.id, 'coordinator');
    const coord = await signInAs(t, coordinator.email);
    const activity = await logActivity(coord.http, pilot.id, { title: 'Repair café du marché' });
    const photo = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#4a8' } })
      .jpeg()
      .toBuffer();

    const context = await newContext(browser, t.baseUrl, true);
    await context.request.post('/api/auth/login', {
      data: { email: coordinator.email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`/pilotes/${pilot.id}/activites/${activity.id}`);
    await expect.poll(() => page.getByText('Photos (0 sur 5)').isVisible()).toBe(true);

    // The camera button's input asks phones for the back camera.
    const camera = page.locator('input[type="file"][capture="environment"]');
    expect(await camera.getAttribute('accept')).toBe('image/*');
    await camera.setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
    const alt = 'Photo 1 de l’activité « Repair café du marché »';
    await expect.poll(() => page.getByRole('img', { name: alt }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Photos (1 sur 5)').isVisible()).toBe(true);
    const [row] = await t.sql<{ width: number; height: number; location_kept: boolean }>(
      `SELECT width, height, location_kept FROM activity_photos WHERE activity_id = $1`,
      [activity.id],
    );
    expect(row).toEqual({ width: 1600, height: 1200, location_kept: false });

    // A file that only looks like a JPEG: the catalogue's French message, nothing stored.
    await page
      .locator('input[type="file"]:not([capture])')
      .setInputFiles({ name: 'faux.jpg', mimeType: 'image/jpeg', buffer: jpegHeaderThenHtml() });
    await expect.poll(() => page.getByTestId('activity-photo-error').textContent()).toContain('La photo est illisible');
    expect(await t.sql(`SELECT 1 FROM activity_photos WHERE activity_id = $1`, [activity.id])).toHaveLength(1);

    await waitForQuietPage(page);
    expect(await horizontalOverflow(page)).toBeNull();
    await injectAxe(page);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The list shows the thumbnail, loaded, with the same alternative text.
    await page.goto(`/pilotes/${pilot.id}/activites`);
    const thumb = page.getByRole('img', { name: alt });
    await thumb.scrollIntoViewIfNeeded();
    await expect
      .poll(() => thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(1600);
    await waitForQuietPage(page);
    expect(await horizontalOverflow(page)).toBeNull();
    await injectAxe(page);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.goto(`/pilotes/${pilot.id}/activites/${activity.id}`);
    await page.getByRole('button', { name: 'Supprimer la photo 1' }).click();
    await expect.poll(() => page.getByText('Photos (0 sur 5)').isVisible()).toBe(true);
    expect(await t.sql(`SELECT 1 FROM activity_photos WHERE activity_id = $1`, [activity.id])).toHaveLength(0);
    await context.close();
  });
});
