// RFC 9457 problem+json as sent by the API. The French texts come from the API's own catalogue, shared with the
// server, so there is no second copy here: its public part (src/common/errors/messages-public.fr.ts) is all the
// public pages and the sign-in page load; the signed-in shell adds the rest (addErrorMessages, signedInMessages.ts).
import {
  FALLBACK_MESSAGE_FR,
  PUBLIC_ERROR_MESSAGES_FR,
  STATUS_MESSAGES_FR,
  fieldMessage,
  hasFieldMessage,
} from '../../../src/common/errors/messages-public.fr.js';

export type ProblemFieldError = {
  field: string;
  code: string;
  message: string;
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: ProblemFieldError[];
};

const fallbackMessage = FALLBACK_MESSAGE_FR;

export function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.status === 'number';
}

const catalogue: Record<string, string> = { ...PUBLIC_ERROR_MESSAGES_FR };

/** Adds a part of the catalogue (the signed-in app's messages, when its shell loads). */
export function addErrorMessages(messages: Record<string, string>): void {
  Object.assign(catalogue, messages);
}

/**
 * French message for an error body: the catalogue's text of a known code (or the more precise French
 * detail the server sent for it, e.g. a deadline's date), then the server's detail, then the status.
 */
export function problemMessage(body: unknown): string {
  if (!isProblem(body)) return fallbackMessage;
  const known = catalogue[body.code];
  if (known) return body.detail && body.detail !== known && looksFrench(body.detail) ? body.detail : known;
  return (body.detail ? body.detail : undefined) ?? STATUS_MESSAGES_FR[body.status] ?? fallbackMessage;
}

/** A server detail written in French (the API's are), as opposed to a proxy's or an older server's English text. */
function looksFrench(text: string): boolean {
  return /[àâçéèêëîïôûùüÿœ’«»]/i.test(text);
}

/** Per-field messages, keyed by field, for showing under form inputs. */
export function problemFieldErrors(body: unknown): Record<string, string> {
  if (!isProblem(body) || !body.errors) return {};
  const byField: Record<string, string> = {};
  for (const error of body.errors) {
    byField[error.field] ??=
      error.message && looksFrench(error.message)
        ? error.message
        : hasFieldMessage(error.code)
          ? fieldMessage(error.code)
          : error.message;
  }
  return byField;
}
