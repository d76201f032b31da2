import { join, resolve } from 'node:path';
import { defineCommand } from '../command.js';
import { jsonOption, projectOptions } from '../options.js';
import { printDiagnostics, printJson, shownPath } from '../report.js';

export const clean = defineCommand({
  command: 'clean',
  describe: 'Remove outputs the plan no longer builds (a deleted article or clinic), and their manifest entries',
  options: {
    ...projectOptions,
    out: { type: 'string', describe: 'Output folder (default: the config\'s "out", else <root>/out)' },
    'dry-run': { type: 'boolean', default: false, describe: 'List what would be removed; remove nothing' },
    ...jsonOption,
  },
  async run(args, io) {
    const { cleanProject } = await import('../../batch/clean.js');
    const report = await cleanProject({
      root: resolve(io.cwd, args.root),
      config: args.config === undefined ? undefined : resolve(io.cwd, args.config),
      out: args.out === undefined ? undefined : resolve(io.cwd, args.out),
      dryRun: args['dry-run'],
    });
    const code = report.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
    const listed = report.removed;
    if (args.json) {
      printJson(io, 'clean', code, report.diagnostics, {
        outDir: shownPath(report.outDir, io),
        [args['dry-run'] ? 'wouldRemove' : 'removed']: listed,
      });
      return code;
    }
    printDiagnostics(report.diagnostics, io);
    const verb = args['dry-run'] ? 'would remove' : 'removed';
    for (const output of listed) io.stdout(`${verb} ${shownPath(join(report.outDir, output), io)}\n`);
    const count = `${listed.length} ${listed.length === 1 ? 'output' : 'outputs'}`;
    io.stdout(args['dry-run'] ? `${count} would be removed\n` : `${count} removed\n`);
    return code;
  },
});
