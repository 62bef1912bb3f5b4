/**
 * The French text of every error the API answers: `detail` per problem code, and the per-field message per
 * validation constraint. The catalogue is in two parts, so the public pages do not download the back-office's
 * messages: messages-public.fr.ts (what a visitor who is not signed in can meet, and the per-field messages) and
 * messages-signed-in.fr.ts. The server writes them into problem+json; the client imports the same two files
 * (client/src/api/problem.ts), so there is one catalogue. Pure TypeScript: it compiles for Node (CommonJS) and for
 * the browser (Vite).
 */
import {
  FALLBACK_MESSAGE_FR,
  PUBLIC_ERROR_MESSAGES_FR,
  STATUS_MESSAGES_FR,
  fieldMessage as publicFieldMessage,
  hasFieldMessage,
} from './messages-public.fr';
import { SIGNED_IN_ERROR_MESSAGES_FR } from './messages-signed-in.fr';

export {
  FALLBACK_MESSAGE_FR,
  PUBLIC_ERROR_MESSAGES_FR,
  SIGNED_IN_ERROR_MESSAGES_FR,
  STATUS_MESSAGES_FR,
  hasFieldMessage,
};

export const ERROR_MESSAGES_FR = { ...PUBLIC_ERROR_MESSAGES_FR, ...SIGNED_IN_ERROR_MESSAGES_FR } as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES_FR;

/** The French `detail` of a problem code (falls back on the HTTP status, then on a generic text). */
export function errorDetail(code: string, status?: number): string {
  const known = (ERROR_MESSAGES_FR as Record<string, string>)[code];
  if (known) return known;
  return (status !== undefined ? STATUS_MESSAGES_FR[status] : undefined) ?? FALLBACK_MESSAGE_FR;
}

/**
 * The French message of one field error (the form shows it under the field, so the field is not named): a field
 * code first, then a problem code raised for one field (`weak_password`), then a generic text.
 */
export function fieldMessage(code: string, field?: string, constraints: unknown[] = []): string {
  const signedIn = (SIGNED_IN_ERROR_MESSAGES_FR as Record<string, string>)[code];
  return signedIn !== undefined && !hasFieldMessage(code) ? signedIn : publicFieldMessage(code, field, constraints);
}
