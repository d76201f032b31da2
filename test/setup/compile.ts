import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The newest modification time of the files under a path. */
function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** The oldest of the built files the tests run: a missing one counts as older than anything. */
function oldest(paths: readonly string[]): number {
  return Math.min(...paths.map((path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0));
}

/**
 * A few tests run the real `handout` command (dist/bundle) and builds in worker threads run the compiled workers
 * in dist/: both are rebuilt whenever a source is newer than them, so no test ever runs a stale build.
 */
export default function compile(): void {
  const sources = Math.max(
    ...['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle.mjs'].map((p) =>
      newest(join(root, p)),
    ),
  );
  const built = oldest(
    [
      'dist/index.js',
      'dist/batch/worker.js',
      'dist/bundle/index.mjs',
      'dist/bundle/handout.mjs',
      'dist/bundle/batch-worker.mjs',
      'dist/bundle/proof-worker.mjs',
      'dist/bundle/diff-worker.mjs',
      'dist/bundle/check-worker.mjs',
    ].map((p) => join(root, p)),
  );
  if (built > sources) return;
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle.mjs')], { cwd: root, stdio: 'inherit' });
}
