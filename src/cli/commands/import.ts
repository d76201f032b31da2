import { resolve } from 'node:path';
import { defineCommand } from '../command.js';
import { requireFolder } from '../options.js';

export const importCommand = defineCommand({
  command: 'import <files..>',
  describe: 'Turn web pages (saved HTML, or text copied from them) into Markdown articles',
  positionals: {
    files: { type: 'string', array: true, demandOption: true, describe: 'HTML or text files' },
  },
  options: {
    root: { type: 'string', default: '.', describe: 'Project folder (it must exist)' },
    id: { type: 'string', describe: 'Article id (file name) for a single import; default: from the title' },
    out: { type: 'string', describe: 'Folder for the articles (default: <root>/content/articles)' },
    lang: { type: 'string', describe: 'Language (BCP 47); default: detected' },
    'dry-run': { type: 'boolean', default: false, describe: 'Print the Markdown instead of writing it' },
    diff: {
      type: 'boolean',
      default: false,
      describe: "Add to the report the page's words against the article's: what was dropped or added",
    },
    force: { type: 'boolean', default: false, describe: 'Overwrite an existing article' },
    strict: {
      type: 'boolean',
      default: false,
      describe: "Refuse an article that keeps less than 80% of the page's prose (a warning otherwise)",
    },
  },
  check: (args) => {
    if (args.id !== undefined && (args.files ?? []).length > 1)
      throw new Error('--id names one article: import one file at a time with it');
  },
  async run(args, io) {
    const files = (args.files ?? []).map((f) => resolve(io.cwd, String(f)));
    if (!args.out) requireFolder(resolve(io.cwd, args.root), 'the project folder (--root)');
    const outDir = args.out ? resolve(io.cwd, args.out) : resolve(io.cwd, args.root, 'content', 'articles');
    const { runImport } = await import('../import-command.js');
    return runImport(
      files,
      {
        outDir,
        id: args.id,
        lang: args.lang,
        dryRun: args['dry-run'],
        force: args.force,
        diff: args.diff,
        strict: args.strict,
      },
      io,
    );
  },
});
