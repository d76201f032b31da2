import { resolve } from 'node:path';
import type { BuildOptions, BuildReport } from '../../batch/types.js';
import { dedupeKey } from '../../errors.js';
import { workBudget } from '../../shared/limits.js';
import { defineCommand } from '../command.js';
import type { CliIo } from '../io.js';
import {
  bleedValue,
  jobsValue,
  jsonOption,
  projectOptions,
  projectSelection,
  reportOptions,
  selectionOptions,
  shardValue,
  versionValue,
} from '../options.js';
import {
  groupedText,
  plural,
  printDiagnostics,
  printJson,
  shownPath,
  warningLimitExceeded,
  warningLimitFields,
} from '../report.js';

export const build = defineCommand({
  command: 'build',
  aliases: ['$0'],
  describe: 'Build every planned handout into the output folder (incrementally)',
  options: {
    ...projectOptions,
    out: { type: 'string', describe: 'Output folder (default: the config\'s "out", else <root>/out)' },
    ...selectionOptions,
    jobs: {
      type: 'string',
      coerce: jobsValue,
      describe: 'Worker processes (default: one per 100 handouts, up to the cores)',
    },
    force: { type: 'boolean', default: false, describe: 'Rebuild outputs that are up to date' },
    shard: { type: 'string', coerce: shardValue, describe: 'Build part I of N of the plan, e.g. 2/4' },
    'dry-run': {
      type: 'boolean',
      default: false,
      describe: 'Print the plan (what would be built and why); write nothing',
    },
    prune: { type: 'boolean', default: false, describe: 'Remove outputs the plan no longer builds' },
    watch: { type: 'boolean', default: false, describe: 'Rebuild when inputs change, until Ctrl+C' },
    pdfa: { type: 'boolean', describe: 'Write PDF/A-2a (archival; tagged PDF/UA as always)' },
    bleed: { type: 'string', coerce: bleedValue, describe: 'Bleed for the print shop, e.g. 0.125in or 3mm' },
    marks: { type: 'boolean', describe: 'Crop marks outside the trim' },
    cmyk: { type: 'boolean', describe: 'CMYK colours, black text in K only' },
    stamp: {
      type: 'string',
      coerce: versionValue('--stamp'),
      describe: 'Print this version in every footer and the PDF metadata (as `release` does)',
    },
    ...jsonOption,
    quiet: { type: 'boolean', default: false, describe: 'Print only warnings, errors and the summary' },
    ...reportOptions,
  },
  check: (args) => {
    if (args.watch && (args['dry-run'] || args.shard))
      throw new Error('--watch cannot be combined with --dry-run or --shard');
    if (args.watch && args.json) throw new Error('--watch prints as it goes: it cannot be combined with --json');
    if (args['dry-run'] && args['max-warnings'] !== undefined)
      throw new Error('--dry-run builds nothing, so it has no warnings to count: leave out --max-warnings');
  },
  examples: [
    ['handout build', 'everything planned, incrementally'],
    ['handout build --article knee-pain --clinic harbor --template handout', 'one handout'],
    ['handout build --shard 2/4 --out shards/2', 'part 2 of 4 (CI)'],
  ],
  async run(args, io) {
    const base: BuildOptions = {
      ...projectSelection(args, io.cwd),
      force: args.force,
      jobs: args.jobs,
      prune: args.prune,
      // Every handout in a worker with a time and memory budget, unless --jobs 1 asks for the main thread.
      handoutSeconds: args.jobs === 1 ? undefined : workBudget().seconds,
      shard: args.shard ?? null,
      output: {
        ...(args.pdfa !== undefined ? { pdfa: args.pdfa } : {}),
        ...(args.bleed !== undefined ? { bleed: args.bleed } : {}),
        ...(args.marks !== undefined ? { marks: args.marks } : {}),
        ...(args.cmyk !== undefined ? { cmyk: args.cmyk } : {}),
        ...(args.stamp !== undefined ? { stamp: args.stamp } : {}),
      },
    };
    return runBuild(base, args, io);
  },
});

interface BuildArgs {
  readonly 'dry-run': boolean;
  readonly watch: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly jobs: number | undefined;
  readonly verbose: boolean;
  readonly 'max-warnings': number | undefined;
}

async function runBuild(base: BuildOptions, args: BuildArgs, io: CliIo): Promise<number> {
  // Commands load what they need when they run: `handout --help` stays fast.
  const { buildProject } = await import('../../batch/index.js');
  if (args['dry-run']) {
    const report = await buildProject({ ...base, dryRun: true });
    const code = report.errors.length > 0 ? 1 : 0;
    printPlan(report, io, args.json, code);
    return code;
  }
  const { createReporter } = await import('../progress.js');
  const once = async (options: BuildOptions) => {
    const started = performance.now();
    const reporter = createReporter(io, { quiet: args.quiet, json: args.json });
    // The bar is stopped (and the terminal given back) whether the build finished or threw.
    const report = await buildProject({ ...options, onEvent: reporter.onEvent }).finally(reporter.finish);
    const overLimit = warningLimitExceeded(report.warnings, args['max-warnings']);
    const code = report.errors.length > 0 || report.failed > 0 || overLimit ? 1 : 0;
    if (args.json)
      printJson(
        io,
        'build',
        code,
        diagnosticsOf(report),
        {
          ...buildFields(report, io),
          ...warningLimitFields(report.warnings, args['max-warnings'], report.silenced),
        },
        report.earlier,
      );
    else {
      printSummary(report, io, performance.now() - started, args);
      if (overLimit) io.stderr(`${overLimit}\n`);
    }
    return { report, code };
  };
  if (!args.watch) return (await once(base)).code;
  // Watch mode always builds in workers: a crashed or runaway one is replaced, and watching goes on.
  const { createPool } = await import('../../batch/pool.js');
  const pool = createPool(args.jobs ?? 2, { handoutSeconds: workBudget().seconds });
  const first = await once({ ...base, pool });
  const { watchProject } = await import('../watch.js');
  await watchProject(first.report.root, first.report.outDir, async () => void (await once({ ...base, pool })), io, {
    config: base.config,
  });
  await pool.close();
  return 0;
}

function diagnosticsOf(report: BuildReport) {
  return [...report.errors, ...report.warnings, ...report.notes];
}

function buildFields(report: BuildReport, io: CliIo) {
  return {
    root: shownPath(report.root, io),
    outDir: shownPath(report.outDir, io),
    outputs: report.outputs.map(({ article, clinic, template, path, pages, bytes }) => ({
      article,
      clinic,
      template,
      path: shownPath(path, io),
      pages,
      bytes,
    })),
    // Every output the run selected, with what became of it: a CI script needs the failed ones by name.
    results: report.results.map((result) => ({ ...result, path: shownPath(result.path, io) })),
    upToDate: report.upToDate,
    failed: report.failed,
    unplanned: report.unplanned,
    pruned: report.pruned,
  };
}

function printPlan(report: BuildReport, io: CliIo, json: boolean, code: number): void {
  if (json) {
    printJson(
      io,
      'build',
      code,
      diagnosticsOf(report),
      {
        dryRun: true,
        root: shownPath(report.root, io),
        outDir: shownPath(report.outDir, io),
        plan: report.plan,
        unplanned: report.unplanned,
      },
      report.earlier,
    );
    return;
  }
  for (const item of report.plan) {
    const what = item.status === 'up-to-date' ? 'up to date' : 'would build';
    io.stdout(`${what.padEnd(11)} ${item.output}  [${item.template}; ${item.reason}]\n`);
  }
  for (const output of report.unplanned)
    io.stdout(`${'unplanned'.padEnd(11)} ${output}  [would be removed by --prune]\n`);
  const toBuild = report.plan.filter((p) => p.status === 'build').length;
  io.stdout(`${report.plan.length} planned: ${toBuild} to build, ${report.plan.length - toBuild} up to date\n`);
  printDiagnostics(report.errors, io);
}

function printSummary(report: BuildReport, io: CliIo, ms: number, args: BuildArgs): void {
  const { quiet, verbose } = args;
  const earlier = new Set(report.earlier.map(dedupeKey));
  // What earlier builds said of outputs still up to date is summed up, not printed again on every run.
  const warnings = verbose ? report.warnings : report.warnings.filter((w) => !earlier.has(dedupeKey(w)));
  if (!quiet) io.stderr(groupedText(report.notes, io, verbose));
  io.stderr(groupedText(warnings, io, verbose));
  // On a terminal the reporter showed problems as they came; here every one is listed once more, together.
  io.stderr(groupedText(report.errors, io, verbose));
  if (report.earlier.length > 0 && !verbose) io.stderr(`${earlierLine(report)}\n`);
  if (report.silenced > 0 && !quiet)
    io.stderr(
      `${report.silenced} ${report.silenced === 1 ? 'warning or note' : 'warnings and notes'} silenced by the config (diagnostics.ignore)\n`,
    );
  for (const output of report.pruned) io.stdout(`removed ${shownPath(resolve(report.outDir, output), io)}\n`);
  const seconds = ms / 1000;
  const rate = report.outputs.length > 0 ? `, ${(report.outputs.length / seconds).toFixed(1)}/s` : '';
  const pruned = report.pruned.length > 0 ? `, ${report.pruned.length} removed` : '';
  const summary = `${report.outputs.length} built, ${report.upToDate} up to date, ${report.failed} failed${pruned} in ${seconds.toFixed(2)} s${rate}`;
  if (report.errors.length > 0 || report.failed > 0) io.stderr(`${summary}\n`);
  else io.stdout(`${summary}\n`);
}

/** "12 warnings from earlier builds of 8 outputs that are up to date (...)". */
function earlierLine(report: BuildReport): string {
  const outputs = new Set(report.earlier.map((w) => w.output ?? w.file)).size;
  return `${plural(report.earlier.length, 'warning')} from earlier builds of ${plural(outputs, 'output')} that are up to date (--verbose prints them; --force rebuilds them)`;
}
