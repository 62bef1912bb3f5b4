import * as argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's minimum for argon2id is m=19 MiB, t=2, p=1; we go a little above it.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 3, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** Returns why a password is refused (French, shown to the user), or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN)
    return `Le mot de passe doit compter au moins ${PASSWORD_MIN} caractères.`;
  if (password.length > PASSWORD_MAX) return `Le mot de passe doit compter au plus ${PASSWORD_MAX} caractères.`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || commonPasswords().has(lower.replace(/\d+$/, '')))
    return 'Ce mot de passe est trop courant : choisissez-en un autre.';
  if (new Set(password).size < 5) return 'Ce mot de passe est trop répétitif.';
  if (email && lower.includes(email.toLowerCase().split('@')[0]) && email.split('@')[0].length >= 4)
    return "Le mot de passe ne doit pas contenir l'identifiant.";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps the time of a failed sign-in the same whether or not the account exists.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('projet-k-dummy-password-for-timing');
  return dummyHash;
}
