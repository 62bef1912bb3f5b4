import type { EntityManager } from 'typeorm';

/**
 * The users module owns the users table and depends on auth (sessions, password rules), so auth writes a
 * changed password through this token, which UsersModule (global) provides, instead of importing UsersService.
 */
export type PasswordStore = {
  setPasswordHash(m: EntityManager, userId: string, hash: string): Promise<void>;
};

export const PASSWORD_STORE = Symbol('PASSWORD_STORE');
