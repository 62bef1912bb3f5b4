import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD } from '../factories/users';
import type { TestApp } from '../support/test-app';
import type { HttpClient, HttpResponse } from '../support/http-client';

export type PilotInput = { inhabitants?: number; startDate?: string | null; operatingYears?: number; name?: string };

/** Creates a pilot through the API as the lead would (POST /api/pilots). */
export async function createPilot(lead: HttpClient, input: PilotInput = {}): Promise<string> {
  const res = await lead.post('/api/pilots', {
    name: input.name ?? `Pilote ${randomUUID().slice(0, 6)}`,
    communes: [{ name: 'Saint-Genès-de-Lombaud' }],
    inhabitants: input.inhabitants ?? 1500,
    startDate: input.startDate === undefined ? '2023-11-15' : input.startDate,
    ...(input.operatingYears ? { operatingYears: input.operatingYears } : {}),
  });
  if (res.status !== 201) throw new Error(`create pilot failed: ${res.status} ${res.text}`);
  return res.body.id;
}

export type EntryBody = Record<string, unknown>;

export function disbursement(
  fund: 'investment' | 'operating',
  year: number,
  amountCents: number,
  extra: EntryBody = {},
): EntryBody {
  return {
    type: 'disbursement',
    fund,
    year,
    amountCents,
    date: '2024-01-10',
    reference: `MANDAT-${randomUUID().slice(0, 8)}`,
    ...extra,
  };
}

export function expense(
  fund: 'investment' | 'operating',
  year: number,
  amountCents: number,
  extra: EntryBody = {},
): EntryBody {
  return {
    type: 'expense',
    fund,
    year,
    amountCents,
    date: '2024-02-01',
    reference: 'FAC-001',
    category: 'equipment',
    supplier: 'Broyeurs du Sud-Ouest',
    ...extra,
  };
}

/** POST /ledger with a fresh (or given) Idempotency-Key. */
export function postEntry(
  http: HttpClient,
  pilotId: string,
  body: EntryBody,
  key: string = randomUUID(),
): Promise<HttpResponse> {
  return http.post(`/api/pilots/${pilotId}/ledger`, body, { headers: { 'idempotency-key': key } });
}

export function reverseEntry(
  http: HttpClient,
  pilotId: string,
  entryId: string,
  reason = 'Saisie en double',
  key: string = randomUUID(),
): Promise<HttpResponse> {
  return http.post(
    `/api/pilots/${pilotId}/ledger/${entryId}/reversal`,
    { reason },
    { headers: { 'idempotency-key': key } },
  );
}

/** Downloads a file as bytes with its own cookie session (the JSON client reads bodies as text). */
export async function fetchBytes(
  t: TestApp,
  email: string,
  path: string,
): Promise<{ status: number; contentType: string; bytes: ArrayBuffer }> {
  const login = await fetch(`${t.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'projet-k' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { cookie } });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', bytes: await res.arrayBuffer() };
}
