import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HandoutError, type Problem, toProblem } from '../errors.js';
import { resolveConfined } from './confined-read.js';

/**
 * The font files of a folder, and a warning for each entry no template can use (a link whose target is
 * gone or outside the project, a pipe): reported once for the folder; only handouts that name it fail.
 */
export function scanFontFolder(dir: string, roots: readonly string[]): FontFolder {
  const files: string[] = [];
  const warnings: Problem[] = [];
  if (!existsSync(dir)) return { files, warnings, listings: [] };
  const all = readdirSync(dir, { recursive: true, withFileTypes: true });
  // What each folder holds, as a build records it: a font added to any of them can change a handout.
  const folders = [dir, ...all.filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name))];
  const listings = folders.map((folder) => ({ dir: folder, names: readdirSync(folder).sort() }));
  for (const entry of all.filter((e) => !e.isDirectory())) {
    const path = join(entry.parentPath, entry.name);
    // Type 1 files are listed too: the check refuses them by name instead of passing over them.
    if (!fontFileName.test(entry.name) && !typeOneFileName.test(entry.name)) continue;
    try {
      resolveConfined(path, { roots, what: 'font file' });
      files.push(path);
    } catch (error) {
      if (!(error instanceof HandoutError)) throw error;
      warnings.push({
        ...toProblem(error),
        code: 'font-unusable',
        severity: 'warning',
        hint: 'Only handouts whose template names this font fail; remove the entry or restore the file.',
      });
    }
  }
  return { files: files.sort(), warnings, listings };
}

/** Font files by name: TrueType, OpenType, collections of either, WOFF and WOFF2. */
export const fontFileName = /\.(ttf|otf|ttc|otc|woff2?)$/i;

/** Type 1 fonts by name: never embedded, but seen, so they are refused with a reason. */
const typeOneFileName = /\.(pfb|pfa|t1)$/i;

export interface FontFolder {
  readonly files: string[];
  readonly warnings: Problem[];
  readonly listings: readonly { readonly dir: string; readonly names: readonly string[] }[];
}
