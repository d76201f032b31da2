import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineCommand } from '../command.js';
import { shownPath } from '../report.js';

export const init = defineCommand({
  command: 'init [dir]',
  describe: 'Start a project: a config, a sample clinic and article, .gitignore and a CI workflow',
  positionals: {
    dir: { type: 'string', default: '.', describe: 'The project folder (created if it does not exist)' },
  },
  options: {},
  examples: [['handout init my-handouts', 'a new project in my-handouts/']],
  async run(args, io) {
    const { initProject } = await import('../../project/init.js');
    const dir = resolve(io.cwd, args.dir);
    const report = initProject(dir);
    for (const file of report.created) io.stdout(`created ${shownPath(join(dir, file), io)}\n`);
    for (const file of report.updated) io.stdout(`added the output folders to ${shownPath(join(dir, file), io)}\n`);
    const cd = dir === io.cwd ? '' : `cd ${shownPath(dir, io)} && `;
    const steps = [
      ...(existsSync(join(dir, 'package.json')) ? [] : ['npm init -y']),
      ...(existsSync(join(dir, 'node_modules', 'handout-press')) ? [] : ['npm install --save-dev handout-press']),
      'npx handout check',
      'npx handout build',
    ];
    io.stdout(`\nNext: ${cd}${steps.join(' && ')}\n`);
    return 0;
  },
});
