import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

// Same origin: the API is served by Nest beside the built client (and proxied by Vite in development).
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'include',
  // The server's CSRF defence requires this header on cookie-authenticated changes.
  headers: { 'X-Requested-With': 'projet-k' },
});

/** Called with the problem code of a 401 (e.g. `session_expired`); the AuthProvider registers it. */
export type UnauthorizedHandler = (code: string | null) => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** Registers the handler for 401 answers; returns a function that removes it. */
export function onUnauthorized(handler: UnauthorizedHandler): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = null;
  };
}

// A 401 anywhere but the sign-in form itself means the session is gone: let the AuthProvider react.
const sessionMiddleware: Middleware = {
  async onResponse({ request, response }) {
    if (response.status !== 401 || !unauthorizedHandler) return undefined;
    if (new URL(request.url, window.location.href).pathname === '/api/auth/login') return undefined;
    let code: string | null = null;
    try {
      const body: unknown = await response.clone().json();
      if (typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string') {
        code = (body as { code: string }).code;
      }
    } catch {
      // Not JSON: the code stays unknown.
    }
    unauthorizedHandler(code);
    return undefined;
  },
};
api.use(sessionMiddleware);

export type { paths };
