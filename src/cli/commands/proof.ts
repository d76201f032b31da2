import { resolve } from 'node:path';
import { requireRenderer } from '../../shared/renderer.js';
import { defineCommand } from '../command.js';
import {
  dpiValue,
  jobsValue,
  jsonOption,
  projectOptions,
  projectSelection,
  requireFolder,
  selectionOptions,
} from '../options.js';

export const proof = defineCommand({
  command: 'proof',
  describe: 'Draw every page as PNG, and contact sheets per clinic and per article (builds what is out of date first)',
  options: {
    ...projectOptions,
    out: { type: 'string', describe: 'Output folder (default: the config\'s "out", else <root>/out)' },
    ...selectionOptions,
    dpi: { type: 'string', default: '72', coerce: dpiValue, describe: 'Resolution of the page images (9–600)' },
    pages: {
      choices: ['first', 'all'] as const,
      default: 'first' as const,
      describe: 'Contact sheets show page 1 of each handout, or every page',
    },
    sheets: { type: 'boolean', default: true, describe: 'Draw contact sheets (--no-sheets: none)' },
    force: { type: 'boolean', default: false, describe: 'Redraw proofs that are up to date' },
    jobs: { type: 'string', coerce: jobsValue, describe: 'Worker processes (default: by the amount of work)' },
    ...jsonOption,
  },
  async run(args, io) {
    requireFolder(resolve(io.cwd, args.root), 'the project folder (--root)');
    await requireRenderer('proof', io.cwd);
    const { runProof } = await import('../proof-command.js');
    return runProof(
      {
        ...projectSelection(args, io.cwd),
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
});
