import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HandoutError } from '../errors.js';
import { readConfined } from '../shared/confined-read.js';
import { limits } from '../shared/limits.js';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Hashes of input files, each file read once per build however many outputs use it. Files are read
 * through the confined reader: a link out of the project is hashed as refused, never read; the stage
 * that needs the file reports why.
 */
export class InputHasher {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Map<string, string>();

  /** Folders inputs may come from: the project and the tool's own package. */
  constructor(private readonly roots: readonly string[]) {}

  file(path: string): string {
    let hash = this.files.get(path);
    if (hash === undefined) {
      try {
        hash = sha256(readConfined(path, { roots: this.roots, what: 'input', maxBytes: limits.binaryBytes }).bytes);
      } catch (error) {
        if (!(error instanceof HandoutError)) throw error;
        hash = `unusable ${error.code}`;
      }
      this.files.set(path, hash);
    }
    return hash;
  }

  /** Every entry below a folder, by relative path, in a fixed order (links are followed only inside the roots). */
  dir(path: string): string {
    let hash = this.dirs.get(path);
    if (hash === undefined) {
      const entries = existsSync(path)
        ? readdirSync(path, { recursive: true, withFileTypes: true })
            .filter((entry) => !entry.isDirectory())
            .map((entry) => join(entry.parentPath, entry.name))
            .sort()
        : [];
      hash = sha256(entries.map((file) => `${file.slice(path.length)}\0${this.file(file)}`).join('\n'));
      this.dirs.set(path, hash);
    }
    return hash;
  }
}
