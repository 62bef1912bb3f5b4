import createClient from 'openapi-fetch';
import type { paths } from './schema';

// Same origin: the API is served by Nest beside the built client (and proxied by Vite in development).
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'include',
  // The server's CSRF defence requires this header on cookie-authenticated changes.
  headers: { 'X-Requested-With': 'projet-k' },
});

export type { paths };
