/** Pages anyone may open without signing in (the commune's candidature forms, the sign-in page). */
export const PUBLIC_PATH_PREFIXES = ['/connexion', '/candidater'];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATH_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** A `retour` target is followed only when it stays inside the app (no open redirect). */
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value === '/connexion' || value.startsWith('/connexion?')) return '/';
  return value;
}
