import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('password policy', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('Compost-et-Vélo-2026!')).toBeNull();
  });
  it('refuses short and overlong passwords', () => {
    expect(passwordProblem('court')).toMatch(/au moins 12/);
    expect(passwordProblem('a'.repeat(129))).toMatch(/au plus 128/);
  });
  it('refuses common passwords, also with digits appended', () => {
    expect(passwordProblem('qwerty123456')).toMatch(/trop courant/);
    expect(passwordProblem('1q2w3e4r5t6y')).toMatch(/trop courant/);
    expect(passwordProblem('sunshinesunshine') ?? '').not.toMatch(/trop courant/);
  });
  it('refuses repetitive passwords and the e-mail name', () => {
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/répétitif/);
    expect(passwordProblem('claire.martin-2026', 'claire.martin@smicval.fr')).toMatch(/identifiant/);
  });
});

describe('argon2id hashing', () => {
  it('verifies the right password only, with OWASP parameters', async () => {
    const hash = await hashPassword('Compost-et-Vélo-2026!');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=3\$/);
    expect(await verifyPassword(hash, 'Compost-et-Vélo-2026!')).toBe(true);
    expect(await verifyPassword(hash, 'compost-et-vélo-2026!')).toBe(false);
  });
});
