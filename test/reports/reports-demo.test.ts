import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/demo.seed';
import { createTestApp, TestApp } from '../support/test-app';

describe('reports demo seeder', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("issues the demo pilot's year-1 report for ADEME, produced without the queue", async () => {
    await seedDemo(t.app);
    const [pilot] = await t.sql<{ id: string }>(
      `SELECT id FROM pilots WHERE start_date IS NOT NULL ORDER BY created_at LIMIT 1`,
    );
    expect(pilot).toBeDefined();
    const rows = await t.sql<{ status: string; issued_at: Date | null; year: number; audience: string }>(
      `SELECT status, issued_at, year, audience FROM reports WHERE pilot_id = $1`,
      [pilot.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'done', year: 1, audience: 'ademe' });
    expect(rows[0].issued_at).not.toBeNull();
    expect(
      await t.sql(`SELECT format FROM report_files r JOIN reports p ON p.id = r.report_id WHERE p.pilot_id = $1`, [
        pilot.id,
      ]),
    ).toHaveLength(3);
  }, 120_000);
});
