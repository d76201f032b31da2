import { join } from 'node:path';
import type { Diagnostic } from '../errors.js';
import { loadProject } from '../project/index.js';
import { selectOutputs } from '../project/plan.js';
import { version } from '../version.js';
import { lockOutput, type OutputLock } from './lock.js';
import { manifestName, openManifest, writeManifest } from './manifest.js';
import { pruneOutputs, unplannedOutputs } from './prune.js';

export interface CleanOptions {
  readonly root: string;
  readonly config?: string | undefined;
  readonly out?: string | undefined;
  /** List what would be removed; remove nothing. */
  readonly dryRun?: boolean | undefined;
  readonly lockWaitMs?: number | undefined;
}

export interface CleanReport {
  readonly outDir: string;
  /** Outputs in the manifest that the plan no longer builds, relative to outDir (none while the plan has errors). */
  readonly unplanned: readonly string[];
  /** The ones removed (with their manifest entries and proofs); in a dry run, the ones that would be. */
  readonly removed: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** `handout clean`: what `handout build --prune` removes, without building; `--dry-run` lists exactly that. */
export async function cleanProject(options: CleanOptions): Promise<CleanReport> {
  const project = loadProject(options);
  const diagnostics: Diagnostic[] = [...project.problems];
  const { outDir } = project;
  const selection = selectOutputs(project, { articles: [], clinics: [], template: null }, null);
  diagnostics.push(...selection.problems);
  const nothing = { outDir, unplanned: [], removed: [], diagnostics };
  // A broken config or plan would make every output look unplanned: nothing is removed, or listed, then.
  if (diagnostics.some((d) => d.severity === 'error')) return nothing;
  let lock: OutputLock | null = null;
  if (!options.dryRun) lock = await lockOutput(outDir, { waitMs: options.lockWaitMs ?? 120_000 });
  try {
    const manifestPath = join(outDir, manifestName);
    const manifest = openManifest(manifestPath);
    diagnostics.push(...manifest.problems);
    if (manifest.problems.some((d) => d.severity === 'error')) return nothing;
    const unplanned = unplannedOutputs(manifest.data, selection.planned);
    if (unplanned.length === 0) return { outDir, unplanned, removed: [], diagnostics };
    const result = pruneOutputs(manifest.data, unplanned, outDir, {
      dryRun: options.dryRun === true,
      folder: lock?.folder,
    });
    if (!options.dryRun)
      writeManifest(
        manifestPath,
        { data: manifest.data, tool: version, plan: manifest.plan },
        { folder: lock?.folder },
      );
    return { outDir, unplanned, removed: result.removed, diagnostics: [...diagnostics, ...result.warnings] };
  } finally {
    lock?.release();
  }
}
