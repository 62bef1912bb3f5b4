import { api, type paths } from '../api/client';
import { problemMessage } from '../api/problem';

export type Me = paths['/api/auth/me']['get']['responses'][200]['content']['application/json'];

/** A refused sign-in, with its French message and the server's problem (its per-field refusals go on the fields). */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly problem?: unknown,
  ) {
    super(message);
  }
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}

function signInErrorMessage(status: number, body: unknown, retryAfter: string | null): string {
  const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  if (status === 429) {
    const seconds = Number(retryAfter);
    return Number.isFinite(seconds) && seconds > 0
      ? `Trop de tentatives de connexion. Réessayez dans ${waitText(Math.ceil(seconds))}.`
      : 'Trop de tentatives de connexion. Réessayez plus tard.';
  }
  if (code === 'account_disabled') return 'Ce compte est désactivé. Contactez la cheffe ou le chef de projet Smicval.';
  if (code === 'invalid_credentials') return 'Adresse électronique ou mot de passe incorrect.';
  if (status === 400) return 'Saisissez une adresse électronique valide et votre mot de passe.';
  return problemMessage(body);
}

/** Opens a session (the server sets its cookie); throws a SignInError with a French message when refused. */
export async function requestSignIn(email: string, password: string): Promise<Me> {
  const { data, error, response } = await api.POST('/api/auth/login', { body: { email, password } });
  if (!data)
    throw new SignInError(signInErrorMessage(response.status, error, response.headers.get('retry-after')), error);
  return data.user;
}

/** The signed-in user, or null when the visitor has no session. */
export async function fetchMe(): Promise<Me | null> {
  const { data, response } = await api.GET('/api/auth/me');
  if (response.status === 401) return null;
  if (!data) throw new Error(`Réponse inattendue (${response.status})`);
  return data;
}
