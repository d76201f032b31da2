import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Diagnostic, problemsOf } from '../errors.js';
import { readConfined } from '../shared/confined-read.js';
import { lockOutput } from './lock.js';
import { type ManifestFile, type ManifestPlan, mergeManifests, readManifestStrict, writeManifest } from './manifest.js';
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
  const shards: Shard[] = [];
  const problems: Diagnostic[] = [];
  for (const file of options.files.map((f) => resolve(f))) {
    try {
      shards.push({ file, ...readManifestStrict(file) });
    } catch (error) {
      problems.push(...problemsOf(error, file));
    }
  }
  if (problems.length > 0) return failed(problems);
  problems.push(...shardProblems(shards, manifest));
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
      writeFileAtomic(copy.to, readConfined(copy.from, { roots: null, what: 'PDF' }).bytes, lock.folder);
      copied++;
    }
    const plan = shards[0]?.plan;
    writeManifest(
      manifest,
      {
        data: merged.data,
        tool: shards[0]?.tool ?? '',
        plan: plan ? { ...plan, shard: { index: 1, count: 1 } } : null,
      },
      { folder: lock.folder },
    );
    return { manifest, outputs: Object.keys(merged.data.outputs).length, copied, diagnostics: [] };
  } finally {
    lock.release();
  }
}

interface Shard extends ManifestFile {
  readonly file: string;
}

/**
 * The shards must be the parts of one plan, each once, none missing: otherwise the merged folder would pass
 * for a full build while lacking outputs or mixing two plans.
 */
function shardProblems(shards: readonly Shard[], manifest: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const problem = (code: Diagnostic['code'], message: string, file: string, hint: string) =>
    problems.push({ code, severity: 'error', message, file, hint });
  const planned = shards.filter((s): s is Shard & { plan: ManifestPlan } => s.plan !== null);
  for (const shard of shards)
    if (!shard.plan)
      problem(
        'manifest-invalid',
        `${shard.file} is not a shard of a plan: a run with --article, --clinic or --template wrote it`,
        shard.file,
        'Merge the manifests of "handout build --shard I/N" runs (or of a full build).',
      );
  const [first] = planned;
  if (!first) return problems;
  const shown = (s: Shard & { plan: ManifestPlan }) => `${s.file} (shard ${s.plan.shard.index}/${s.plan.shard.count})`;
  const others = planned.filter((s) => s.plan.id !== first.plan.id || s.plan.shard.count !== first.plan.shard.count);
  if (others.length > 0) {
    const split = others.every((s) => s.plan.id === first.plan.id);
    problem(
      'manifest-conflict',
      `the shards are ${split ? 'parts of the plan split differently' : 'parts of different plans'}: ${shown(first)} and ${others.map(shown).join(', ')}`,
      manifest,
      'Build every shard from the same commit and config, with the same N in --shard I/N and the same options.',
    );
    return problems;
  }
  const { count } = first.plan.shard;
  for (let index = 1; index <= count; index++) {
    const given = planned.filter((s) => s.plan.shard.index === index);
    if (given.length > 1)
      problem(
        'manifest-conflict',
        `shard ${index}/${count} is given ${given.length} times: ${given.map((s) => s.file).join(', ')}`,
        manifest,
        'Give each shard once.',
      );
    if (given.length === 0)
      problem(
        'shard-missing',
        `shard ${index}/${count} is missing: the plan has ${first.plan.outputs} outputs, and ${count} shards of it are needed`,
        manifest,
        `Give the manifest of "handout build --shard ${index}/${count}" too (did its job fail, or its download?).`,
      );
  }
  return problems;
}

/** --out must name a manifest file: not a folder, and not a file that is something else (it would be replaced). */
export function mergeTargetProblem(given: string, manifest: string): Diagnostic | null {
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
