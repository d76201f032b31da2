import { relative, resolve } from 'node:path';
import yargs from 'yargs';
import { buildProject } from '../batch/index.js';
import type { BuildReport } from '../batch/types.js';
import { formatProblem, type Problem } from '../errors.js';
import { version } from '../version.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

/** Run the command line; resolves to the exit code (0 built, 1 something failed, 2 usage error). */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  let usageError: string | null = null;
  const parser = yargs([...argv])
    .scriptName('handout')
    .version(version)
    .strict()
    .help()
    .option('root', { type: 'string', default: '.', describe: 'Project folder', global: true })
    .command(
      ['build', '$0'],
      'Build every article × clinic into out/<clinic>/<article>.pdf',
      (y) =>
        y
          .option('out', { type: 'string', describe: 'Output folder (default: <root>/out)' })
          .option('article', {
            type: 'string',
            array: true,
            default: [],
            describe: 'Only this article id (repeatable)',
          })
          .option('clinic', { type: 'string', array: true, default: [], describe: 'Only this clinic id (repeatable)' })
          .option('template', { type: 'string', default: 'handout', describe: 'Template name' })
          .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object on stdout' })
          .option('quiet', { type: 'boolean', default: false, describe: 'Print only problems' }),
      async (args) => {
        const root = resolve(io.cwd, args.root);
        const started = performance.now();
        const report = await buildProject({
          root,
          out: args.out ? resolve(io.cwd, args.out) : resolve(root, 'out'),
          articles: args.article,
          clinics: args.clinic,
          template: args.template,
        });
        if (args.json) io.stdout(`${JSON.stringify(jsonReport(report))}\n`);
        else printReport(report, io, args.quiet, performance.now() - started);
        exitCode = report.errors.length > 0 || report.failed > 0 ? 1 : 0;
      },
    )
    .fail((message, error) => {
      if (error) throw error;
      usageError = message;
    })
    .exitProcess(false);
  await parser.parseAsync();
  if (usageError !== null) {
    io.stderr(`handout: ${usageError}\nRun "handout --help" for usage.\n`);
    return 2;
  }
  return exitCode;
}

function jsonReport(report: BuildReport) {
  return {
    outputs: report.outputs.map(({ article, clinic, template, path, pages, bytes }) => ({
      article,
      clinic,
      template,
      path,
      pages,
      bytes,
    })),
    errors: report.errors.map(({ file, line, column, code, message, hint }) => ({
      file,
      line: line ?? null,
      column: column ?? null,
      code,
      message,
      hint: hint ?? null,
    })),
    warnings: report.warnings.map(({ file, code, message }) => ({ file, code, message })),
  };
}

function printReport(report: BuildReport, io: CliIo, quiet: boolean, ms: number): void {
  const shown = (p: Problem) => formatProblem({ ...p, file: relative(io.cwd, p.file) || '.' });
  if (!quiet) {
    for (const o of report.outputs) {
      io.stdout(
        `built ${relative(io.cwd, o.path)} (${o.pages} page${o.pages === 1 ? '' : 's'}, ${Math.round(o.bytes / 1024)} KB)\n`,
      );
    }
    for (const w of report.warnings) io.stderr(`${shown(w)}\n`);
  }
  for (const e of report.errors) io.stderr(`${shown(e)}\n`);
  const summary = `${report.outputs.length} built, ${report.failed} failed in ${(ms / 1000).toFixed(2)} s`;
  if (report.errors.length > 0 || report.failed > 0) io.stderr(`${summary}\n`);
  else if (!quiet) io.stdout(`${summary}\n`);
}
