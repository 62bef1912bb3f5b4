/** Path segments that are secrets: a candidature's private link (`/api/public/candidatures/<editToken>/…`). */
const SECRET_PATHS = [/^(\/api\/public\/candidatures\/)[^/?#]+/];

/** The URL with its secret segments replaced, for the request log (the link gives write access to a candidature). */
export function redactUrl(url: string): string {
  return SECRET_PATHS.reduce((u, re) => u.replace(re, '$1[redacted]'), url);
}

type SerializedRequest = { url?: string; params?: Record<string, unknown>; [key: string]: unknown };

/** pino-http request serializer (after the standard one): URL and route parameters without private tokens. */
export function redactRequest(req: SerializedRequest): SerializedRequest {
  if (typeof req.url === 'string') req.url = redactUrl(req.url);
  if (req.params && typeof req.params === 'object' && 'editToken' in req.params)
    req.params = { ...req.params, editToken: '[redacted]' };
  return req;
}
