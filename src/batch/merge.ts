import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Diagnostic, problemsOf } from '../errors.js';
import { readConfined } from '../shared/confined-read.js';
import { lockOutput } from './lock.js';
import { type ManifestData, mergeManifests, readManifestStrict, writeManifest } from './manifest.js';
import { isIntact } from './outputs.js';
import { writeFileAtomic } from './write.js';

export interface MergeOptions {
  /** The shards' manifest.json files; each lists PDFs relative to its own folder. */
  readonly files: readonly string[];
  /** Where the merged manifest goes; the PDFs are gathered beside it, as a full build would leave them. */
  readonly out: string;
  readonly lockWaitMs?: number | undefined;
}

export interface MergeReport {
  readonly manifest: string;
  readonly outputs: number;
  /** PDFs copied from the shards' folders into the merged one. */
  readonly copied: number;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Merge the shards of a sharded build into one output folder: every PDF, and one manifest listing them, so
 * the folder is exactly what a full build leaves. Everything is checked first (each manifest whole, the
 * shards agreeing, each PDF the one its manifest lists); on any problem nothing is written.
 */
export async function mergeShards(options: MergeOptions): Promise<MergeReport> {
  const manifest = resolve(options.out);
  const target = dirname(manifest);
  const failed = (diagnostics: Diagnostic[]): MergeReport => ({ manifest, outputs: 0, copied: 0, diagnostics });
  const outProblem = mergeTargetProblem(options.out, manifest);
  if (outProblem) return failed([outProblem]);
  const shards: { file: string; data: ManifestData; tool: string }[] = [];
  const problems: Diagnostic[] = [];
  for (const file of options.files.map((f) => resolve(f))) {
    try {
      shards.push({ file, ...readManifestStrict(file) });
    } catch (error) {
      problems.push(...problemsOf(error, file));
    }
  }
  if (problems.length > 0) return failed(problems);
  const merged = mergeManifests(shards);
  for (const conflict of merged.conflicts)
    problems.push({
      code: 'manifest-conflict',
      severity: 'error',
      message: `the shards disagree: ${conflict}`,
      file: manifest,
      hint: 'Each shard must be a different part of the same plan (--shard 1/N … N/N), built from the same inputs.',
    });
  const tools = new Set(shards.map((s) => s.tool));
  if (tools.size > 1)
    problems.push({
      code: 'manifest-conflict',
      severity: 'error',
      message: `the shards were built by different versions of Handout Press: ${[...tools].join(', ')}`,
      file: manifest,
      hint: 'Build every shard with the same version (npm ci with the same lock file).',
    });
  const copies = shards.flatMap(({ file, data }) =>
    Object.entries(data.outputs).map(([output, entry]) => ({
      from: join(dirname(file), output),
      to: join(target, output),
      sha256: entry.sha256,
      shard: file,
    })),
  );
  for (const copy of copies) {
    if (isIntact(copy.from, copy.sha256)) continue;
    problems.push({
      code: 'manifest-invalid',
      severity: 'error',
      message: `${copy.from} is missing or is not the PDF its manifest lists`,
      file: copy.shard,
      hint: "Download the shard's whole output folder (its PDFs with its manifest.json).",
    });
  }
  if (problems.length > 0) return failed(problems);
  const lock = await lockOutput(target, { waitMs: options.lockWaitMs ?? 120_000 });
  try {
    let copied = 0;
    for (const copy of copies) {
      if (copy.from === copy.to) continue;
      writeFileAtomic(copy.to, readConfined(copy.from, { roots: null, what: 'PDF' }).bytes);
      copied++;
    }
    writeManifest(manifest, shards[0]?.tool ?? '', merged.data);
    return { manifest, outputs: Object.keys(merged.data.outputs).length, copied, diagnostics: [] };
  } finally {
    lock.release();
  }
}

/** --out must name a manifest file: not a folder, and not a file that is something else (it would be replaced). */
function mergeTargetProblem(given: string, manifest: string): Diagnostic | null {
  const folder = /[/\\]$/.test(given) || (existsSync(manifest) && statSync(manifest).isDirectory());
  let other = false;
  if (!folder && existsSync(manifest)) {
    try {
      readManifestStrict(manifest);
    } catch {
      other = true;
    }
  }
  if (!folder && !other) return null;
  return {
    code: 'output-unwritable',
    severity: 'error',
    message: folder
      ? `--out names a folder (${given}); it takes the merged manifest's file`
      : `--out would replace ${given}, which is not a Handout Press manifest`,
    file: manifest,
    hint: 'Give the file to write, e.g. --out merged/manifest.json (the PDFs are copied beside it).',
  };
}
