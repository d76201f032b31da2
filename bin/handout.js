#!/usr/bin/env node
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/handout.mjs', import.meta.url);
if (!existsSync(bundle)) {
  // Only in a clone of the repository: the published package always ships the built command.
  process.stderr.write('handout: the command is not built yet; run "npm run build" in the handout-press folder\n');
  process.exit(2);
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
