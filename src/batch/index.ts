import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { aboutHandout, type Diagnostic, dedupeKey, dedupeProblems, problemsOf } from '../errors.js';
import type { OutputJob, OutputOptions } from '../pipeline.js';
import { loadProject } from '../project/index.js';
import { type PlannedOutput, type Selection, selectOutputs } from '../project/plan.js';
import { silenceDiagnostics } from '../project/silence.js';
import type { Project } from '../project/types.js';
import { scanFontFolder } from '../shared/font-folder.js';
import { InputChecker, inputsHash } from '../shared/input-record.js';
import { missingLabelsWarning } from '../template/labels.js';
import { version } from '../version.js';
import {
  localDiagnostics,
  outputJob,
  outputOptions,
  planId,
  portableDiagnostics,
  readArticleRecorded,
  readBrandRecorded,
} from './job.js';
import { lockOutput, type OutputLock } from './lock.js';
import {
  type ManifestData,
  type ManifestFile,
  type ManifestPlan,
  manifestName,
  openManifest,
  outputLanguages,
  recordReadability,
  relateTranslations,
  writeManifest,
} from './manifest.js';
import type { PinnedFolder } from './output-folder.js';
import { isIntact, removeStaleTemporaries } from './outputs.js';
import { createPool } from './pool.js';
import { pruneOutputs, unplannedOutputs, unplannedWarnings } from './prune.js';
import type { BuildOptions, BuildReport, BuiltHandout, OutputResult, PlannedStatus } from './types.js';
import { outputProblemCode } from './write.js';

export type { BuildEvent, BuildOptions, BuildReport, BuiltHandout, PlannedStatus } from './types.js';

interface Work {
  readonly planned: PlannedOutput;
  readonly job: OutputJob;
  /** Said of this output whether it is built now or was up to date (labels missing for its language). */
  readonly said: readonly Diagnostic[];
}

/** What a run found, by severity. */
class Findings {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  readonly notes: Diagnostic[] = [];
  /** Warnings an earlier build gave for outputs that are up to date now: they still hold. */
  readonly earlier: Diagnostic[] = [];

  add(problems: readonly Diagnostic[]): void {
    for (const p of problems)
      (p.severity === 'error' ? this.errors : p.severity === 'warning' ? this.warnings : this.notes).push(p);
  }
}

/** What one run works with, from loading the project to writing the manifest. */
interface Run {
  readonly options: BuildOptions;
  readonly project: Project;
  readonly output: OutputOptions;
  readonly selection: Selection;
  readonly found: Findings;
  readonly report: (parts?: Partial<BuildReport>) => BuildReport;
  /** The output folder as the lock took it (none in a dry run): every write goes into it or fails. */
  readonly folder?: PinnedFolder;
}

/**
 * Build the selected part of the plan: every output that is not up to date, in parallel. One failure never
 * stops the others. Filtered and sharded runs touch only their own manifest entries.
 */
export async function buildProject(options: BuildOptions): Promise<BuildReport> {
  const project = loadProject({ root: options.root, config: options.config, out: options.out });
  const { root, outDir } = project;
  const found = new Findings();
  found.add(project.problems);
  const report = (parts: Partial<BuildReport> = {}): BuildReport => ({
    plan: [],
    outputs: [],
    results: [],
    upToDate: 0,
    failed: 0,
    unplanned: [],
    pruned: [],
    ...parts,
    ...reported(found, project),
    outDir,
    root,
  });
  if (found.errors.length > 0) return report();
  found.add(project.refused);
  const output = outputOptions(options.output ?? {}, project.config);
  const selection = selectOutputs(
    project,
    { articles: options.articles ?? [], clinics: options.clinics ?? [], template: options.template ?? null },
    options.shard ?? null,
  );
  found.add(selection.problems);
  const run: Run = { options, project, output, selection, found, report };
  if (options.dryRun) return planAndBuild(run);
  // What is up to date is decided only once the folder is ours: a build that waited sees what the other one wrote.
  let lock: OutputLock;
  try {
    lock = await lockOutput(outDir, {
      waitMs: options.lockWaitMs ?? 120_000,
      onWait: (pid) => options.onEvent?.({ type: 'waiting', pid, outDir }),
    });
  } catch (error) {
    found.add(problemsOf(error, outDir));
    return report({ failed: selection.selected.length, results: resultsOf(selection.selected, outDir) });
  }
  try {
    return await planAndBuild({ ...run, folder: lock.folder });
  } finally {
    lock.release();
  }
}

async function planAndBuild(run: Run): Promise<BuildReport> {
  const { options, project, selection, found, report } = run;
  const { root, outDir } = project;
  const { selected } = selection;
  // Every output's language and translations come from the whole plan, so every shard relates the same outputs.
  const languages = outputLanguages(selection.outputs);

  // Each file is read once; a broken one is reported once, not once per handout.
  const articles = readEach(
    selected.map((o) => o.article.file),
    (file) => readArticleRecorded(file, root),
    found,
  );
  const brands = readEach(
    selected.map((o) => o.clinic.file),
    (file) => readBrandRecorded(file, root),
    found,
  );
  for (const brand of brands.values()) found.add(brand?.value.warnings ?? []);
  // A font file no template can use is a warning once for the folder; handouts that name it fail on their own.
  found.add(scanFontFolder(join(root, 'fonts'), [root]).warnings);

  const manifestPath = join(outDir, manifestName);
  const previous = openManifest(manifestPath);
  found.add(previous.problems);
  // A manifest that cannot be read is never taken for "nothing built yet": nothing is built over it.
  if (previous.problems.some((p) => p.severity === 'error'))
    return report({ failed: selected.length, results: resultsOf(selected, outDir) });
  const manifest = previous.data;
  const checker = new InputChecker(root);
  const work: Work[] = [];
  const statuses: PlannedStatus[] = [];
  let failed = 0;
  let upToDate = 0;
  for (const planned of selected) {
    const article = articles.get(planned.article.file);
    const clinic = brands.get(planned.clinic.file);
    if (!article || !clinic) {
      failed++;
      markFailed(manifest, planned.output);
      continue;
    }
    const job = outputJob(project, planned, article, clinic, run.output);
    const labelWarning = missingLabelsWarning(article.value, [job.labels ?? {}, job.brand.labels], job.brand);
    const said = labelWarning ? [labelWarning] : [];
    found.add(said);
    const entry = options.force ? undefined : manifest.outputs[planned.output];
    const fresh =
      entry !== undefined &&
      !entry.failed &&
      entry.inputHash === inputsHash(checker.states(entry.inputs), job.settings) &&
      isIntact(join(outDir, planned.output), entry.sha256);
    statuses.push({
      output: planned.output,
      article: planned.article.id,
      clinic: planned.clinic.id,
      template: planned.template,
      reason: planned.reason,
      status: fresh ? 'up-to-date' : 'build',
    });
    if (!fresh) work.push({ planned, job, said });
    else {
      upToDate++;
      // What an up-to-date output was warned about still holds: said again, so a no-op build hides nothing.
      found.earlier.push(...localDiagnostics(entry?.diagnostics ?? [], root).filter((d) => d.severity === 'warning'));
    }
  }
  const unplanned = unplannedOutputs(manifest, selection.planned);
  if (options.dryRun) {
    found.add(unplannedWarnings(unplanned, outDir));
    return report({ plan: statuses, upToDate, failed, unplanned });
  }

  removeStaleTemporaries([outDir, ...selected.map((o) => dirname(join(outDir, o.output)))], run.folder);
  options.onEvent?.({ type: 'start', total: selected.length, toBuild: work.length, upToDate });
  const plan = recordedPlan(previous.plan, run);
  const save = () => saveManifest(manifestPath, { data: manifest, tool: version, plan }, found, run.folder);
  const outputs = await runAll(work, { ...options, output: run.output }, run, manifest, save);
  failed += work.length - outputs.length;
  let pruned: string[] = [];
  // A plan with errors (an unknown id in a rule) could make good outputs look unplanned: nothing is pruned then.
  if (options.prune && !selection.problems.some((p) => p.severity === 'error')) {
    try {
      const result = pruneOutputs(manifest, unplanned, outDir, { folder: run.folder });
      pruned = result.removed;
      found.add(result.warnings);
    } catch (error) {
      found.add(problemsOf(error, outDir));
    }
  }
  found.add(
    unplannedWarnings(
      unplanned.filter((o) => !pruned.includes(o) && manifest.outputs[o]),
      outDir,
    ),
  );
  relateTranslations(manifest, languages);
  recordReadability(manifest, new Map([...articles].map(([file, a]) => [file, a?.value ?? null])), root);
  save();
  const fresh = new Set(statuses.filter((s) => s.status === 'up-to-date').map((s) => s.output));
  const built = new Set(outputs.map((handout) => handout.path));
  const results = resultsOf(selected, outDir, { fresh, built, manifest });
  return report({ plan: statuses, outputs, results, upToDate, failed, unplanned, pruned });
}

/** Each selected output's fate: built in this run, up to date, or failed. */
function resultsOf(
  selected: readonly PlannedOutput[],
  outDir: string,
  done?: { fresh: ReadonlySet<string>; built: ReadonlySet<string>; manifest: ManifestData },
): OutputResult[] {
  return selected.map((planned) => {
    const path = join(outDir, planned.output);
    const status = done?.built.has(path) ? 'built' : done?.fresh.has(planned.output) ? 'up-to-date' : 'failed';
    const entry = status === 'failed' ? undefined : done?.manifest.outputs[planned.output];
    return {
      output: planned.output,
      article: planned.article.id,
      clinic: planned.clinic.id,
      template: planned.template,
      path,
      status,
      pages: entry?.pages ?? null,
      bytes: entry?.bytes ?? null,
    };
  });
}

/**
 * The plan and the part of it the folder holds after this run: a whole or sharded run records its own; a
 * folder that held the whole plan still does after a shard of it; a filtered run changes no part, and leaves
 * the folder without one when the plan changed under it.
 */
function recordedPlan(previous: ManifestPlan | null, run: Run): ManifestPlan | null {
  const { whole } = run.selection;
  const id = planId(run.project, whole, run.output);
  const same = previous?.id === id;
  if (run.selection.filtered) return same ? previous : null;
  const shard = run.options.shard ?? { index: 1, count: 1 };
  const all = { index: 1, count: 1 };
  return { id, shard: same && previous.shard.count === 1 ? all : shard, outputs: whole.length };
}

/** A run's diagnostics as reported: each once, what the config silences left out, earlier warnings marked. */
function reported(found: Findings, project: Project) {
  const said = (problems: readonly Diagnostic[]) => silenceDiagnostics(dedupeProblems(problems), project);
  const errors = said(found.errors);
  // Found again in this run (labels missing), a stored warning is this run's, not an earlier build's.
  const fresh = new Set(found.warnings.map(dedupeKey));
  const warnings = said([...found.warnings, ...found.earlier]);
  const notes = said(found.notes);
  return {
    errors: errors.kept,
    warnings: warnings.kept,
    notes: notes.kept,
    earlier: warnings.kept.filter((w) => !fresh.has(dedupeKey(w))),
    silenced: warnings.silenced + notes.silenced,
  };
}

function contextOf(planned: PlannedOutput) {
  return {
    article: planned.article.id,
    clinic: planned.clinic.id,
    template: planned.template,
    output: planned.output,
  };
}

/** A failed output keeps its entry, marked: its earlier PDF is still the tool's, and prune must still find it. */
function markFailed(manifest: ManifestData, output: string): void {
  const previous = manifest.outputs[output];
  if (previous) manifest.outputs[output] = { ...previous, failed: true };
}

/** The manifest lists only whole files; if it cannot be written, the previous one stays (whole, and still true of its files). */
function saveManifest(path: string, file: ManifestFile, found: Findings, folder?: PinnedFolder): boolean {
  try {
    writeManifest(path, file, { folder });
    return true;
  } catch (error) {
    if (!found.errors.some((e) => e.code === outputProblemCode)) found.add(problemsOf(error, path));
    return false;
  }
}

async function runAll(
  work: readonly Work[],
  options: BuildOptions & { output: OutputOptions },
  run: Run,
  manifest: ManifestData,
  save: () => boolean,
): Promise<BuiltHandout[]> {
  if (work.length === 0) return [];
  const { found, folder } = run;
  const { outDir, root } = run.project;
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
      work.map(async ({ planned, job, said }) => {
        const path = join(outDir, planned.output);
        if (outputFailed) return;
        const result = await pool.run({ ...job, path, ...(folder ? { folder } : {}) });
        const about = contextOf(planned);
        if (result.type === 'failed') {
          markFailed(manifest, planned.output);
          const outputProblem = result.problems.some((p) => p.code === outputProblemCode);
          if (outputProblem && outputFailed) return;
          if (outputProblem) pool.abort();
          outputFailed ||= outputProblem;
          const problems = aboutHandout(result.problems, about);
          found.add(problems);
          options.onEvent?.({ type: 'failed', output: planned.output, problems });
          return;
        }
        const notes = aboutHandout(result.notes, about);
        found.add(notes);
        manifest.outputs[planned.output] = {
          article: job.article.id,
          clinic: job.brand.id,
          template: planned.template,
          inputs: result.inputs,
          inputHash: result.inputHash,
          sha256: result.sha256,
          pages: result.pages,
          bytes: result.bytes,
          diagnostics: portableDiagnostics([...said, ...notes], root),
        };
        const { article, clinic, template } = about;
        const handout = { article, clinic, template, path, pages: result.pages, bytes: result.bytes };
        outputs.push(handout);
        options.onEvent?.({ type: 'built', handout });
        if (performance.now() - lastSave > 1000) {
          if (!save()) {
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

function readEach<T>(files: readonly string[], read: (file: string) => T, found: Findings): Map<string, T | null> {
  const out = new Map<string, T | null>();
  for (const file of files) {
    if (out.has(file)) continue;
    try {
      out.set(file, read(file));
    } catch (error) {
      found.add(problemsOf(error, file));
      out.set(file, null);
    }
  }
  return out;
}
