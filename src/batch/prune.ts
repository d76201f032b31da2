import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../errors.js';
import { isWithin, realOrSelf } from '../shared/confined-read.js';
import type { ManifestData } from './manifest.js';
import { assertInside, type PinnedFolder } from './output-folder.js';
import { isIntact, removeEmptyFolders } from './outputs.js';
import { pruneProofs } from './prune-proofs.js';

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
 * Remove unplanned outputs, their manifest entries and their proofs. Only a file whose bytes are the ones this
 * tool wrote is removed; one changed since is left, with a warning. Folders left empty go too. A dry run
 * says the same and changes nothing.
 */
export function pruneOutputs(
  manifest: ManifestData,
  unplanned: readonly string[],
  outDir: string,
  options: { dryRun?: boolean; folder?: PinnedFolder | undefined } = {},
): { removed: string[]; warnings: Diagnostic[] } {
  const removed: string[] = [];
  const warnings: Diagnostic[] = [];
  for (const output of unplanned) {
    const entry = manifest.outputs[output];
    const path = join(outDir, output);
    if (!entry) continue;
    // Never through a link out of the output folder, whatever the manifest says.
    if (isIntact(path, entry.sha256) && isWithin(realOrSelf(path), [outDir])) {
      if (!options.dryRun) {
        if (options.folder) assertInside(options.folder, path);
        rmSync(path, { force: true });
        removeEmptyFolders(dirname(path), outDir);
      }
      removed.push(output);
    } else if (existsSync(path)) {
      warnings.push({
        code: 'output-changed',
        severity: 'warning',
        message: `${output} was changed since it was built, so it ${options.dryRun ? 'would be' : 'was'} left in place (its manifest entry ${options.dryRun ? 'would go' : 'is gone'})`,
        file: path,
        output,
        hint: 'Delete it yourself if it should go.',
      });
    } else removed.push(output);
  }
  if (options.dryRun) return { removed, warnings };
  for (const output of unplanned) delete manifest.outputs[output];
  pruneProofs(unplanned, manifest, outDir, options.folder);
  return { removed, warnings };
}
