import { existsSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';

/**
 * Is the path inside one of the roots, after following symlinks? A path that does not exist yet is
 * judged as written (it cannot be read anyway). Nothing outside the project is ever read.
 */
export function isInside(path: string, roots: readonly string[]): boolean {
  const real = existsSync(path) ? realpathSync(path) : path;
  return roots.some((root) => {
    const base = existsSync(root) ? realpathSync(root) : root;
    return real === base || real.startsWith(base.endsWith(sep) ? base : base + sep);
  });
}
