import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPilot, logActivity } from '../factories/pilots';
import { signIn, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

describe('global search: activity titles folded once, at each write', () => {
  let t: TestApp;
  let lead: SignedIn;
  let pilot: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    pilot = await createPilot(lead.http, { name: 'Loupes — village', communes: [{ name: 'Loupes' }] });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const titlesFound = async (q: string) => {
    const res = await lead.http.get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status, res.text).toBe(200);
    return res.body.activities.map((a: any) => a.title);
  };

  it('finds a title written through the API, and its new wording once it is edited, never the old one', async () => {
    const a = await logActivity(lead.http, pilot.id, { title: 'Fête des Récoltes à l’Écomusée' });
    expect(await titlesFound('fete des recoltes a l’ecomusee')).toEqual(['Fête des Récoltes à l’Écomusée']);
    expect(await titlesFound("FÊTE DES RÉCOLTES A L'ECOMUSEE")).toEqual(['Fête des Récoltes à l’Écomusée']);
    const edited = await lead.http.patch(`/api/pilots/${pilot.id}/activities/${a.id}`, {
      title: 'Troc de plantes Œillets',
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).not.toHaveProperty('titleFolded');
    expect(await titlesFound('recoltes')).toEqual([]);
    expect(await titlesFound('troc de plantes oeillets')).toEqual(['Troc de plantes Œillets']);
  });

  it('keeps the folded title equal to the title whatever writes the row, a direct write to it included', async () => {
    await t.sql(
      `INSERT INTO activities (pilot_id, date, title, type, policies, participants)
       VALUES ($1, current_date - 1, 'Réparation de VÉLOS', 'repair_cafe', ARRAY['waste_reduction'], 4)`,
      [pilot.id],
    );
    await t.sql(`UPDATE activities SET title_folded = 'autre chose' WHERE title = 'Réparation de VÉLOS'`);
    const rows = await t.sql<{ same: boolean }>(
      `SELECT bool_and(title_folded = search_fold(title)) AS same FROM activities`,
    );
    expect(rows[0].same).toBe(true);
    expect(await titlesFound('reparation de velos')).toEqual(['Réparation de VÉLOS']);
    expect(await titlesFound('autre chose')).toEqual([]);
  });
});
