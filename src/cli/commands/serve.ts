import { resolve } from 'node:path';
import { requireRenderer } from '../../shared/renderer.js';
import { defineCommand } from '../command.js';
import { dpiValue, jobsValue, projectOptions, projectSelection, requireFolder, selectionOptions } from '../options.js';

/** `--port`: 0 (any free port) to 65535. */
function portValue(value: unknown): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port takes a whole number from 0 to 65535, not "${value}"`);
  return port;
}

export const serve = defineCommand({
  command: 'serve',
  describe: 'Preview every handout in the browser (127.0.0.1), updated live as files change',
  options: {
    ...projectOptions,
    out: { type: 'string', describe: 'Output folder (default: the config\'s "out", else <root>/out)' },
    ...selectionOptions,
    port: { type: 'string', default: '4310', coerce: portValue, describe: 'Port on 127.0.0.1 (0: any free port)' },
    dpi: { type: 'string', default: '72', coerce: dpiValue, describe: 'Resolution of the page images (9–600)' },
    jobs: { type: 'string', coerce: jobsValue, describe: 'Worker processes for builds and proofs (default 2)' },
  },
  async run(args, io) {
    requireFolder(resolve(io.cwd, args.root), 'the project folder (--root)');
    await requireRenderer('serve', io.cwd);
    const { runServe } = await import('../serve-command.js');
    return runServe(
      {
        ...projectSelection(args, io.cwd),
        port: args.port,
        dpi: args.dpi,
        jobs: args.jobs,
      },
      io,
    );
  },
});
