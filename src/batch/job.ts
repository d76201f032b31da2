import { isAbsolute, join, relative } from 'node:path';
import { readBrand } from '../brand/index.js';
import type { Brand } from '../brand/types.js';
import { readArticle } from '../content/index.js';
import type { Article } from '../content/types.js';
import type { Diagnostic } from '../errors.js';
import type { OutputJob, OutputOptions } from '../pipeline.js';
import type { PlannedOutput } from '../project/plan.js';
import type { Project } from '../project/types.js';
import { sha256 } from '../shared/confined-read.js';
import { InputRecord, type InputStates } from '../shared/input-record.js';
import { length } from '../shared/length.js';
import { labelsFor } from '../template/labels.js';
import { version } from '../version.js';

/** A file read in the main thread, with what reading it read (an article; a clinic file and its logo). */
export interface Recorded<T> {
  readonly value: T;
  readonly inputs: InputStates;
}

export function readArticleRecorded(file: string, root: string): Recorded<Article> {
  const record = new InputRecord();
  return { value: readArticle(file, root, record), inputs: record.states(root) };
}

export function readBrandRecorded(file: string, root: string): Recorded<Brand> {
  const record = new InputRecord();
  return { value: readBrand(file, root, record), inputs: record.states(root) };
}

/** One planned output as a job: the same for `handout build`, watch mode and the library's buildHandout. */
export function outputJob(
  project: Project,
  planned: PlannedOutput,
  article: Recorded<Article>,
  clinic: Recorded<Brand>,
  output: OutputOptions,
): OutputJob {
  const brand = planned.page ? { ...clinic.value, page: planned.page } : clinic.value;
  return {
    root: project.root,
    article: article.value,
    brand,
    template: planned.template,
    output,
    labels: project.config.labels ?? {},
    // Not the config file itself: what it says that applies to this output is in the settings.
    inputs: { ...article.inputs, ...clinic.inputs },
    settings: {
      ...buildSettings(output),
      template: planned.template,
      page: brand.page,
      labels: labelsFor(article.value.lang, [project.config.labels ?? {}, brand.labels], brand),
    },
  };
}

/**
 * The settings every output of a run depends on besides its files. The config is taken as parsed, each
 * output keeping only what applies to it (its template, page and labels), so its comments, layout and key
 * order change nothing.
 */
function buildSettings(output: OutputOptions): Record<string, unknown> {
  return { tool: version, output, date: process.env.SOURCE_DATE_EPOCH ?? null };
}

/**
 * The whole plan in one hash (every output with its article, clinic, template, the config's page and labels
 * for it, and the run's settings): shards of one plan agree on it, shards of two plans do not.
 */
export function planId(project: Project, outputs: readonly PlannedOutput[], output: OutputOptions): string {
  const labels = project.config.labels ?? {};
  const each = outputs.map((o) => [
    o.output,
    o.article.id,
    o.clinic.id,
    o.template,
    o.page,
    labelsFor(o.lang, [labels]),
  ]);
  return sha256(JSON.stringify([buildSettings(output), each]));
}

/** Command-line flags (or the library's options) win over the config file; everything unset is off. */
export function outputOptions(flags: Partial<OutputOptions>, config: Project['config']): OutputOptions {
  return {
    pdfa: flags.pdfa ?? config.pdfa ?? false,
    bleed: flags.bleed ?? (config.print?.bleed ? length(config.print.bleed) : 0),
    marks: flags.marks ?? config.print?.marks ?? false,
    cmyk: flags.cmyk ?? config.print?.cmyk ?? false,
    // Only a stamped build records a stamp: unstamped builds keep the settings (and freshness) they had.
    ...(flags.stamp ? { stamp: flags.stamp } : {}),
  };
}

/** Diagnostics as a manifest keeps them: paths relative to the project, so the record is the same anywhere. */
export function portableDiagnostics(problems: readonly Diagnostic[], root: string): Diagnostic[] {
  return problems.map((p) => ({ ...p, file: relative(root, p.file) || '.' }));
}

/** Stored diagnostics back with absolute paths. */
export function localDiagnostics(problems: readonly Diagnostic[], root: string): Diagnostic[] {
  return problems.map((p) => ({ ...p, file: isAbsolute(p.file) ? p.file : join(root, p.file) }));
}
