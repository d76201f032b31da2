import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's own folder (built-in templates and fonts live there): the nearest folder above
 * this module with this package's package.json. The module may be a source file, a compiled one or a
 * bundle chunk, each at its own depth.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'handout-press'
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('handout-press: cannot find the package folder above its own code');
    dir = parent;
  }
}

export const packageRoot = findPackageRoot();
