import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../errors.js';
import { isWithin, realOrSelf } from '../shared/confined-read.js';
import type { ManifestData } from './manifest.js';
import { isIntact } from './outputs.js';

/** Outputs the manifest lists that the plan no longer builds (a deleted article or clinic, a removed rule). */
export function unplannedOutputs(manifest: ManifestData, planned: ReadonlySet<string>): string[] {
  return Object.keys(manifest.outputs)
    .filter((output) => !planned.has(output))
    .sort();
}

/** Said after a build that leaves them: retired handouts must not stay in a published folder unnoticed. */
export function unplannedWarnings(unplanned: readonly string[], outDir: string): Diagnostic[] {
  return unplanned.map((output) => ({
    code: 'output-unplanned',
    severity: 'warning',
    message: 'no longer planned (its article, clinic or rule is gone) but still in the output folder',
    file: join(outDir, output),
    output,
    hint: 'Remove it with "handout build --prune" or "handout clean".',
  }));
}

/**
 * Remove unplanned outputs and their manifest entries. Only a file whose bytes are the ones this tool wrote
 * is removed; one changed since is left, with a warning. Folders left empty go too.
 */
export function pruneOutputs(
  manifest: ManifestData,
  unplanned: readonly string[],
  outDir: string,
): { removed: string[]; warnings: Diagnostic[] } {
  const removed: string[] = [];
  const warnings: Diagnostic[] = [];
  for (const output of unplanned) {
    const entry = manifest.outputs[output];
    const path = join(outDir, output);
    if (!entry) continue;
    // Never through a link out of the output folder, whatever the manifest says.
    if (isIntact(path, entry.sha256) && isWithin(realOrSelf(path), [outDir])) {
      rmSync(path, { force: true });
      removeEmptyFolders(dirname(path), outDir);
      removed.push(output);
    } else if (existsSync(path)) {
      warnings.push({
        code: 'output-changed',
        severity: 'warning',
        message: `${output} was changed since it was built, so it was left in place (its manifest entry is gone)`,
        file: path,
        output,
        hint: 'Delete it yourself if it should go.',
      });
    } else removed.push(output);
    delete manifest.outputs[output];
  }
  return { removed, warnings };
}

/** Empty folders up to (not including) the output folder. */
function removeEmptyFolders(dir: string, outDir: string): void {
  for (let folder = dir; relative(outDir, folder) !== '' && !relative(outDir, folder).startsWith('..'); ) {
    try {
      if (readdirSync(folder).length > 0) return;
      rmdirSync(folder);
    } catch {
      return;
    }
    folder = dirname(folder);
  }
}
