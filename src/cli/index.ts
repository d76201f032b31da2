import { relative, resolve } from 'node:path';
import yargs from 'yargs';
import type { BuildPool } from '../batch/pool.js';
import type { BuildReport } from '../batch/types.js';
import type { CheckReport } from '../check/index.js';
import { formatProblem, type Problem, problemsOf } from '../errors.js';
import { readConfined } from '../shared/confined-read.js';
import { limits } from '../shared/limits.js';
import { length } from '../spec/values.js';
import { version } from '../version.js';
import { type CliIo, processIo } from './io.js';

export type { CliIo } from './io.js';

/** Which handouts a command works on; build and check take the same. */
const selection = {
  article: { type: 'string', array: true, default: [] as string[], describe: 'Only this article id (repeatable)' },
  clinic: { type: 'string', array: true, default: [] as string[], describe: 'Only this clinic id (repeatable)' },
  template: {
    type: 'string',
    describe: 'Use this template for everything selected (default: the config\'s rules, else "handout")',
  },
} as const;

/** Run the command line; resolves to the exit code (0 done, 1 something failed, 2 usage error). */
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
      'Build every planned handout into out/ (incremental)',
      (y) =>
        y
          .option('out', { type: 'string', describe: 'Output folder (default: the config\'s "out", else <root>/out)' })
          .options(selection)
          .option('jobs', { type: 'number', describe: 'Worker threads (default: number of cores; 1 = main thread)' })
          .option('force', { type: 'boolean', default: false, describe: 'Rebuild outputs that are up to date' })
          .option('shard', { type: 'string', describe: 'Build part I of N of the plan, e.g. 2/4' })
          .option('dry-run', {
            type: 'boolean',
            default: false,
            describe: 'Print the plan (what would be built and why)',
          })
          .option('watch', { type: 'boolean', default: false, describe: 'Rebuild when inputs change' })
          .option('pdfa', { type: 'boolean', describe: 'Write PDF/A-2a (archival; tagged PDF/UA as always)' })
          .option('bleed', { type: 'string', describe: 'Bleed for the print shop, e.g. 0.125in or 3mm' })
          .option('marks', { type: 'boolean', describe: 'Crop marks outside the trim' })
          .option('cmyk', { type: 'boolean', describe: 'CMYK colors, black text in K only' })
          .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object on stdout' })
          .option('quiet', { type: 'boolean', default: false, describe: 'Print only problems and the summary' })
          .check((args) => {
            if (args.shard !== undefined && !parseShard(args.shard))
              throw new Error('--shard takes I/N with 1 ≤ I ≤ N, e.g. 2/4');
            if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1))
              throw new Error('--jobs takes a whole number of at least 1');
            if (args.bleed !== undefined) length(args.bleed);
            return true;
          }),
      async (args) => {
        // Commands load what they need when they run: `handout --help` stays fast.
        const [{ buildProject }, { createPool }, { createReporter }] = await Promise.all([
          import('../batch/index.js'),
          import('../batch/pool.js'),
          import('./progress.js'),
        ]);
        const root = resolve(io.cwd, args.root);
        const base = {
          root,
          out: args.out ? resolve(io.cwd, args.out) : undefined,
          articles: args.article,
          clinics: args.clinic,
          template: args.template ?? null,
          force: args.force,
          jobs: args.jobs,
          // Every handout in a worker with a time and memory budget, unless --jobs 1 asks for the main thread.
          handoutSeconds: args.jobs === 1 ? undefined : limits.handoutSeconds,
          shard: args.shard ? parseShard(args.shard) : null,
          output: {
            ...(args.pdfa !== undefined ? { pdfa: args.pdfa } : {}),
            ...(args.bleed !== undefined ? { bleed: length(args.bleed) } : {}),
            ...(args.marks !== undefined ? { marks: args.marks } : {}),
            ...(args.cmyk !== undefined ? { cmyk: args.cmyk } : {}),
          },
        };
        if (args['dry-run']) {
          const report = await buildProject({ ...base, dryRun: true });
          printPlan(report, io, args.json);
          exitCode = report.errors.length > 0 ? 1 : 0;
          return;
        }
        const once = async (pool?: BuildPool) => {
          const started = performance.now();
          const reporter = createReporter(io, { quiet: args.quiet, json: args.json });
          const report = await buildProject({ ...base, pool, onEvent: reporter.onEvent });
          reporter.finish();
          if (args.json) io.stdout(`${JSON.stringify(jsonReport(report))}\n`);
          else printSummary(report, io, performance.now() - started);
          return report;
        };
        if (!args.watch) {
          const report = await once();
          exitCode = report.errors.length > 0 || report.failed > 0 ? 1 : 0;
          return;
        }
        // Watch mode always builds in workers: a crashed or runaway one is replaced, and watching goes on.
        const pool = createPool(args.jobs ?? 2, { handoutSeconds: limits.handoutSeconds });
        const first = await once(pool);
        const { watchProject } = await import('./watch.js');
        await watchProject(root, first.outDir, async () => void (await once(pool)), io);
        await pool.close();
      },
    )
    .command(
      'check',
      'Check the whole project without writing a PDF; list every problem',
      (y) =>
        y
          .options(selection)
          .option('strict', { type: 'boolean', default: false, describe: 'Reading level over the gate is an error' })
          .option('print', {
            type: 'boolean',
            default: false,
            describe: 'Preflight for print: image resolution, hairlines, small text',
          })
          .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object on stdout' }),
      async (args) => {
        const { checkProject } = await import('../check/index.js');
        const report = checkProject({
          root: resolve(io.cwd, args.root),
          articles: args.article,
          clinics: args.clinic,
          template: args.template ?? null,
          strict: args.strict,
          print: args.print,
        });
        if (args.json) io.stdout(`${JSON.stringify(report)}\n`);
        else {
          for (const p of report.problems)
            io.stdout(`${formatProblem({ ...p, file: relative(io.cwd, p.file) || '.' })}\n`);
          io.stdout(readabilityTable(report, io.cwd));
          const { checked } = report;
          io.stdout(
            `checked ${checked.articles} articles, ${checked.clinics} clinics, ${checked.planned} planned handouts: ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}${report.notes > 0 ? `, ${report.notes} note${report.notes === 1 ? '' : 's'}` : ''}\n`,
          );
        }
        exitCode = report.errors > 0 ? 1 : 0;
      },
    )
    .command(
      'proof',
      'Draw every page as PNG, and contact sheets per clinic and per article (builds what is out of date first)',
      (y) =>
        y
          .option('out', { type: 'string', describe: 'Output folder (default: the config\'s "out", else <root>/out)' })
          .options(selection)
          .option('dpi', { type: 'number', default: 72, describe: 'Resolution of the page images' })
          .option('pages', {
            choices: ['first', 'all'] as const,
            default: 'first' as const,
            describe: 'Contact sheets show page 1 of each handout, or every page',
          })
          .option('sheets', { type: 'boolean', default: true, describe: 'Draw contact sheets (--no-sheets: none)' })
          .option('force', { type: 'boolean', default: false, describe: 'Redraw proofs that are up to date' })
          .option('jobs', { type: 'number', describe: 'Worker threads (default: by the amount of work)' })
          .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object on stdout' })
          .check((args) => {
            if (!(args.dpi >= 9 && args.dpi <= 600)) throw new Error('--dpi takes a number from 9 to 600');
            if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1))
              throw new Error('--jobs takes a whole number of at least 1');
            return true;
          }),
      async (args) => {
        if (usageError !== null) return; // yargs still calls the handler after a failed check
        const { runProof } = await import('./proof-command.js');
        exitCode = await runProof(
          {
            root: resolve(io.cwd, args.root),
            out: args.out ? resolve(io.cwd, args.out) : undefined,
            articles: args.article,
            clinics: args.clinic,
            template: args.template ?? null,
            dpi: args.dpi,
            pages: args.pages,
            sheets: args.sheets,
            force: args.force,
            jobs: args.jobs,
            json: args.json,
          },
          io,
        );
      },
    )
    .command(
      'diff <old> <new>',
      'Compare two builds (output folders with manifests): what changed, page by page; exit 1 if anything did',
      (y) =>
        y
          .positional('old', { type: 'string', demandOption: true, describe: 'Output folder of the base build' })
          .positional('new', { type: 'string', demandOption: true, describe: 'Output folder of the new build' })
          .option('report', {
            type: 'string',
            default: 'diff-report',
            describe: 'Folder for the HTML report (--no-report: none)',
          })
          .option('threshold', {
            type: 'number',
            default: 0,
            describe: "Share of a page's pixels (0–1) that may differ without counting as a change",
          })
          .option('dpi', { type: 'number', default: 72, describe: 'Resolution pages are compared at' })
          .option('jobs', { type: 'number', describe: 'Worker threads (default: by the amount of work)' })
          .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object on stdout' })
          .check((args) => {
            if (!args.old || !args.new) throw new Error('diff takes two output folders: handout diff OLD NEW');
            if (!(args.threshold >= 0 && args.threshold < 1))
              throw new Error('--threshold takes a share from 0 to 1, e.g. 0.001');
            if (!(args.dpi >= 9 && args.dpi <= 600)) throw new Error('--dpi takes a number from 9 to 600');
            if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1))
              throw new Error('--jobs takes a whole number of at least 1');
            return true;
          }),
      async (args) => {
        if (usageError !== null) return;
        const { runDiff } = await import('./diff-command.js');
        exitCode = await runDiff(
          {
            old: resolve(io.cwd, args.old),
            new: resolve(io.cwd, args.new),
            // yargs turns --no-report into false.
            report: typeof args.report === 'string' ? resolve(io.cwd, args.report) : null,
            threshold: args.threshold,
            dpi: args.dpi,
            jobs: args.jobs,
            json: args.json,
          },
          io,
        );
      },
    )
    .command(
      'serve',
      'Preview every handout in the browser (127.0.0.1), updated live as files change',
      (y) =>
        y
          .option('out', { type: 'string', describe: 'Output folder (default: the config\'s "out", else <root>/out)' })
          .options(selection)
          .option('port', { type: 'number', default: 4310, describe: 'Port on 127.0.0.1 (0: any free port)' })
          .option('dpi', { type: 'number', default: 72, describe: 'Resolution of the page images' })
          .option('jobs', { type: 'number', describe: 'Worker threads for builds and proofs (default 2)' })
          .check((args) => {
            if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
              throw new Error('--port takes a whole number from 0 to 65535');
            if (!(args.dpi >= 9 && args.dpi <= 600)) throw new Error('--dpi takes a number from 9 to 600');
            if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1))
              throw new Error('--jobs takes a whole number of at least 1');
            return true;
          }),
      async (args) => {
        if (usageError !== null) return;
        const { runServe } = await import('./serve-command.js');
        exitCode = await runServe(
          {
            root: resolve(io.cwd, args.root),
            out: args.out ? resolve(io.cwd, args.out) : undefined,
            articles: args.article,
            clinics: args.clinic,
            template: args.template ?? null,
            port: args.port,
            dpi: args.dpi,
            jobs: args.jobs,
          },
          io,
        );
      },
    )
    .command(
      'import <files..>',
      'Turn web pages (saved HTML, or text copied from them) into Markdown articles',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, demandOption: true, describe: 'HTML or text files' })
          .option('id', {
            type: 'string',
            describe: 'Article id (file name) for a single import; default: from the title',
          })
          .option('out', { type: 'string', describe: 'Folder for the articles (default: <root>/content/articles)' })
          .option('lang', { type: 'string', describe: 'Language (BCP 47); default: detected' })
          .option('dry-run', { type: 'boolean', default: false, describe: 'Print the Markdown instead of writing it' })
          .option('diff', {
            type: 'boolean',
            default: false,
            describe: "Add to the report the page's words against the article's: what was dropped or added",
          })
          .option('force', { type: 'boolean', default: false, describe: 'Overwrite an existing article' }),
      async (args) => {
        const files = (args.files ?? []).map((f) => resolve(io.cwd, f));
        if (args.id && files.length > 1) {
          usageError = '--id names one article: import one file at a time with it';
          return;
        }
        const outDir = args.out ? resolve(io.cwd, args.out) : resolve(io.cwd, args.root, 'content', 'articles');
        const { runImport } = await import('./import-command.js');
        exitCode = runImport(
          files,
          { outDir, id: args.id, lang: args.lang, dryRun: args['dry-run'], force: args.force, diff: args.diff },
          io,
        );
      },
    )
    .command(
      'manifest merge <files..>',
      "Merge the manifests of a sharded build's parts",
      (y) =>
        y
          .positional('files', { type: 'string', array: true, demandOption: true, describe: 'manifest.json files' })
          .option('out', { type: 'string', demandOption: true, describe: 'Where to write the merged manifest' }),
      async (args) => {
        const { mergeManifests, readManifest, writeManifest } = await import('../batch/manifest.js');
        const files = (args.files ?? []).map((f) => resolve(io.cwd, f));
        // Each must be a readable file: a missing shard's manifest is an error, not an empty part.
        const texts = files.map((file) => readConfined(file, { roots: null, what: 'manifest' }).bytes.toString('utf8'));
        const merged = mergeManifests(files.map((file) => ({ file, data: readManifest(file) })));
        for (const conflict of merged.conflicts) io.stderr(`error: ${conflict}\n`);
        const tool = (JSON.parse(texts[0] ?? '{}') as { tool?: string }).tool ?? version;
        writeManifest(resolve(io.cwd, args.out), tool, merged.data);
        io.stdout(`merged ${files.length} manifests: ${Object.keys(merged.data.outputs).length} outputs\n`);
        exitCode = merged.conflicts.length > 0 ? 1 : 0;
      },
    )
    .fail((message, error) => {
      if (error && !message) throw error;
      usageError = message ?? error?.message ?? 'usage error';
    })
    .exitProcess(false);
  try {
    await parser.parseAsync();
  } catch (error) {
    // The last guard: whatever went wrong is printed as a problem, never as a stack trace.
    for (const problem of problemsOf(error, io.cwd))
      io.stderr(`${formatProblem({ ...problem, file: relative(io.cwd, problem.file) || '.' })}\n`);
    return 1;
  }
  if (usageError !== null) {
    io.stderr(`handout: ${usageError}\nRun "handout --help" for usage.\n`);
    return 2;
  }
  return exitCode;
}

function readabilityTable(report: CheckReport, cwd: string): string {
  const lines = [`Readability (gate: grade ${report.maxGrade}):`];
  for (const r of report.readability) {
    const score =
      r.fleschKincaidGrade !== null
        ? `Flesch–Kincaid grade ${r.fleschKincaidGrade}${r.smogGrade !== null ? `, SMOG ${r.smogGrade}` : ''}`
        : r.fernandezHuerta !== null
          ? `Fernández-Huerta ${r.fernandezHuerta} (about grade ${r.grade})`
          : `not graded (${r.lang})`;
    lines.push(
      `  ${relative(cwd, r.file)}: ${score}; ${r.wordsPerSentence} words per sentence, ${r.sentences} sentences`,
    );
    for (const s of r.longestSentences.slice(0, 2)) {
      lines.push(`    line ${s.line}: ${s.words} words: "${s.text.slice(0, 70)}${s.text.length > 70 ? '…' : ''}"`);
    }
    if (r.longWords.length) lines.push(`    long words: ${r.longWords.slice(0, 10).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function parseShard(text: string): { index: number; count: number } | null {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) return null;
  const [index, count] = [Number(match[1]), Number(match[2])];
  return index >= 1 && index <= count ? { index, count } : null;
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
    upToDate: report.upToDate,
    failed: report.failed,
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

function printPlan(report: BuildReport, io: CliIo, json: boolean): void {
  if (json) io.stdout(`${JSON.stringify({ plan: report.plan, errors: jsonReport(report).errors })}\n`);
  else {
    for (const item of report.plan) {
      const what = item.status === 'up-to-date' ? 'up to date' : 'would build';
      io.stdout(`${what.padEnd(11)} ${item.output}  [${item.template}; ${item.reason}]\n`);
    }
    const toBuild = report.plan.filter((p) => p.status === 'build').length;
    io.stdout(`${report.plan.length} planned: ${toBuild} to build, ${report.plan.length - toBuild} up to date\n`);
  }
  for (const e of report.errors) io.stderr(`${formatProblem({ ...e, file: relative(io.cwd, e.file) || '.' })}\n`);
}

function printSummary(report: BuildReport, io: CliIo, ms: number): void {
  const shown = (p: Problem) => formatProblem({ ...p, file: relative(io.cwd, p.file) || '.' });
  for (const w of report.warnings) io.stderr(`${shown(w)}\n`);
  // On a terminal the reporter showed problems as they came; here every one is listed once more, together.
  for (const e of report.errors) io.stderr(`${shown(e)}\n`);
  const seconds = ms / 1000;
  const rate = report.outputs.length > 0 ? `, ${(report.outputs.length / seconds).toFixed(1)}/s` : '';
  const summary = `${report.outputs.length} built, ${report.upToDate} up to date, ${report.failed} failed in ${seconds.toFixed(2)} s${rate}`;
  if (report.errors.length > 0 || report.failed > 0) io.stderr(`${summary}\n`);
  else io.stdout(`${summary}\n`);
}
