import canonicalize from 'canonicalize';

/**
 * JSON canonicalised by RFC 8785 (keys sorted by code unit, numbers as ECMAScript prints them, no whitespace):
 * the bytes a sha256 is taken over (report snapshots, idempotent request bodies), whatever order jsonb or a
 * client gives the keys in. Fields set to `undefined` are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return canonicalize(value ?? null) ?? 'null';
}
