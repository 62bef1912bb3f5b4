import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES_FR } from '../../src/common/errors/messages.fr';
import { todayInFrance } from '../../src/common/codes';
import { addDays } from '../../src/pilots/pilot-terms';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';
import { createPilot, disbursement, expense, fetchBytes, postEntry } from './funding-helpers';

/** The pilot starts on 2023-11-15: year 1 runs to 2024-11-14, year 2 to 2025-11-14, year 3 to 2026-11-14. */
describe('ledger: the project year follows the date', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinator: SignedIn;
  let pilotId: string;

  const count = async (id = pilotId) =>
    (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_entries WHERE pilot_id = $1`, [id]))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    pilotId = await createPilot(lead.http, { inhabitants: 1500, startDate: '2023-11-15' });
    const u = await insertUser(t, 'coordinator');
    await addMember(lead.http, pilotId, u.id, 'coordinator');
    coordinator = await signInAs(t, u.email);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('derives an omitted year from the date: year of the date, 1 before the start, 1 for an investment disbursement', async () => {
    const noYear = (body: Record<string, unknown>) => {
      const { year: _omitted, ...rest } = body;
      return rest;
    };
    const y2 = await postEntry(coordinator.http, pilotId, noYear(expense('operating', 1, 100, { date: '2024-12-01' })));
    expect(y2.status, y2.text).toBe(201);
    expect(y2.body.year).toBe(2);
    const lastDayOfY1 = await postEntry(
      lead.http,
      pilotId,
      noYear(expense('operating', 1, 101, { date: '2024-11-14' })),
    );
    expect(lastDayOfY1.body.year).toBe(1);
    const before = await postEntry(coordinator.http, pilotId, {
      type: 'cofinancing',
      amountCents: 500,
      date: '2023-06-01',
      reference: 'DELIB-PREP',
      source: 'Commune',
      sourceKind: 'commune',
    });
    expect(before.status, before.text).toBe(201);
    expect(before.body.year).toBe(1);
    const op = await postEntry(lead.http, pilotId, noYear(disbursement('operating', 1, 100, { date: '2025-01-10' })));
    expect(op.body).toMatchObject({ year: 2, fund: 'operating' });
    const inv = await postEntry(lead.http, pilotId, noYear(disbursement('investment', 1, 100, { date: '2025-01-10' })));
    expect(inv.body).toMatchObject({ year: 1, fund: 'investment' });
  });

  it('books an expense dated today in today’s project year by default', async () => {
    const today = todayInFrance();
    const recent = await createPilot(lead.http, { startDate: addDays(today, -400) });
    const { year: _omitted, ...body } = expense('operating', 1, 4_200, { date: today });
    const res = await postEntry(lead.http, recent, body);
    expect(res.status, res.text).toBe(201);
    expect(res.body.year).toBe(2);
  });

  it('refuses an expense, co-financing or in-kind year that contradicts the date with 422, writing nothing', async () => {
    const bodies = [
      expense('operating', 1, 300, { date: '2024-12-01' }),
      expense('investment', 2, 300, { date: '2024-02-01' }),
      {
        type: 'in_kind',
        year: 3,
        amountCents: 300,
        date: '2024-03-01',
        reference: 'NAT-X',
        source: 'Association',
      },
    ];
    for (const [who, http] of [
      ['lead', lead.http],
      ['coordinator', coordinator.http],
    ] as const) {
      for (const body of bodies) {
        const before = await count();
        const res = await postEntry(http, pilotId, body);
        expect(res.status, `${who} ${res.text}`).toBe(422);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.body).toMatchObject({
          code: 'year_contradicts_date',
          detail: ERROR_MESSAGES_FR.year_contradicts_date,
        });
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'year', code: 'year_contradicts_date' })]);
        expect(await count()).toBe(before);
      }
    }
    const refused = await t.sql(
      `SELECT after FROM audit_log WHERE action = 'ledger.create.refused' AND pilot_id = $1`,
      [pilotId],
    );
    expect(refused.filter((r) => (r.after as { code: string }).code === 'year_contradicts_date')).toHaveLength(6);
  });

  it('accepts the lead’s deliberate attribution with a reason: stored, returned, audited and exported', async () => {
    const reason = 'Facture de l’an 1 reçue en retard';
    const before = await count();
    const res = await postEntry(
      lead.http,
      pilotId,
      expense('operating', 1, 7_700, { date: '2024-12-01', reference: 'FAC-LATE', attributionReason: ` ${reason} ` }),
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ year: 1, date: '2024-12-01', attributionReason: reason });
    expect(await count()).toBe(before + 1);
    const [row] = await t.sql<{ year: number; attribution_reason: string }>(
      `SELECT year, attribution_reason FROM ledger_entries WHERE id = $1`,
      [res.body.id],
    );
    expect(row).toEqual({ year: 1, attribution_reason: reason });
    const [audit] = await t.sql<{ after: { attributionReason: string; year: number } }>(
      `SELECT after FROM audit_log WHERE action = 'ledger.create' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit.after).toMatchObject({ attributionReason: reason, year: 1 });
    const listed = await lead.http.get(`/api/pilots/${pilotId}/ledger?type=expense`);
    expect(listed.body.items.find((e: { id: string }) => e.id === res.body.id).attributionReason).toBe(reason);
    // Entries booked in their date's year carry none.
    expect(
      listed.body.items
        .filter((e: { id: string }) => e.id !== res.body.id)
        .map((e: { attributionReason: string | null }) => e.attributionReason),
    ).not.toContain(reason);

    const csv = await lead.http.get(`/api/pilots/${pilotId}/ledger?format=csv&type=expense`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Motif de l’attribution à une autre année');
    expect(csv.text).toContain(reason);
    const raw = await fetchBytes(t, lead.user.email, `/api/pilots/${pilotId}/ledger?format=xlsx&type=expense`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw.bytes);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const col = header.indexOf('Motif de l’attribution à une autre année');
    expect(col).toBeGreaterThan(0);
    const cells: string[] = [];
    ws.eachRow((r) => cells.push(String(r.getCell(col).value ?? '')));
    expect(cells).toContain(reason);
  });

  it('refuses attributionReason from a coordinator with 403 attribution_forbidden, writing nothing', async () => {
    const before = await count();
    const res = await postEntry(
      coordinator.http,
      pilotId,
      expense('operating', 1, 300, { date: '2024-12-01', attributionReason: 'Facture de l’an 1' }),
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      code: 'attribution_forbidden',
      detail: ERROR_MESSAGES_FR.attribution_forbidden,
    });
    // Even with the date's own year: the reason is the lead's to give.
    const same = await postEntry(
      coordinator.http,
      pilotId,
      expense('operating', 2, 300, { date: '2024-12-01', attributionReason: 'Facture de l’an 2' }),
    );
    expect(same.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('validates attributionReason: 1 to 500 characters, only with a year other than the date’s (400, writing nothing)', async () => {
    const before = await count();
    for (const [body, field] of [
      [expense('operating', 1, 300, { date: '2024-12-01', attributionReason: '   ' }), 'attributionReason'],
      [expense('operating', 1, 300, { date: '2024-12-01', attributionReason: 'x'.repeat(501) }), 'attributionReason'],
      [expense('operating', 2, 300, { date: '2024-12-01', attributionReason: 'Même année' }), 'attributionReason'],
      [disbursement('operating', 2, 300, { attributionReason: 'Versement anticipé' }), 'attributionReason'],
    ] as const) {
      const res = await postEntry(lead.http, pilotId, body);
      expect(res.status, res.text).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('lets a disbursement be an instalment of another year than its payment date (year 2 paid early)', async () => {
    const p = await createPilot(lead.http, { inhabitants: 1500, startDate: '2023-11-15' });
    const early = await postEntry(lead.http, p, disbursement('operating', 2, 10_000_00, { date: '2024-06-01' }));
    expect(early.status, early.text).toBe(201);
    expect(early.body).toMatchObject({ year: 2, date: '2024-06-01', attributionReason: null });
  });

  it('applies no contradiction rule before the pilot has a start date (every entry is year 1 by default)', async () => {
    const p = await createPilot(lead.http, { startDate: null });
    const res = await postEntry(lead.http, p, {
      type: 'cofinancing',
      amountCents: 500,
      date: '2024-06-01',
      reference: 'DELIB-1',
      source: 'Commune',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.year).toBe(1);
    const explicit = await postEntry(lead.http, p, {
      type: 'in_kind',
      year: 2,
      amountCents: 500,
      date: '2024-06-01',
      reference: 'NAT-1',
      source: 'Association',
    });
    expect(explicit.status, explicit.text).toBe(201);
  });
});
