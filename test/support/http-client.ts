export type HttpResponse<T = any> = { status: number; headers: Headers; body: T; text: string };
type Options = { headers?: Record<string, string>; body?: unknown; raw?: string | Uint8Array | FormData | Blob };

/**
 * A small HTTP client over fetch with a cookie jar, so a test acts as one person in a browser would
 * (cookie session + the X-Requested-With header the CSRF defence wants), or as a script with a bearer token.
 */
export class HttpClient {
  private cookies = new Map<string, string>();
  private defaultHeaders: Record<string, string> = { 'x-requested-with': 'projet-k' };

  constructor(readonly baseUrl: string) {}

  withBearer(token: string): this {
    this.defaultHeaders = { authorization: `Bearer ${token}` };
    this.cookies.clear();
    return this;
  }

  withoutCsrfHeader(): this {
    delete this.defaultHeaders['x-requested-with'];
    return this;
  }

  get<T = any>(path: string, options: Options = {}) {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options: Options = {}) {
    return this.request<T>('POST', path, { ...options, body });
  }
  put<T = any>(path: string, body?: unknown, options: Options = {}) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  patch<T = any>(path: string, body?: unknown, options: Options = {}) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  delete<T = any>(path: string, options: Options = {}) {
    return this.request<T>('DELETE', path, options);
  }

  async request<T = any>(method: string, path: string, options: Options = {}): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { ...this.defaultHeaders, ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | Uint8Array | FormData | Blob | undefined = options.raw;
    if (options.body !== undefined && body === undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }
}
