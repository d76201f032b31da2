import { resolve } from 'node:path';
import { requireRenderer } from '../../shared/renderer.js';
import { defineCommand } from '../command.js';
import { dpiValue, jobsValue, jsonOption } from '../options.js';

/** `--threshold`: a share of a page's pixels, from 0 up to (not including) 1. */
function thresholdValue(value: unknown): number {
  const share = Number(value);
  if (!(share >= 0 && share < 1)) throw new Error(`--threshold takes a share from 0 to 1, e.g. 0.001, not "${value}"`);
  return share;
}

export const diff = defineCommand({
  command: 'diff <old> <new>',
  describe: 'Compare two builds (output folders with manifests): what changed, page by page; exit 1 if anything did',
  positionals: {
    old: { type: 'string', demandOption: true, describe: 'Output folder of the base build' },
    new: { type: 'string', demandOption: true, describe: 'Output folder of the new build' },
  },
  options: {
    report: { type: 'string', default: 'diff-report', describe: 'Folder for the HTML report (--no-report: none)' },
    threshold: {
      type: 'string',
      default: '0',
      coerce: thresholdValue,
      describe: "Share of a page's pixels (0–1) that may differ without counting as a change",
    },
    dpi: { type: 'string', default: '72', coerce: dpiValue, describe: 'Resolution pages are compared at (9–600)' },
    jobs: { type: 'string', coerce: jobsValue, describe: 'Worker processes (default: by the amount of work)' },
    ...jsonOption,
  },
  async run(args, io) {
    await requireRenderer('diff', io.cwd);
    const { runDiff } = await import('../diff-command.js');
    const report = args.report as unknown;
    return runDiff(
      {
        old: resolve(io.cwd, String(args.old)),
        new: resolve(io.cwd, String(args.new)),
        // yargs turns --no-report into false.
        report: typeof report === 'string' ? resolve(io.cwd, report) : null,
        threshold: args.threshold,
        dpi: args.dpi,
        jobs: args.jobs,
        json: args.json,
      },
      io,
    );
  },
});
