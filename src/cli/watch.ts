import type { Stats } from 'node:fs';
import { relative, sep } from 'node:path';
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
  const watched = new Set(['content', 'templates', 'fonts', 'handout.config.yaml']);
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
  // The root is watched (it exists; a folder that does not exist yet, such as fonts/, is seen when it appears).
  const ignored = (path: string, stats?: Stats) => {
    const name = relative(root, path);
    if (name === '') return false;
    if (!watched.has(name.split(sep)[0] ?? '') || path === outDir || path.startsWith(outDir + sep)) return true;
    return stats?.isFile() === true && !inputFile.test(name);
  };
  const watcher = watch(root, { ignoreInitial: true, atomic: true, ignored });
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
