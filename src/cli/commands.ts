import type { Command } from './command.js';
import { build } from './commands/build.js';
import { check } from './commands/check.js';
import { clean } from './commands/clean.js';
import { diff } from './commands/diff.js';
import { fonts } from './commands/fonts.js';
import { importCommand } from './commands/import.js';
import { init } from './commands/init.js';
import { manifest } from './commands/manifest.js';
import { proof } from './commands/proof.js';
import { release } from './commands/release.js';
import { serve } from './commands/serve.js';

/** Every command of `handout`, in the order --help lists them: the one place a command is registered. */
export const commands: readonly Command[] = [
  build,
  check,
  clean,
  proof,
  diff,
  release,
  serve,
  fonts,
  init,
  importCommand,
  manifest,
];
