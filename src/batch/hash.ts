import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hashes of input files, each file read once per build however many outputs use it. */
export class InputHasher {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Map<string, string>();

  file(path: string): string {
    let hash = this.files.get(path);
    if (hash === undefined) {
      hash = existsSync(path) ? sha256(readFileSync(path)) : 'missing';
      this.files.set(path, hash);
    }
    return hash;
  }

  /** Every file below a folder, by relative path, in a fixed order. */
  dir(path: string): string {
    let hash = this.dirs.get(path);
    if (hash === undefined) {
      const entries = existsSync(path)
        ? readdirSync(path, { recursive: true })
            .map(String)
            .filter((name) => statSync(join(path, name)).isFile())
            .sort()
        : [];
      hash = sha256(entries.map((name) => `${name}\0${this.file(join(path, name))}`).join('\n'));
      this.dirs.set(path, hash);
    }
    return hash;
  }
}
