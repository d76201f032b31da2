import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { readBrand } from '../brand/index.js';
import type { Brand } from '../brand/types.js';
import { readArticle } from '../content/index.js';
import type { Article } from '../content/types.js';
import { dedupeProblems, type Problem, problemsOf } from '../errors.js';
import type { OutputOptions } from '../pipeline.js';
import { isWithin, realOrSelf } from '../shared/confined-read.js';
import { scanFontFolder } from '../shared/font-file.js';
import type { LabelOverrides } from '../shared/labels.js';
import { packageRoot } from '../shared/package-root.js';
import { length } from '../spec/values.js';
import { missingLabelsWarning } from '../template/index.js';
import { version } from '../version.js';
import { loadConfig } from './config.js';
import type { ProjectConfig } from './config-schema.js';
import { InputHasher } from './hash.js';
import { hashInputs } from './inputs.js';
import { lockOutput, type OutputLock } from './lock.js';
import { type ManifestData, manifestName, readManifest, recordReadability, writeManifest } from './manifest.js';
import { isIntact, removeStaleTemporaries } from './outputs.js';
import { type PlannedOutput, planBuild, shardOf } from './plan.js';
import { createPool } from './pool.js';
import { findProjectFiles } from './project.js';
import type { BuildOptions, BuildReport, BuiltHandout, PlannedStatus } from './types.js';
import { outputProblemCode } from './write.js';

export type { BuildEvent, BuildOptions, BuildReport, BuiltHandout, PlannedStatus } from './types.js';

interface Work {
  readonly planned: PlannedOutput;
  readonly article: Article;
  readonly brand: Brand;
  readonly inputs: readonly string[];
  readonly inputHash: string;
  /** Said of this output, whether it is built now or was up to date (e.g. labels missing for its language). */
  readonly warnings: readonly Problem[];
}

/** Build the plan: every selected output that is not up to date, in parallel. One failure never stops the others. */
export async function buildProject(options: BuildOptions): Promise<BuildReport> {
  const root = resolve(options.root);
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const failedReport = (outDir: string): BuildReport => ({
    plan: [],
    outputs: [],
    upToDate: 0,
    errors,
    warnings,
    failed: 0,
    outDir,
  });

  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig(root);
  } catch (error) {
    errors.push(...problemsOf(error, join(root, 'handout.config.yaml')));
    return failedReport(options.out ?? join(root, 'out'));
  }
  const outDir = options.out ?? resolve(root, loaded.config.out ?? 'out');
  // The config may only write inside the project; a folder elsewhere must be given on the command line.
  if (options.out === undefined && !isWithin(realOfNearest(outDir), [root])) {
    errors.push({
      code: 'out-outside',
      severity: 'error',
      message: `the output folder ${loaded.config.out} is outside the project`,
      file: loaded.file ?? join(root, 'handout.config.yaml'),
      line: lineOfKey(loaded.text, 'out'),
      hint: 'Keep "out" inside the project, or give a folder elsewhere on the command line with --out.',
    });
    return failedReport(outDir);
  }
  const output = outputOptions(options.output ?? {}, loaded.config);
  const plan = planBuild(
    findProjectFiles(root),
    loaded.config,
    loaded.file,
    { articles: options.articles, clinics: options.clinics, template: options.template ?? null },
    root,
  );
  errors.push(...plan.problems);
  const selected = shardOf(plan.outputs, options.shard ?? null);

  // Each file is read once; a broken one is reported once, not once per handout.
  const articles = readEach(
    selected.map((o) => o.article.file),
    (file) => readArticle(file, root),
    errors,
  );
  const brands = readEach(
    selected.map((o) => o.clinic.file),
    (file) => readBrand(file, root),
    errors,
  );
  for (const brand of brands.values()) {
    if (!brand) continue;
    for (const message of brand.warnings)
      warnings.push({ code: 'contrast', severity: 'warning', message, file: brand.file });
  }

  // A font file no template can use is a warning once for the folder; handouts that name it fail on their own.
  warnings.push(...scanFontFolder(join(root, 'fonts'), [root]).warnings);
  const manifestPath = join(outDir, manifestName);
  const manifest = readManifest(manifestPath);
  const hasher = new InputHasher([root, packageRoot]);
  const work: Work[] = [];
  const statuses: PlannedStatus[] = [];
  let failed = 0;
  let upToDate = 0;
  for (const planned of selected) {
    const article = articles.get(planned.article.file);
    const clinicBrand = brands.get(planned.clinic.file);
    if (!article || !clinicBrand) {
      failed++;
      delete manifest.outputs[planned.output];
      continue;
    }
    const brand = planned.page ? { ...clinicBrand, page: planned.page } : clinicBrand;
    const labelWarning = missingLabelsWarning(article, [loaded.config.labels ?? {}, brand.labels]);
    if (labelWarning) warnings.push(labelWarning);
    let inputs: ReturnType<typeof hashInputs>;
    try {
      inputs = hashInputs(root, article, brand, planned.template, `${loaded.text}\n${JSON.stringify(output)}`, hasher);
    } catch (error) {
      errors.push(...problemsOf(error, article.file));
      failed++;
      continue;
    }
    const previous = manifest.outputs[planned.output];
    const fresh =
      !options.force && previous?.inputHash === inputs.hash && isIntact(join(outDir, planned.output), previous.sha256);
    statuses.push({
      output: planned.output,
      article: planned.article.id,
      clinic: planned.clinic.id,
      template: planned.template,
      reason: planned.reason,
      status: fresh ? 'up-to-date' : 'build',
    });
    if (fresh) upToDate++;
    else
      work.push({
        planned,
        article,
        brand,
        inputs: inputs.files,
        inputHash: inputs.hash,
        warnings: labelWarning ? [labelWarning] : [],
      });
  }
  const report = (outputs: BuiltHandout[]): BuildReport => ({
    plan: statuses,
    outputs,
    upToDate,
    errors: dedupeProblems(errors),
    warnings: dedupeProblems(warnings),
    failed,
    outDir,
  });
  if (options.dryRun) return report([]);

  // Entries for outputs no longer planned at all are dropped; other shards' entries are kept.
  const planned = new Set(plan.outputs.map((o) => o.output));
  for (const output of Object.keys(manifest.outputs)) if (!planned.has(output)) delete manifest.outputs[output];
  let lock: OutputLock;
  try {
    lock = await lockOutput(outDir, {
      waitMs: options.lockWaitMs ?? 120_000,
      onWait: (pid) => options.onEvent?.({ type: 'waiting', pid, outDir }),
    });
  } catch (error) {
    errors.push(...problemsOf(error, outDir));
    return { ...report([]), failed: failed + work.length };
  }
  try {
    removeStaleTemporaries([outDir, ...selected.map((o) => dirname(join(outDir, o.output)))]);
    options.onEvent?.({ type: 'start', total: selected.length, toBuild: work.length, upToDate });
    const labels = loaded.config.labels ?? {};
    const outputs = await runAll(
      work,
      { ...options, output },
      labels,
      outDir,
      manifest,
      manifestPath,
      errors,
      warnings,
    );
    failed += work.length - outputs.length;
    recordReadability(manifest, articles, root);
    saveManifest(manifestPath, manifest, errors);
    return report(outputs);
  } finally {
    lock.release();
  }
}

/** The manifest lists only whole files; if it cannot be written, the previous one stays (whole, and still true of its files). */
function saveManifest(path: string, manifest: ManifestData, errors: Problem[]): boolean {
  try {
    writeManifest(path, version, manifest);
    return true;
  } catch (error) {
    if (!errors.some((e) => e.code === outputProblemCode)) errors.push(...problemsOf(error, path));
    return false;
  }
}

/** The real path of a folder that may not exist yet: its nearest existing ancestor, resolved, plus the rest. */
function realOfNearest(path: string): string {
  const parent = dirname(path);
  if (existsSync(path) || parent === path) return realOrSelf(path);
  return join(realOfNearest(parent), basename(path));
}

function lineOfKey(text: string, key: string): number | undefined {
  const index = text.split('\n').findIndex((line) => line.startsWith(`${key}:`));
  return index < 0 ? undefined : index + 1;
}

async function runAll(
  work: readonly Work[],
  options: BuildOptions,
  labels: LabelOverrides,
  outDir: string,
  manifest: ManifestData,
  manifestPath: string,
  errors: Problem[],
  warnings: Problem[],
): Promise<BuiltHandout[]> {
  if (work.length === 0) return [];
  // Starting a worker costs about 0.3 s (modules, fonts, templates): by default a small batch stays in one
  // thread, and workers are added for every hundred handouts up to the number of cores.
  const jobs = options.jobs ?? Math.min(availableParallelism(), Math.max(1, Math.floor(work.length / 100)));
  const pool = options.pool ?? createPool(Math.min(jobs, work.length), budget(options));
  const outputs: BuiltHandout[] = [];
  // The manifest is rewritten now and then, so a build that is killed still leaves one listing only whole files.
  let lastSave = performance.now();
  // A full disk or a read-only folder fails every later handout the same way: stop, and say it once.
  let outputFailed = false;
  try {
    await Promise.all(
      work.map(async ({ planned, article, brand, inputs, inputHash, warnings: said }) => {
        const path = join(outDir, planned.output);
        if (outputFailed) return;
        const result = await pool.run({
          root: resolve(options.root),
          article,
          brand,
          template: planned.template,
          path,
          documentId: inputHash,
          output: options.output as OutputOptions,
          labels,
        });
        if (result.type === 'failed') {
          delete manifest.outputs[planned.output];
          const outputProblem = result.problems.some((p) => p.code === outputProblemCode);
          if (outputProblem && outputFailed) return;
          if (outputProblem) pool.abort();
          outputFailed ||= outputProblem;
          errors.push(...result.problems);
          options.onEvent?.({ type: 'failed', output: planned.output, problems: result.problems });
          return;
        }
        manifest.outputs[planned.output] = {
          article: article.id,
          clinic: brand.id,
          template: planned.template,
          inputs,
          inputHash,
          sha256: result.sha256,
          pages: result.pages,
          bytes: result.bytes,
          warnings: [...brand.warnings, ...said.map((p) => p.message), ...result.notes],
        };
        for (const message of result.notes) {
          warnings.push({
            code: 'layout-note',
            severity: 'warning',
            message: `${planned.output}: ${message}`,
            file: article.file,
          });
        }
        const handout = {
          article: article.id,
          clinic: brand.id,
          template: planned.template,
          path,
          pages: result.pages,
          bytes: result.bytes,
        };
        outputs.push(handout);
        options.onEvent?.({ type: 'built', handout });
        if (performance.now() - lastSave > 1000) {
          if (!saveManifest(manifestPath, manifest, errors)) {
            outputFailed = true;
            pool.abort();
          }
          lastSave = performance.now();
        }
      }),
    );
  } finally {
    if (!options.pool) await pool.close();
  }
  return outputs.sort((a, b) => a.path.localeCompare(b.path));
}

/** Each handout's time budget; without one (the library's default for a single job), it runs in this thread. */
function budget(options: BuildOptions): { handoutSeconds?: number } {
  return options.handoutSeconds === undefined ? {} : { handoutSeconds: options.handoutSeconds };
}

/** Command-line flags win over the config file; everything unset is off. */
function outputOptions(flags: Partial<OutputOptions>, config: ProjectConfig): OutputOptions {
  return {
    pdfa: flags.pdfa ?? config.pdfa ?? false,
    bleed: flags.bleed ?? (config.print?.bleed ? length(config.print.bleed) : 0),
    marks: flags.marks ?? config.print?.marks ?? false,
    cmyk: flags.cmyk ?? config.print?.cmyk ?? false,
  };
}

function readEach<T>(files: readonly string[], read: (file: string) => T, errors: Problem[]): Map<string, T | null> {
  const out = new Map<string, T | null>();
  for (const file of files) {
    if (out.has(file)) continue;
    try {
      out.set(file, read(file));
    } catch (error) {
      errors.push(...problemsOf(error, file));
      out.set(file, null);
    }
  }
  return out;
}
