import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../src/auth/password';
import type { Role } from '../../src/auth/auth.types';
import type { HttpClient } from '../support/http-client';
import type { TestApp } from '../support/test-app';

export const TEST_PASSWORD = 'Compost-Vélo-Réemploi-2026';
let hash: Promise<string> | undefined;

export type SignedIn = {
  http: HttpClient;
  user: { id: string; email: string; name: string; role: Role; pilotIds: string[] };
};

/** Inserts a user straight into the database (the very first lead has no one to create it). */
export async function insertUser(
  t: TestApp,
  role: Role,
  name = `${role} ${randomBytes(3).toString('hex')}`,
): Promise<{ id: string; email: string }> {
  hash ??= hashPassword(TEST_PASSWORD);
  const email = `${role}.${randomBytes(5).toString('hex')}@example.org`;
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
    [email, name, role, await hash],
  );
  return { id: row.id, email };
}

export async function signInAs(t: Pick<TestApp, 'client'>, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const http = t.client();
  const res = await http.post('/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`sign-in failed for ${email}: ${res.status} ${res.text}`);
  return { http, user: res.body.user };
}

/** A new user of the given role, signed in with a cookie session. */
export async function signIn(t: TestApp, role: Role): Promise<SignedIn> {
  const { email } = await insertUser(t, role);
  return signInAs(t, email);
}

/** Makes a user a member of a pilot (as a lead would) and signs them in again so their scope is fresh. */
export async function addMember(
  lead: HttpClient,
  pilotId: string,
  userId: string,
  role: 'coordinator' | 'reviewer',
): Promise<void> {
  const res = await lead.post(`/api/pilots/${pilotId}/members`, { userId, role });
  if (res.status !== 201) throw new Error(`add member failed: ${res.status} ${res.text}`);
}
