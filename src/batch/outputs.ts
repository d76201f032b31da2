import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from './hash.js';

/** An output is intact when the file is there and its bytes are the ones the manifest recorded. */
export function isIntact(path: string, expectedSha256: string): boolean {
  if (!existsSync(path)) return false;
  return sha256(readFileSync(path)) === expectedSha256;
}

/** Temporary files left by a build that was killed between writing and renaming. */
export function removeStaleTemporaries(outDir: string): void {
  if (!existsSync(outDir)) return;
  for (const name of readdirSync(outDir, { recursive: true }).map(String)) {
    const base = name.split(/[\\/]/).pop() ?? '';
    if (base.startsWith('.') && base.endsWith('.tmp') && !base.includes(`.${process.pid}.`)) {
      rmSync(join(outDir, name), { force: true });
    }
  }
}
