import { resolve } from 'node:path';
import type { BuildOptions, BuildReport } from '../../batch/types.js';
import { limits } from '../../shared/limits.js';
import { defineCommand } from '../command.js';
import type { CliIo } from '../io.js';
import {
  bleedValue,
  jobsValue,
  jsonOption,
  projectOptions,
  projectSelection,
  selectionOptions,
  shardValue,
} from '../options.js';
import { printDiagnostics, printJson, shownPath } from '../report.js';

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
      describe: 'Worker threads (default: one per 100 handouts, up to the cores)',
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
    ...jsonOption,
    quiet: { type: 'boolean', default: false, describe: 'Print only warnings, errors and the summary' },
  },
  check: (args) => {
    if (args.watch && (args['dry-run'] || args.shard))
      throw new Error('--watch cannot be combined with --dry-run or --shard');
    if (args.watch && args.json) throw new Error('--watch prints as it goes: it cannot be combined with --json');
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
      handoutSeconds: args.jobs === 1 ? undefined : limits.handoutSeconds,
      shard: args.shard ?? null,
      output: {
        ...(args.pdfa !== undefined ? { pdfa: args.pdfa } : {}),
        ...(args.bleed !== undefined ? { bleed: args.bleed } : {}),
        ...(args.marks !== undefined ? { marks: args.marks } : {}),
        ...(args.cmyk !== undefined ? { cmyk: args.cmyk } : {}),
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
    const code = report.errors.length > 0 || report.failed > 0 ? 1 : 0;
    if (args.json) printJson(io, 'build', code, diagnosticsOf(report), buildFields(report, io));
    else printSummary(report, io, performance.now() - started, args.quiet);
    return { report, code };
  };
  if (!args.watch) return (await once(base)).code;
  // Watch mode always builds in workers: a crashed or runaway one is replaced, and watching goes on.
  const { createPool } = await import('../../batch/pool.js');
  const pool = createPool(args.jobs ?? 2, { handoutSeconds: limits.handoutSeconds });
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
    upToDate: report.upToDate,
    failed: report.failed,
    unplanned: report.unplanned,
    pruned: report.pruned,
  };
}

function printPlan(report: BuildReport, io: CliIo, json: boolean, code: number): void {
  if (json) {
    printJson(io, 'build', code, diagnosticsOf(report), {
      dryRun: true,
      root: shownPath(report.root, io),
      outDir: shownPath(report.outDir, io),
      plan: report.plan,
      unplanned: report.unplanned,
    });
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

function printSummary(report: BuildReport, io: CliIo, ms: number, quiet: boolean): void {
  if (!quiet) printDiagnostics(report.notes, io);
  printDiagnostics(report.warnings, io);
  // On a terminal the reporter showed problems as they came; here every one is listed once more, together.
  printDiagnostics(report.errors, io);
  for (const output of report.pruned) io.stdout(`removed ${shownPath(resolve(report.outDir, output), io)}\n`);
  const seconds = ms / 1000;
  const rate = report.outputs.length > 0 ? `, ${(report.outputs.length / seconds).toFixed(1)}/s` : '';
  const pruned = report.pruned.length > 0 ? `, ${report.pruned.length} removed` : '';
  const summary = `${report.outputs.length} built, ${report.upToDate} up to date, ${report.failed} failed${pruned} in ${seconds.toFixed(2)} s${rate}`;
  if (report.errors.length > 0 || report.failed > 0) io.stderr(`${summary}\n`);
  else io.stdout(`${summary}\n`);
}
