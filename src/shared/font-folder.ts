import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HandoutError, type Problem, toProblem } from '../errors.js';
import { resolveConfined } from './confined-read.js';

/**
 * The font files of a folder, and a warning for each entry no template can use (a link whose target is
 * gone or outside the project, a pipe): reported once for the folder; only handouts that name it fail.
 */
export function scanFontFolder(dir: string, roots: readonly string[]): { files: string[]; warnings: Problem[] } {
  const files: string[] = [];
  const warnings: Problem[] = [];
  if (!existsSync(dir)) return { files, warnings };
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => !entry.isDirectory());
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    // Type 1 files are listed too: the check refuses them by name instead of passing over them.
    if (!/\.(ttf|otf|ttc|otc|woff2?|pfb|pfa|t1)$/i.test(entry.name)) continue;
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
  return { files: files.sort(), warnings };
}
