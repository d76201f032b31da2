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
}

/** `handout import`: each file becomes content/articles/<id>.md, with a report of what was done. */
export function runImport(files: readonly string[], options: ImportCommand, io: CliIo): number {
  let failed = 0;
  for (const file of files) {
    const shown = relative(io.cwd, file);
    try {
      const result = importArticle(file, { id: options.id, lang: options.lang, diff: options.diff });
      const target = join(options.outDir, `${result.id}.md`);
      const { report } = result;
      io.stderr(
        `${shown}: "${result.title}" (${result.lang}), ${report.sections} section${report.sections === 1 ? '' : 's'}, ${report.removed.length} leftover${report.removed.length === 1 ? '' : 's'} removed\n`,
      );
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
