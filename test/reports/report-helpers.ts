import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { addDays } from '../../src/pilots/pilot-terms';
import { todayInFrance } from '../../src/common/codes';
import { TEST_PASSWORD } from '../factories/users';
import type { HttpClient } from '../support/http-client';
import type { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

/** Downloads bytes with a fresh cookie session of `email` (the JSON client reads bodies as text). */
export async function download(
  t: TestApp,
  email: string,
  path: string,
  password = TEST_PASSWORD,
): Promise<{ status: number; contentType: string; bytes: Buffer }> {
  const login = await fetch(`${t.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'projet-k' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { cookie } });
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

/** Text of every page of a PDF, spaces normalised (French numbers use narrow no-break spaces). */
export async function pdfText(bytes: Buffer): Promise<{ text: string; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    parts.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  const pages = doc.numPages;
  await doc.destroy();
  return {
    text: parts
      .join('\n')
      .replace(/[\u202f\u00a0]/g, ' ')
      .replace(/\s+/g, ' '),
    pages,
  };
}

/**
 * Text runs of a PDF that reach past the right margin (or start left of the left one): what a reader sees cut.
 * The PDF's text layer keeps glyphs that the page clips, so the text alone cannot tell; their boxes can.
 */
export async function pdfTextOutsideMargins(
  bytes: Buffer,
  marginMm = 16,
): Promise<{ page: number; text: string; right: number; limit: number }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const margin = (marginMm / 25.4) * 72;
  const out: { page: number; text: string; right: number; limit: number }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const { width } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    for (const it of content.items) {
      if (!('str' in it) || !it.str.trim()) continue;
      const x = it.transform[4];
      const right = x + it.width;
      // One point of tolerance for glyph side bearings.
      if (right > width - margin + 1 || x < margin - 1)
        out.push({ page: i, text: it.str, right: Math.round(right), limit: Math.round(width - margin) });
    }
  }
  await doc.destroy();
  return out;
}

export async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export const euroText = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
    .format(cents / 100)
    .replace(/[\u202f\u00a0]/g, ' ');

export async function waitForReport(
  http: HttpClient,
  id: string,
  until: (r: Record<string, any>) => boolean = (r) => r.status === 'done' || r.status === 'failed',
  timeoutMs = 90_000,
): Promise<Record<string, any>> {
  return waitFor(
    async () => {
      const r = await http.get(`/api/reports/${id}`);
      return r.status === 200 && until(r.body) ? r.body : undefined;
    },
    timeoutMs,
    150,
  );
}

export function entry(body: Record<string, unknown>) {
  return { headers: { 'idempotency-key': randomUUID() }, body };
}

/**
 * A pilot whose first project year is over, with a realistic year of data: ledger entries (one reversed, one
 * in year 2), actors and contributions, activities, waste tonnages.
 */
export async function seedPilotYear(
  lead: HttpClient,
  opts: { name?: string } = {},
): Promise<{ pilotId: string; startDate: string }> {
  const startDate = addDays(todayInFrance(), -400);
  const res = await lead.post('/api/pilots', {
    name: opts.name ?? `Saint-Genès ${randomUUID().slice(0, 4)}`,
    communes: [{ name: 'Saint-Genès-de-Lombaud', inseeCode: '33406' }],
    inhabitants: 1500,
    startDate,
    waveYear: 2023,
    policies: ['waste_reduction', 'education'],
  });
  if (res.status !== 201) throw new Error(`create pilot failed: ${res.status} ${res.text}`);
  const pilotId: string = res.body.id;
  const d = (days: number) => addDays(startDate, days);
  const post = async (body: Record<string, unknown>) => {
    const r = await lead.post(`/api/pilots/${pilotId}/ledger`, body, { headers: { 'idempotency-key': randomUUID() } });
    if (r.status !== 201) throw new Error(`ledger failed: ${r.status} ${r.text}`);
    return r.body;
  };
  await post({
    type: 'disbursement',
    fund: 'investment',
    year: 1,
    amountCents: 12_000_000,
    date: d(10),
    reference: 'MANDAT-2024-0012',
  });
  await post({
    type: 'disbursement',
    fund: 'operating',
    year: 1,
    amountCents: 3_000_000,
    date: d(10),
    reference: 'MANDAT-2024-0013',
  });
  await post({
    type: 'expense',
    fund: 'investment',
    year: 1,
    amountCents: 4_123_457,
    date: d(40),
    reference: 'FAC-101',
    category: 'equipment',
    supplier: 'Broyeurs du Sud-Ouest',
  });
  await post({
    type: 'expense',
    fund: 'investment',
    year: 1,
    amountCents: 2_000_001,
    date: d(60),
    reference: 'FAC-102',
    category: 'works',
    supplier: 'Menuiserie Lafon',
  });
  await post({
    type: 'expense',
    fund: 'operating',
    year: 1,
    amountCents: 1_234_599,
    date: d(90),
    reference: 'FAC-103',
    category: 'staff',
    supplier: 'Groupement employeurs',
  });
  const wrong = await post({
    type: 'expense',
    fund: 'operating',
    year: 1,
    amountCents: 999_999,
    date: d(95),
    reference: 'FAC-104',
    category: 'services',
    supplier: 'Doublon',
  });
  const rev = await lead.post(
    `/api/pilots/${pilotId}/ledger/${wrong.id}/reversal`,
    { reason: 'Saisie en double' },
    { headers: { 'idempotency-key': randomUUID() } },
  );
  if (rev.status !== 201) throw new Error(`reversal failed: ${rev.status} ${rev.text}`);
  await post({
    type: 'cofinancing',
    year: 1,
    amountCents: 1_000_001,
    date: d(120),
    reference: 'DELIB-2024-07',
    source: 'Commune de Saint-Genès',
    sourceKind: 'commune',
  });
  await post({
    type: 'cofinancing',
    year: 1,
    amountCents: 250_050,
    date: d(150),
    reference: 'SUB-REG-1',
    source: 'Région Nouvelle-Aquitaine',
    sourceKind: 'grant',
  });
  await post({
    type: 'in_kind',
    year: 1,
    amountCents: 333_333,
    date: d(200),
    reference: 'CONV-ASSO',
    source: 'Association Les Trieurs',
    sourceKind: 'other',
  });
  // Year 2 money must not appear in the year-1 statement.
  await post({
    type: 'disbursement',
    fund: 'operating',
    year: 2,
    amountCents: 1_500_000,
    date: d(380),
    reference: 'MANDAT-2025-0001',
  });

  const actor = await lead.post(`/api/pilots/${pilotId}/actors`, {
    name: 'Association Les Trieurs',
    type: 'associative',
  });
  if (actor.status !== 201) throw new Error(`actor failed: ${actor.status} ${actor.text}`);
  await lead.post(`/api/pilots/${pilotId}/actors`, { name: 'École élémentaire', type: 'public' });
  const contribution = await lead.post(`/api/pilots/${pilotId}/contributions`, {
    actorId: actor.body.id,
    kind: 'people',
    description: 'Animation du repair café',
    hours: 120,
    year: 1,
  });
  if (contribution.status !== 201) throw new Error(`contribution failed: ${contribution.status} ${contribution.text}`);
  for (let i = 0; i < 6; i++) {
    const a = await lead.post(`/api/pilots/${pilotId}/activities`, {
      date: d(30 + i * 40),
      title: `Repair café n° ${i + 1}`,
      type: i % 2 === 0 ? 'repair_cafe' : 'workshop',
      policies: ['waste_reduction', ...(i % 3 === 0 ? ['education'] : [])],
      participants: 10 + i,
      volunteers: 3,
      volunteerHours: 9,
      divertedKg: { reuse: 10, repair: 5 },
    });
    if (a.status !== 201) throw new Error(`activity failed: ${a.status} ${a.text}`);
  }
  const baseline = Number(startDate.slice(0, 4)) - 1;
  for (const [year, residual] of [
    [baseline, 330],
    [baseline + 1, 300],
  ] as const) {
    const w = await lead.put(`/api/pilots/${pilotId}/waste/${year}`, {
      population: 1500,
      tonnes: { residual, packaging: 80, glass: 55, biowaste: 20, recyclingCentre: 300, reuse: 5 },
    });
    if (w.status !== 200) throw new Error(`waste failed: ${w.status} ${w.text}`);
  }
  return { pilotId, startDate };
}

/**
 * A pilot whose three operating years are over: money, activities and a contribution in each project year, and
 * waste tonnages from the baseline on. The figures differ year by year, so a table that mixes years shows it.
 */
export async function seedPilotLife(
  lead: HttpClient,
  opts: { name?: string } = {},
): Promise<{ pilotId: string; startDate: string }> {
  const startDate = addDays(todayInFrance(), -3 * 366 - 20);
  const res = await lead.post('/api/pilots', {
    name: opts.name ?? `Créon ${randomUUID().slice(0, 4)}`,
    communes: [{ name: 'Créon', inseeCode: '33143' }],
    inhabitants: 4800,
    startDate,
    waveYear: 2022,
    policies: ['waste_reduction'],
  });
  if (res.status !== 201) throw new Error(`create pilot failed: ${res.status} ${res.text}`);
  const pilotId: string = res.body.id;
  const d = (days: number) => addDays(startDate, days);
  const post = async (body: Record<string, unknown>) => {
    const r = await lead.post(`/api/pilots/${pilotId}/ledger`, body, { headers: { 'idempotency-key': randomUUID() } });
    if (r.status !== 201) throw new Error(`ledger failed: ${r.status} ${r.text}`);
  };
  const actor = await lead.post(`/api/pilots/${pilotId}/actors`, {
    name: 'Recyclerie du Créonnais',
    type: 'associative',
  });
  if (actor.status !== 201) throw new Error(`actor failed: ${actor.status} ${actor.text}`);
  for (const year of [1, 2, 3]) {
    const base = (year - 1) * 365;
    await post({
      type: 'disbursement',
      fund: 'operating',
      year,
      amountCents: 1_000_000 * year + 11,
      date: d(base + 15),
      reference: `MANDAT-${year}`,
    });
    await post({
      type: 'expense',
      fund: 'operating',
      year,
      amountCents: 700_000 * year + 7,
      date: d(base + 45),
      reference: `FAC-${year}`,
      category: 'staff',
      supplier: 'Groupement employeurs',
    });
    await post({
      type: 'cofinancing',
      year,
      amountCents: 300_000 * year + 3,
      date: d(base + 60),
      reference: `DELIB-${year}`,
      source: 'Commune de Créon',
      sourceKind: 'commune',
    });
    const c = await lead.post(`/api/pilots/${pilotId}/contributions`, {
      actorId: actor.body.id,
      kind: 'people',
      description: `Permanences de l'année ${year}`,
      hours: 40 * year,
      year,
    });
    if (c.status !== 201) throw new Error(`contribution failed: ${c.status} ${c.text}`);
    for (let i = 0; i < year + 1; i++) {
      const a = await lead.post(`/api/pilots/${pilotId}/activities`, {
        date: d(base + 30 + i * 20),
        title: `Atelier compostage ${year}.${i + 1}`,
        type: 'workshop',
        policies: ['waste_reduction'],
        participants: 10 * year + i,
        volunteers: 2,
        volunteerHours: 4,
      });
      if (a.status !== 201) throw new Error(`activity failed: ${a.status} ${a.text}`);
    }
  }
  const baseline = Number(startDate.slice(0, 4)) - 1;
  for (let i = 0; i <= 3; i++) {
    const w = await lead.put(`/api/pilots/${pilotId}/waste/${baseline + i}`, {
      population: 4800,
      tonnes: {
        residual: 1100 - 60 * i,
        packaging: 250,
        glass: 180,
        biowaste: 40 + 10 * i,
        recyclingCentre: 900,
        reuse: 10,
      },
    });
    if (w.status !== 200) throw new Error(`waste failed: ${w.status} ${w.text}`);
  }
  return { pilotId, startDate };
}
