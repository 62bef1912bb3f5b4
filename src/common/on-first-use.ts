import { createRequire } from 'node:module';

const load = createRequire(__filename);

/**
 * A library loaded when first called for rather than when the module graph is imported, so a process that never
 * needs it (an API process never prints a report) never holds it. Synchronous, so callers keep their signatures;
 * the caller keeps its types with `import type`.
 */
export function onFirstUse<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load(id) as T);
}
