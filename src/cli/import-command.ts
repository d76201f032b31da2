import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../batch/write.js';
import { formatProblem, problemsOf } from '../errors.js';
import { importArticle } from '../import/index.js';
import type { CliIo } from './io.js';

interface ImportCommand {
  readonly outDir: string;
  readonly id: string | undefined;
  readonly lang: string | undefined;
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly diff: boolean;
  readonly strict: boolean;
}

/** The id, or the id with "-2", "-3"… when another page of this run has it already. */
function unusedId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}

/** `handout import`: each file becomes content/articles/<id>.md, with a report of what was done. */
export function runImport(files: readonly string[], options: ImportCommand, io: CliIo): number {
  let failed = 0;
  // Ids given in this run: two pages with the same title never share one, so none overwrites another.
  const used = new Set<string>();
  for (const file of files) {
    const shown = relative(io.cwd, file);
    try {
      const { lang, diff, strict } = options;
      const result = importArticle(file, { id: options.id, lang, diff, strict });
      const id = unusedId(result.id, used);
      const target = join(options.outDir, `${id}.md`);
      const { report } = result;
      const share =
        report.prose.page > 0
          ? `, ${Math.floor((100 * report.prose.kept) / report.prose.page)}% of the page's prose kept`
          : '';
      io.stderr(
        `${shown}: "${result.title}" (${result.lang}), ${report.sections} section${report.sections === 1 ? '' : 's'}, ${report.removed.length} leftover${report.removed.length === 1 ? '' : 's'} removed${share}\n`,
      );
      if (id !== result.id) io.stderr(`  id: ${id}, as "${result.id}" was given to another page of this run\n`);
      for (const item of report.removed) io.stderr(`  removed ${item}\n`);
      if (report.summary) io.stderr(`  summary: ${report.summary}\n`);
      for (const warning of report.warnings) io.stderr(`  warning: ${warning}\n`);
      if (result.diff !== null)
        io.stderr(`  the page's words against the article's:\n${result.diff.trimEnd().replace(/^/gm, '  ')}\n`);
      if (options.dryRun) {
        (io.document ?? io.stdout)(result.markdown);
        continue;
      }
      if (existsSync(target) && !options.force) {
        io.stderr(
          `${formatProblem({
            code: 'import-exists',
            severity: 'error',
            message: `${relative(io.cwd, target)} already exists; nothing written`,
            file: shown,
            hint: 'Pass --force to overwrite it, or --id to give the new article another name.',
          })}\n`,
        );
        failed++;
        continue;
      }
      writeFileAtomic(target, result.markdown);
      io.stdout(`wrote ${relative(io.cwd, target)}\n`);
    } catch (error) {
      for (const problem of problemsOf(error, file))
        io.stderr(`${formatProblem({ ...problem, file: relative(io.cwd, problem.file) })}\n`);
      failed++;
    }
  }
  return failed > 0 ? 1 : 0;
}
