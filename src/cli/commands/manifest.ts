import { join, resolve } from 'node:path';
import { defineCommand } from '../command.js';
import { jsonOption } from '../options.js';
import { printDiagnostics, printJson, shownPath } from '../report.js';

const merge = defineCommand({
  command: 'merge <files..>',
  describe: "Merge the shards of a sharded build: their PDFs and manifests into one folder, as a full build's",
  positionals: {
    files: { type: 'string', array: true, demandOption: true, describe: "The shards' manifest.json files" },
  },
  options: {
    out: {
      type: 'string',
      demandOption: true,
      describe: 'The merged manifest, e.g. out/manifest.json; the PDFs are gathered beside it',
    },
    ...jsonOption,
  },
  examples: [['handout manifest merge shards/*/manifest.json --out out/manifest.json', 'gather 4 shards into out/']],
  async run(args, io) {
    const { mergeShards, mergeTargetProblem } = await import('../../batch/merge.js');
    // As typed but from this folder: a trailing slash (a folder, not a file) must survive.
    const out = join(resolve(io.cwd, args.out), /[/]$/.test(args.out) ? '/' : '');
    // --out naming a folder (or a file that is no manifest) is a mistake on the command line: nothing is read.
    const outProblem = mergeTargetProblem(args.out, resolve(out));
    const report = outProblem
      ? { manifest: resolve(out), outputs: 0, copied: 0, diagnostics: [outProblem] }
      : await mergeShards({ files: (args.files ?? []).map((f) => resolve(io.cwd, String(f))), out });
    const code = outProblem ? 2 : report.diagnostics.length > 0 ? 1 : 0;
    if (args.json) {
      printJson(io, 'manifest merge', code, report.diagnostics, {
        manifest: shownPath(report.manifest, io),
        outputs: report.outputs,
        copied: report.copied,
      });
    } else if (code === 0) {
      io.stdout(
        `merged ${(args.files ?? []).length} manifests into ${shownPath(report.manifest, io)}: ${report.outputs} outputs, ${report.copied} PDFs copied\n`,
      );
    } else {
      printDiagnostics(report.diagnostics, io);
      io.stderr('nothing was written\n');
    }
    return code;
  },
});

export const manifest = defineCommand({
  command: 'manifest',
  describe: 'Work with build manifests (merge the shards of a sharded build)',
  options: {},
  subcommands: [merge],
});
