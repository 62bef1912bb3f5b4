import { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { RemindersService } from '../../src/notifications/reminders.service';
import { addDays } from '../../src/pilots/pilot-terms';
import { createPilot } from '../factories/pilots';
import { addMember, insertUser, signIn, TEST_PASSWORD } from '../factories/users';
import { launchBrowser, newContext } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

describe('the autonomy tab and the notification bell in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the roadmap with its late milestones, the charts, the waste table, and the coordinator’s reminders', async () => {
    const lead = await signIn(t, 'lead');
    const start = addDays(todayInFrance(), -400);
    const pilotId = (await createPilot(lead.http, { startDate: start, inhabitants: 1200 })).id;
    const coordinator = await insertUser(t, 'coordinator', 'Julien Mercier');
    await addMember(lead.http, pilotId, coordinator.id, 'coordinator');
    const baseline = Number(start.slice(0, 4)) - 1;
    expect(
      (await lead.http.put(`/api/pilots/${pilotId}/waste/${baseline}`, { tonnes: { residual: 300, packaging: 60 } }))
        .status,
    ).toBe(200);
    expect(
      (
        await lead.http.put(`/api/pilots/${pilotId}/waste/${baseline + 1}`, {
          tonnes: { residual: 270, packaging: 66 },
        })
      ).status,
    ).toBe(200);
    await t.app.get(RemindersService).runDaily();
    const unread = (
      await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [coordinator.id])
    )[0].n;
    expect(unread).toBeGreaterThan(0);

    const context = await newContext(browser, t.baseUrl);
    const login = await context.request.post('/api/auth/login', {
      data: { email: coordinator.email, password: TEST_PASSWORD },
      headers: { 'x-requested-with': 'projet-k' },
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    await page.goto(`/pilotes/${pilotId}/autonomie`);

    await expect
      .poll(() => page.getByText('Instance de gouvernance installée').isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(await page.getByText('En retard', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText('Fin de l’accompagnement de Smicval').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Pas encore mesurable').count()).toBeGreaterThan(0);

    // The coordinator records evidence on the first milestone.
    await page.getByRole('button', { name: 'Mettre à jour' }).first().click();
    await page.getByLabel('Preuve (texte)').fill('Comité installé, compte rendu en mairie');
    await page.getByRole('button', { name: 'Enregistrer le jalon' }).click();
    await expect
      .poll(
        async () =>
          (
            await t.sql<{ evidence_text: string | null }>(
              `SELECT evidence_text FROM milestones WHERE pilot_id = $1 AND title = 'Instance de gouvernance installée'`,
              [pilotId],
            )
          )[0].evidence_text,
      )
      .toBe('Comité installé, compte rendu en mairie');

    await page.getByRole('tab', { name: 'Indicateurs' }).click();
    await expect.poll(() => page.locator('canvas').count()).toBe(2);
    expect(await page.getByText('Taux d’autonomie financière par année').isVisible()).toBe(true);

    await page.getByRole('tab', { name: 'Déchets' }).click();
    await expect.poll(() => page.getByText(`${baseline} (référence)`).isVisible()).toBe(true);
    expect(await page.getByText(/Insee Première n° 2055/).count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: '-10 %' }).isVisible()).toBe(true);

    // The bell: unread count, opening a notification marks it read.
    const bell = page.getByRole('button', { name: `Notifications : ${unread} non lues` });
    await expect.poll(() => bell.isVisible()).toBe(true);
    await bell.click();
    await page
      .getByText(/jalon en retard/)
      .first()
      .click();
    await expect
      .poll(() =>
        page
          .getByRole('button', { name: `Notifications : ${unread - 1} non lue${unread - 1 > 1 ? 's' : ''}` })
          .isVisible(),
      )
      .toBe(true);
    expect(
      (
        await t.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NOT NULL`,
          [coordinator.id],
        )
      )[0].n,
    ).toBe(1);
    await context.close();
  });
});
