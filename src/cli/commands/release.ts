import { resolve } from 'node:path';
import { limits } from '../../shared/limits.js';
import { defineCommand } from '../command.js';
import { jobsValue, jsonOption, projectOptions, versionValue } from '../options.js';

export const release = defineCommand({
  command: 'release',
  describe: 'Build every handout stamped with a version into a release folder: PDFs, zips, checksums, changelog',
  options: {
    ...projectOptions,
    version: {
      type: 'string',
      demandOption: true,
      coerce: versionValue('--version'),
      describe: 'The release version, e.g. 2026.12 or v3.1.0: printed on every page, names the folder',
    },
    out: { type: 'string', describe: 'The release folder (default: <out>/release/<version>)' },
    since: {
      type: 'string',
      describe: "The previous release's folder or its release.json (default: the latest release beside this one)",
    },
    force: { type: 'boolean', default: false, describe: 'Replace an existing release folder of this version' },
    jobs: { type: 'string', coerce: jobsValue, describe: 'Worker threads (default: by the number of handouts)' },
    ...jsonOption,
  },
  examples: [
    ['handout release --version 2026.12', 'out/release/2026.12/ against the latest earlier release'],
    ['handout release --version v3.1.0 --since prev/release.json', 'CI: compare with the last published release'],
  ],
  async run(args, io) {
    const { runRelease } = await import('../release-command.js');
    return runRelease(
      {
        root: resolve(io.cwd, args.root),
        config: args.config === undefined ? undefined : resolve(io.cwd, args.config),
        version: String(args.version),
        dir: args.out === undefined ? undefined : resolve(io.cwd, args.out),
        since: args.since === undefined ? undefined : resolve(io.cwd, args.since),
        replace: args.force,
        jobs: args.jobs,
        handoutSeconds: args.jobs === 1 ? undefined : limits.handoutSeconds,
      },
      args.json,
      io,
    );
  },
});
