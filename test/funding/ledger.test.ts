import ExcelJS from 'exceljs';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import type { HttpClient, HttpResponse } from '../support/http-client';
import { VALID_PDF, VALID_PNG } from '../support/files';
import { createTestApp, TestApp } from '../support/test-app';
import { createPilot, disbursement, expense, fetchBytes, postEntry, reverseEntry } from './funding-helpers';

const PNG = VALID_PNG;
/** Enough CSV for our export: quoted fields with doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') endCell();
    else if (c === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

const PDF = VALID_PDF;

describe('funding ledger', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinator: SignedIn;
  let reviewer: SignedIn;
  let outsider: SignedIn;
  let pilotId: string;
  let otherPilotId: string;

  async function member(role: 'coordinator' | 'reviewer', pilot: string): Promise<SignedIn> {
    const u = await insertUser(t, role);
    await addMember(lead.http, pilot, u.id, role);
    return signInAs(t, u.email);
  }

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    pilotId = await createPilot(lead.http, { inhabitants: 1500, startDate: '2023-11-15' });
    otherPilotId = await createPilot(lead.http, { inhabitants: 900, startDate: '2024-03-01' });
    coordinator = await member('coordinator', pilotId);
    reviewer = await member('reviewer', pilotId);
    outsider = await member('coordinator', otherPilotId);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A pilot of its own with every kind of entry, one of them reversed, for the tests that read a whole ledger. */
  async function pilotWithEntries(): Promise<string> {
    const id = await createPilot(lead.http, { inhabitants: 1500, startDate: '2023-11-15' });
    const ok = (r: HttpResponse) => {
      if (r.status !== 201) throw new Error(`entry refused: ${r.status} ${r.text}`);
      return r;
    };
    ok(await postEntry(lead.http, id, disbursement('investment', 1, 120_000_00)));
    ok(await postEntry(lead.http, id, disbursement('operating', 1, 30_000_00)));
    const wrong = ok(await postEntry(lead.http, id, disbursement('operating', 2, 30_000_00)));
    ok(await reverseEntry(lead.http, id, wrong.body.id, 'Mauvais RIB'));
    ok(await postEntry(lead.http, id, expense('investment', 1, 45_678_90)));
    ok(await postEntry(lead.http, id, expense('operating', 1, 12_345_67, { category: 'staff' })));
    ok(
      await postEntry(lead.http, id, {
        type: 'cofinancing',
        year: 1,
        amountCents: 8_000_00,
        date: '2024-03-01',
        reference: 'SUB-01',
        source: 'Conseil départemental',
      }),
    );
    ok(
      await postEntry(lead.http, id, {
        type: 'in_kind',
        year: 1,
        amountCents: 2_500_00,
        date: '2024-03-05',
        reference: 'NAT-01',
        source: 'Association Les Jardins',
      }),
    );
    return id;
  }

  const funding = async (http: HttpClient = lead.http, id = pilotId) => {
    const res = await http.get(`/api/pilots/${id}/funding`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('shows the entitlements of 1500 inhabitants: 150 000 € in year 1, 210 000 € over three years', async () => {
    const f = await funding();
    expect(f.inhabitants).toBe(1500);
    expect(
      f.entitlements.map((e: { fund: string; year: number; amountCents: number }) => [e.fund, e.year, e.amountCents]),
    ).toEqual([
      ['investment', 1, 120_000_00],
      ['operating', 1, 30_000_00],
      ['operating', 2, 30_000_00],
      ['operating', 3, 30_000_00],
    ]);
    expect(f.balances.investment).toMatchObject({
      entitledCents: 120_000_00,
      disbursedCents: 0,
      spentCents: 0,
      availableCents: 0,
    });
    expect(f.totals.entitledCents).toBe(210_000_00);
    expect(f.years.map((y: { autonomyRatio: number | null }) => y.autonomyRatio)).toEqual([null, null, null]);
    expect(f.schedule[0]).toMatchObject({
      fund: 'investment',
      year: 1,
      dueDate: '2023-11-15',
      status: 'overdue',
      remainingCents: 120_000_00,
    });
  });

  it('records each entry type and moves the balances and the autonomy ratio', async () => {
    const d1 = await postEntry(lead.http, pilotId, disbursement('investment', 1, 120_000_00));
    expect(d1.status).toBe(201);
    expect(d1.body).toMatchObject({
      type: 'disbursement',
      fund: 'investment',
      year: 1,
      amountCents: 120_000_00,
      signedCents: 120_000_00,
      seq: expect.any(Number),
    });
    expect((await postEntry(lead.http, pilotId, disbursement('operating', 1, 30_000_00))).status).toBe(201);
    const x = await postEntry(coordinator.http, pilotId, expense('investment', 1, 45_000_00, { category: 'works' }));
    expect(x.status).toBe(201);
    expect(x.body).toMatchObject({
      signedCents: -45_000_00,
      category: 'works',
      createdBy: { id: coordinator.user.id },
    });
    const c = await postEntry(coordinator.http, pilotId, {
      type: 'cofinancing',
      year: 1,
      amountCents: 6_000_00,
      date: '2024-03-01',
      reference: 'DELIB-2024-03',
      source: 'Budget communal',
      sourceKind: 'commune',
    });
    expect(c.status).toBe(201);
    const k = await postEntry(coordinator.http, pilotId, {
      type: 'in_kind',
      year: 1,
      amountCents: 4_000_00,
      date: '2024-04-01',
      reference: 'CONV-PRET-LOCAL',
      source: 'Prêt de la salle des fêtes',
      sourceKind: 'other',
      description: '20 demi-journées',
    });
    expect(k.status).toBe(201);

    const f = await funding(reviewer.http);
    expect(f.balances.investment).toEqual({
      entitledCents: 120_000_00,
      disbursedCents: 120_000_00,
      spentCents: 45_000_00,
      availableCents: 75_000_00,
      toDisburseCents: 0,
      advancedCents: 0,
    });
    expect(f.balances.operating).toMatchObject({ entitledCents: 90_000_00, disbursedCents: 30_000_00, spentCents: 0 });
    expect(f.years[0]).toMatchObject({
      year: 1,
      operatingResourcesCents: 40_000_00,
      smicvalOperatingCents: 30_000_00,
      autonomyRatio: 0.25,
    });
    expect(f.schedule.find((s: { fund: string; year: number }) => s.fund === 'investment')).toMatchObject({
      status: 'paid',
      paidCents: 120_000_00,
    });
    // Every entry is in the audit trail.
    const audited = await t.sql(`SELECT entity_id FROM audit_log WHERE action = 'ledger.create' AND pilot_id = $1`, [
      pilotId,
    ]);
    expect(audited.length).toBe(5);
  });

  it('refuses a disbursement above what is left of its fund-year with 409 over_entitlement, writing nothing', async () => {
    const before = await t.sql(`SELECT count(*)::int AS n FROM ledger_entries`);
    const res = await postEntry(lead.http, pilotId, disbursement('investment', 1, 1));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('over_entitlement');
    expect(await t.sql(`SELECT count(*)::int AS n FROM ledger_entries`)).toEqual(before);
    const refused = await t.sql(
      `SELECT after FROM audit_log WHERE action = 'ledger.create.refused' AND pilot_id = $1`,
      [pilotId],
    );
    expect(refused.some((r) => (r.after as { code: string }).code === 'over_entitlement')).toBe(true);
  });

  it('lets expenses exceed disbursements (an advance) and shows it in the balance', async () => {
    const res = await postEntry(
      lead.http,
      pilotId,
      expense('operating', 2, 12_000_00, { category: 'staff', supplier: 'Association Recyclerie', date: '2024-12-01' }),
    );
    expect(res.status).toBe(201);
    const f = await funding();
    expect(f.balances.operating).toMatchObject({
      disbursedCents: 30_000_00,
      spentCents: 12_000_00,
      availableCents: 18_000_00,
    });
    const y2 = await postEntry(
      lead.http,
      pilotId,
      expense('operating', 2, 20_000_00, { category: 'services', date: '2024-12-02' }),
    );
    expect(y2.status).toBe(201);
    expect((await funding()).balances.operating).toMatchObject({ availableCents: -2_000_00, advancedCents: 2_000_00 });
  });

  it('reverses an entry once, never a reversal, and frees the entitlement', async () => {
    const d = await postEntry(lead.http, pilotId, disbursement('operating', 2, 30_000_00));
    expect(d.status).toBe(201);
    expect((await postEntry(lead.http, pilotId, disbursement('operating', 2, 1))).body.code).toBe('over_entitlement');
    const r = await reverseEntry(lead.http, pilotId, d.body.id, 'Mauvais RIB');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      type: 'reversal',
      reversesEntryId: d.body.id,
      reversesSeq: d.body.seq,
      amountCents: 30_000_00,
      signedCents: -30_000_00,
      reason: 'Mauvais RIB',
    });
    const again = await reverseEntry(lead.http, pilotId, d.body.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_reversed');
    const ofReversal = await reverseEntry(lead.http, pilotId, r.body.id);
    expect(ofReversal.status).toBe(409);
    expect(ofReversal.body.code).toBe('reversal_not_reversible');
    expect((await funding()).balances.operating.disbursedCents).toBe(30_000_00);
    expect((await postEntry(lead.http, pilotId, disbursement('operating', 2, 30_000_00))).status).toBe(201);
    const list = await lead.http.get(`/api/pilots/${pilotId}/ledger?type=disbursement&year=2`);
    expect(list.body.items.map((e: { reversedByEntryId: string | null }) => e.reversedByEntryId !== null)).toEqual([
      false,
      true,
    ]);
  });

  it('follows an amendment effective before a due date, without touching payments already made', async () => {
    const p = await createPilot(lead.http, { inhabitants: 1000, startDate: '2023-11-15' });
    expect(
      (await postEntry(lead.http, p, disbursement('operating', 2, 20_000_00, { date: '2024-11-20' }))).status,
    ).toBe(201);
    const am = await lead.http.post(`/api/pilots/${p}/amendments`, {
      inhabitants: 800,
      effectiveDate: '2024-06-01',
      reason: 'Avenant n°1 : recensement',
    });
    expect(am.status).toBe(201);
    const f = await funding(lead.http, p);
    const line = (fund: string, year: number) =>
      f.entitlements.find((e: { fund: string; year: number }) => e.fund === fund && e.year === year);
    expect(line('investment', 1)).toMatchObject({ inhabitants: 1000, amountCents: 80_000_00 });
    expect(line('operating', 2)).toMatchObject({ inhabitants: 800, formulaCents: 16_000_00, amountCents: 20_000_00 });
    expect(line('operating', 3)).toMatchObject({ inhabitants: 800, amountCents: 16_000_00 });
    expect(f.inhabitants).toBe(800);
    expect((await postEntry(lead.http, p, disbursement('operating', 3, 16_000_01))).body.code).toBe('over_entitlement');
    expect((await postEntry(lead.http, p, disbursement('operating', 3, 16_000_00))).status).toBe(201);
  });

  it('validates input: bad amounts, dates, years, fields per type, unknown fields', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [disbursement('operating', 1, -5), 'amountCents'],
      [disbursement('operating', 1, 0), 'amountCents'],
      [disbursement('operating', 1, 10.5), 'amountCents'],
      [disbursement('operating', 1, 1e15), 'amountCents'],
      [disbursement('operating', 1, 100, { date: '2099-01-01' }), 'date'],
      [disbursement('operating', 1, 100, { date: '2020-01-01' }), 'date'],
      [disbursement('operating', 1, 100, { date: '2024-02-30' }), 'date'],
      [disbursement('operating', 1, 100, { date: 'hier' }), 'date'],
      [disbursement('investment', 2, 100), 'year'],
      [disbursement('operating', 4, 100), 'year'],
      [disbursement('operating', 0, 100), 'year'],
      [{ ...disbursement('operating', 1, 100), fund: undefined }, 'fund'],
      [disbursement('operating', 1, 100, { fund: 'savings' }), 'fund'],
      [disbursement('operating', 1, 100, { category: 'works' }), 'category'],
      [expense('operating', 1, 100, { category: 'party' }), 'category'],
      [{ ...expense('operating', 1, 100), supplier: undefined }, 'supplier'],
      [{ type: 'cofinancing', year: 1, amountCents: 100, date: '2024-01-01', reference: 'x' }, 'source'],
      [
        {
          type: 'cofinancing',
          fund: 'operating',
          year: 1,
          amountCents: 100,
          date: '2024-01-01',
          reference: 'x',
          source: 'Région',
        },
        'fund',
      ],
      [
        {
          type: 'in_kind',
          year: 1,
          amountCents: 100,
          date: '2024-01-01',
          reference: 'x',
          source: 'Asso',
          sourceKind: 'actor',
        },
        'actorId',
      ],
      [{ type: 'reversal', year: 1, amountCents: 100, date: '2024-01-01', reference: 'x' }, 'type'],
      [disbursement('operating', 1, 100, { reference: '   ' }), 'reference'],
      [disbursement('operating', 1, 100, { hacker: true }), 'hacker'],
    ];
    const before = await t.sql(`SELECT count(*)::int AS n FROM ledger_entries`);
    for (const [body, field] of cases) {
      const res = await postEntry(lead.http, pilotId, body);
      expect(res.status, `${JSON.stringify(body)} → ${res.text}`).toBe(400);
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect(await t.sql(`SELECT count(*)::int AS n FROM ledger_entries`)).toEqual(before);
  });

  it('requires an Idempotency-Key, replays the same request and refuses the key for another body', async () => {
    const noKey = await lead.http.post(`/api/pilots/${pilotId}/ledger`, expense('operating', 1, 100));
    expect(noKey.status).toBe(400);
    expect(noKey.body.code).toBe('idempotency_key_required');
    const key = randomUUID();
    const body = expense('operating', 3, 1_234_56, { date: '2025-12-01' });
    const first = await postEntry(lead.http, pilotId, body, key);
    const second = await postEntry(lead.http, pilotId, body, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await t.sql(`SELECT id FROM ledger_entries WHERE amount_cents = 123456`)).toHaveLength(1);
    const other = await postEntry(lead.http, pilotId, { ...body, amountCents: 999 }, key);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('idempotency_key_reused');
    // Keys are per user: the coordinator may use the same key for their own submission.
    expect((await postEntry(coordinator.http, pilotId, body, key)).status).toBe(201);
  });

  it('enforces roles and scope: coordinators record expenses but no disbursement or reversal; reviewers only read; others get 404', async () => {
    const d = await postEntry(coordinator.http, pilotId, disbursement('operating', 3, 100));
    expect(d.status).toBe(403);
    const list = await coordinator.http.get(`/api/pilots/${pilotId}/ledger`);
    const target = list.body.items.find((e: { type: string }) => e.type === 'expense');
    expect((await reverseEntry(coordinator.http, pilotId, target.id)).status).toBe(403);
    expect((await postEntry(reviewer.http, pilotId, expense('operating', 1, 100))).status).toBe(403);
    expect((await reviewer.http.get(`/api/pilots/${pilotId}/ledger`)).status).toBe(200);
    expect((await outsider.http.get(`/api/pilots/${pilotId}/funding`)).status).toBe(404);
    expect((await outsider.http.get(`/api/pilots/${pilotId}/ledger`)).status).toBe(404);
    expect((await postEntry(outsider.http, pilotId, expense('operating', 1, 100))).status).toBe(404);
    // An entry of this pilot is unknown under another pilot's id, even for the lead.
    expect((await reverseEntry(lead.http, otherPilotId, target.id)).status).toBe(404);
    expect((await lead.http.get(`/api/pilots/${otherPilotId}/ledger/${target.id}/receipt`)).status).toBe(404);
    expect((await lead.http.get(`/api/pilots/${randomUUID()}/funding`)).status).toBe(404);
  });

  it('refuses disbursements to a pilot without a start date', async () => {
    const p = await createPilot(lead.http, { startDate: null });
    const res = await postEntry(lead.http, p, disbursement('investment', 1, 100));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('pilot_not_started');
    expect((await funding(lead.http, p)).entitlements[0]).toMatchObject({ dueDate: null, amountCents: 120_000_00 });
  });

  it('accepts an actor of this pilot only as a co-financing source', async () => {
    const [actor] = await t.sql<{ id: string }>(
      `INSERT INTO actors (pilot_id, name, type) VALUES ($1, 'Recyclerie du Brannais', 'associative') RETURNING id`,
      [otherPilotId],
    );
    const body = {
      type: 'cofinancing',
      year: 1,
      amountCents: 500_00,
      date: '2024-05-01',
      reference: 'DON-1',
      source: 'Recyclerie',
      sourceKind: 'actor',
      actorId: actor.id,
    };
    const res = await postEntry(lead.http, pilotId, body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('actor_not_in_pilot');
    const [own] = await t.sql<{ id: string }>(
      `INSERT INTO actors (pilot_id, name, type) VALUES ($1, 'Recyclerie locale', 'associative') RETURNING id`,
      [pilotId],
    );
    const ok = await postEntry(lead.http, pilotId, { ...body, actorId: own.id });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ sourceKind: 'actor', actorId: own.id });
  });

  it('stores receipts with their sha256, checks the type from the bytes and serves them within the pilot only', async () => {
    const x = await postEntry(
      coordinator.http,
      pilotId,
      expense('operating', 1, 250_00, { category: 'communication', supplier: 'Imprimerie' }),
    );
    const url = `/api/pilots/${pilotId}/ledger/${x.body.id}/receipt`;
    expect((await lead.http.get(url)).status).toBe(404);
    const fake = await coordinator.http.post(url, {
      filename: 'facture.pdf',
      contentBase64: Buffer.from('MZ this is an exe').toString('base64'),
    });
    expect(fake.status).toBe(415);
    expect(fake.body.code).toBe('receipt_type_not_allowed');
    const up = await coordinator.http.post(url, {
      filename: '../../etc/facture.pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(up.status).toBe(201);
    expect(up.body.receipt).toMatchObject({
      filename: 'facture.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const again = await coordinator.http.post(url, { filename: 'autre.png', contentBase64: PNG.toString('base64') });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('receipt_exists');
    expect((await fetch(`${t.baseUrl}${url}`)).status).toBe(401);
    const viaReviewer = await reviewer.http.get(url);
    expect(viaReviewer.status).toBe(200);
    expect(viaReviewer.headers.get('content-type')).toBe('application/pdf');
    expect(viaReviewer.headers.get('content-disposition')).toBe('attachment; filename="facture.pdf"');
    expect(viaReviewer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(viaReviewer.text).toBe(PDF.toString('latin1'));
    expect((await outsider.http.get(url)).status).toBe(404);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0);
    PNG.copy(big);
    const y = await postEntry(lead.http, pilotId, expense('operating', 1, 100));
    const tooBig = await lead.http.post(`/api/pilots/${pilotId}/ledger/${y.body.id}/receipt`, {
      filename: 'gros.png',
      contentBase64: big.toString('base64'),
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('receipt_too_large');
  });

  it('exports CSV and XLSX an accountant can reconcile: one row per entry, reversals linked, totals', async () => {
    const pilotId = await pilotWithEntries();
    const csv = await lead.http.get(`/api/pilots/${pilotId}/ledger?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const [header, ...rows] = parseCsv(csv.text.replace(/^\uFEFF/, ''));
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_entries WHERE pilot_id = $1`, [
      pilotId,
    ]);
    const entryRows = rows.filter((r) => /^\d+$/.test(r[0]));
    const totalRows = rows.filter((r) => !/^\d+$/.test(r[0]));
    expect(entryRows).toHaveLength(n);
    expect(header).toContain('Annule l’écriture N°');
    const col = (name: string) => header.indexOf(name);
    const reversal = entryRows.find((r) => r[col('Type')] === 'Annulation')!;
    expect(reversal[col('Motif d’annulation')]).toBe('Mauvais RIB');
    const target = entryRows.find((r) => r[col('N° écriture')] === reversal[col('Annule l’écriture N°')])!;
    expect(target[col('Annulée par l’écriture N°')]).toBe(reversal[col('N° écriture')]);
    // Each entry is either an inflow or an outflow; the columns add up to the totals; the per-type totals match the balances.
    const cents = (v: string) => Math.round(Number((v || '0').replace(',', '.')) * 100);
    expect(entryRows.every((r) => (r[col('Entrée (€)')] === '') !== (r[col('Sortie (€)')] === ''))).toBe(true);
    const sumIn = entryRows.reduce((s, r) => s + cents(r[col('Entrée (€)')]), 0);
    const sumOut = entryRows.reduce((s, r) => s + cents(r[col('Sortie (€)')]), 0);
    const columnsTotal = totalRows.find((r) => r[0].startsWith('Total des colonnes'))!;
    expect([cents(columnsTotal[col('Entrée (€)')]), cents(columnsTotal[col('Sortie (€)')])]).toEqual([sumIn, sumOut]);
    const balance = totalRows.find((r) => r[0].startsWith('Solde'))!;
    expect(cents(balance[col('Entrée (€)')]) - cents(balance[col('Sortie (€)')])).toBe(sumIn - sumOut);
    expect(rows.flat().some((c) => c.startsWith("'-"))).toBe(false);
    const f = await funding(lead.http, pilotId);
    const disbTotal = totalRows.find((r) => r[0].startsWith('Total Versement Smicval'))!;
    expect(cents(disbTotal[col('Montant (€)')])).toBe(f.totals.disbursedCents);
    const expTotal = totalRows.find((r) => r[0].startsWith('Total Dépense'))!;
    expect(cents(expTotal[col('Montant (€)')])).toBe(f.totals.spentCents);

    expect((await fetch(`${t.baseUrl}/api/pilots/${pilotId}/ledger?format=xlsx`)).status).toBe(401);
    const raw = await fetchBytes(t, lead.user.email, `/api/pilots/${pilotId}/ledger?format=xlsx&type=expense`);
    expect(raw.contentType).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw.bytes);
    const ws = wb.worksheets[0];
    const [{ e }] = await t.sql<{ e: number }>(
      `SELECT count(*)::int AS e FROM ledger_entries WHERE pilot_id = $1 AND type = 'expense'`,
      [pilotId],
    );
    expect(ws.rowCount).toBe(1 + e + 3);
  });

  it('lists with filters and pages with a cursor', async () => {
    const pilotId = await pilotWithEntries();
    const page1 = await lead.http.get(`/api/pilots/${pilotId}/ledger?limit=3`);
    expect(page1.body.items).toHaveLength(3);
    const page2 = await lead.http.get(`/api/pilots/${pilotId}/ledger?limit=3&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0].seq).toBeLessThan(page1.body.items[2].seq);
    const inv = await lead.http.get(`/api/pilots/${pilotId}/ledger?fund=investment`);
    expect(inv.body.items.every((e: { fund: string }) => e.fund === 'investment')).toBe(true);
    expect((await lead.http.get(`/api/pilots/${pilotId}/ledger?type=gift`)).status).toBe(400);
    expect((await lead.http.get(`/api/pilots/${pilotId}/ledger?year=0`)).status).toBe(400);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on entries and receipts at the database, for every role', async () => {
    for (const sql of [
      `UPDATE ledger_entries SET amount_cents = 1`,
      `DELETE FROM ledger_entries`,
      `TRUNCATE ledger_entries CASCADE`,
      `UPDATE ledger_receipts SET filename = 'x'`,
      `DELETE FROM ledger_receipts`,
    ]) {
      await expect(t.sql(sql), sql).rejects.toThrow(/append-only/);
    }
    // The application's own connection (the application role) has no UPDATE/DELETE there at all.
    const { DataSource } = await import('typeorm');
    const ds = t.app.get(DataSource);
    await expect(ds.query(`UPDATE ledger_entries SET reference = 'falsifié'`)).rejects.toThrow(/permission denied/);
    await expect(ds.query(`DELETE FROM ledger_entries WHERE type = 'expense'`)).rejects.toThrow(/permission denied/);
  });
});
