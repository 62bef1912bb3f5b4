import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The repository root, found from this file whether it runs from src/ (tests) or dist/src/ (build). */
function findRoot(start: string): string {
  let dir = start;
  while (
    !existsSync(resolve(dir, 'package.json')) ||
    (existsSync(resolve(dir, '..', 'package.json')) && dir.endsWith('dist'))
  ) {
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(__dirname);
export const CLIENT_DIST = resolve(PROJECT_ROOT, 'client', 'dist');
