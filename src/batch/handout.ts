import { basename, dirname, extname, resolve } from 'node:path';
import { aboutHandout, type Diagnostic, HandoutError } from '../errors.js';
import { buildOutput, type OutputOptions } from '../pipeline.js';
import { loadProject } from '../project/index.js';
import { selectOutputs } from '../project/plan.js';
import { silenceDiagnostics } from '../project/silence.js';
import type { InputStates } from '../shared/input-record.js';
import { missingLabelsWarning } from '../template/labels.js';
import { outputJob, outputOptions, readArticleRecorded, readBrandRecorded } from './job.js';

export interface BuildHandoutOptions {
  /** Project folder (default: the current folder). */
  readonly root?: string;
  /** A config file instead of <root>/handout.config.yaml (or .yml). */
  readonly config?: string;
  /** Article id (content/articles/ID.md), or the path of a file in the articles folder. */
  readonly article: string;
  /** Clinic id (content/clinics/ID.yaml), or the path of a file in the clinics folder. */
  readonly clinic: string;
  /** The template to build, as `handout build --template` does (default: handout). */
  readonly template?: string;
  /** Archival and print-shop output; unset fields come from the config, as in the CLI. */
  readonly output?: Partial<OutputOptions>;
}

export interface BuiltHandoutFile {
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** Where `handout build` writes this output, relative to the output folder. */
  readonly output: string;
  /** Warnings and notes, but those the config silences (errors are thrown as a HandoutError carrying every one). */
  readonly diagnostics: readonly Diagnostic[];
  /** Every file it was built from, with its hash (as the manifest records it). */
  readonly inputs: InputStates;
  readonly inputHash: string;
}

/**
 * Build one handout in memory, exactly as `handout build --article A --clinic C --template T` builds it: the
 * same project model (config, per-clinic page, labels, PDF/A and print settings), the same confinement,
 * the same bytes. Nothing is written.
 */
export async function buildHandout(options: BuildHandoutOptions): Promise<BuiltHandoutFile> {
  const project = loadProject({ root: options.root ?? '.', config: options.config });
  const template = options.template ?? 'handout';
  const articles = [idIn(options.article, project.folders.articles, 'article', project.root)];
  const clinics = [idIn(options.clinic, project.folders.clinics, 'clinic', project.root)];
  const selection = selectOutputs(project, { articles, clinics, template }, null);
  const errors = [...project.problems, ...selection.problems].filter((p) => p.severity === 'error');
  if (errors.length > 0) throw HandoutError.fromProblems(errors);
  const [planned] = selection.selected;
  if (!planned) throw new Error('a selection without problems has an output');
  const article = readArticleRecorded(planned.article.file, project.root);
  const clinic = readBrandRecorded(planned.clinic.file, project.root);
  const job = outputJob(project, planned, article, clinic, outputOptions(options.output ?? {}, project.config));
  const built = await buildOutput(job);
  const label = missingLabelsWarning(article.value, [job.labels ?? {}, job.brand.labels], job.brand);
  const about = { article: planned.article.id, clinic: planned.clinic.id, template, output: planned.output };
  return {
    pdf: built.pdf,
    pages: built.layout.pages.length,
    output: planned.output,
    diagnostics: silenceDiagnostics(
      aboutHandout([...job.brand.warnings, ...(label ? [label] : []), ...built.notes], about),
      project,
    ).kept,
    inputs: built.inputs,
    inputHash: built.inputHash,
  };
}

/** An id, or a path that must name a file in its folder (anything else is refused, never read). */
function idIn(value: string, folder: string, kind: 'article' | 'clinic', root: string): string {
  if (!/[\\/]|\.(md|ya?ml)$/i.test(value)) return value;
  const path = resolve(root, value);
  if (dirname(path) === folder) return basename(path, extname(path));
  throw new HandoutError({
    code: 'path-outside',
    message: `${value} is not a file of the project's ${kind === 'article' ? 'articles' : 'clinics'} folder`,
    file: path,
    hint: `Give the ${kind}'s id (its file name without the extension), e.g. "${basename(path, extname(path))}".`,
  });
}
