import { join } from 'node:path';
import type { Diagnostic } from '../errors.js';
import { loadProject } from '../project/index.js';
import { selectOutputs } from '../project/plan.js';
import { version } from '../version.js';
import { lockOutput } from './lock.js';
import { manifestName, readManifest, writeManifest } from './manifest.js';
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
  /** Outputs in the manifest that the plan no longer builds, relative to outDir. */
  readonly unplanned: readonly string[];
  /** The ones removed (with their manifest entries). */
  readonly removed: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** `handout clean`: what `handout build --prune` removes, without building. */
export async function cleanProject(options: CleanOptions): Promise<CleanReport> {
  const project = loadProject(options);
  const diagnostics: Diagnostic[] = [...project.problems];
  const { outDir } = project;
  const selection = selectOutputs(project, { articles: [], clinics: [], template: null }, null);
  diagnostics.push(...selection.problems);
  const manifestPath = join(outDir, manifestName);
  const manifest = readManifest(manifestPath);
  const unplanned = unplannedOutputs(manifest, selection.planned);
  // A broken config or plan would make every output look unplanned: nothing is removed then.
  if (options.dryRun || diagnostics.some((d) => d.severity === 'error') || unplanned.length === 0)
    return { outDir, unplanned, removed: [], diagnostics };
  const lock = await lockOutput(outDir, { waitMs: options.lockWaitMs ?? 120_000 });
  try {
    const result = pruneOutputs(manifest, unplanned, outDir);
    writeManifest(manifestPath, version, manifest);
    return { outDir, unplanned, removed: result.removed, diagnostics: [...diagnostics, ...result.warnings] };
  } finally {
    lock.release();
  }
}
