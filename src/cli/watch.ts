import { join, relative, sep } from 'node:path';
import { watch } from 'chokidar';
import { formatProblem, problemsOf } from '../errors.js';
import type { CliIo } from './io.js';

/** Files that can be inputs; editors' temporary and backup files are not. */
const inputFile = /^(?!.*(^|[\\/])\.)[^~]*\.(md|ya?ml|hbs|ttf|otf|woff|png|jpe?g|svg)$/i;

/**
 * Rebuild whenever a project input changes. The build itself is incremental, so only the outputs whose
 * inputs changed are rebuilt. chokidar watches folders, so a file saved by replace-and-rename (sed -i, vim,
 * JetBrains) is still seen afterwards. A failed rebuild is printed and watching goes on.
 */
export function watchProject(
  root: string,
  outDir: string,
  rebuild: () => Promise<void>,
  io: CliIo,
  stop: Promise<void> = interrupted(),
): Promise<void> {
  const watched = ['content', 'templates', 'fonts', 'handout.config.yaml'].map((name) => join(root, name));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const changed = new Set<string>();
  const rebuildSafely = async () => {
    if (changed.size === 0) return;
    io.stdout(`changed ${[...changed].join(', ')}\n`);
    changed.clear();
    try {
      await rebuild();
    } catch (error) {
      for (const problem of problemsOf(error, root))
        io.stderr(`${formatProblem({ ...problem, file: relative(io.cwd, problem.file) || '.' })}\n`);
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    // Editors write a file in several steps: wait for them to settle.
    timer = setTimeout(() => {
      running = running.then(rebuildSafely);
    }, 150);
  };
  const watcher = watch(watched, {
    ignoreInitial: true,
    atomic: true,
    ignored: (path, stats) =>
      path.startsWith(outDir + sep) || (stats?.isFile() === true && !inputFile.test(relative(root, path))),
  });
  const onChange = (path: string) => {
    if (!inputFile.test(relative(root, path))) return;
    changed.add(relative(io.cwd, path));
    schedule();
  };
  watcher.on('add', onChange).on('change', onChange).on('unlink', onChange);
  watcher.on('error', (error) => io.stderr(`watch: ${(error as Error).message}\n`));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  void ready.then(() => io.stdout(`watching ${relative(io.cwd, root) || '.'} for changes (Ctrl+C to stop)\n`));
  return stop.then(async () => {
    await watcher.close();
    clearTimeout(timer);
    await running;
  });
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => process.once('SIGINT', () => resolve()));
}
