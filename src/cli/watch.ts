import { type FSWatcher, watch } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { CliIo } from './io.js';

/**
 * Rebuild whenever a project input changes. The build itself is incremental, so only the
 * outputs whose inputs changed are rebuilt; errors are printed and watching goes on.
 */
/** Files that can be inputs; editors' temporary files are not. */
const inputFile = /^(?!.*(^|[\\/])\.)[^~]*\.(md|ya?ml|hbs|ttf|otf|woff|png|jpe?g|svg)$/i;

export function watchProject(root: string, outDir: string, rebuild: () => Promise<void>, io: CliIo): Promise<void> {
  const watched = ['content', 'templates', 'fonts', 'handout.config.yaml'];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const changed = new Set<string>();
  const schedule = () => {
    clearTimeout(timer);
    // Editors write a file in several steps: wait for them to settle.
    timer = setTimeout(() => {
      running = running.then(async () => {
        if (changed.size === 0) return;
        io.stdout(`changed ${[...changed].join(', ')}\n`);
        changed.clear();
        await rebuild();
      });
    }, 150);
  };
  const watcher: FSWatcher = watch(root, { recursive: true }, (_event, name) => {
    if (!name) return;
    const path = join(root, name);
    const top = String(name).split(sep)[0] ?? '';
    if (!watched.includes(top) || path.startsWith(outDir) || !inputFile.test(String(name))) return;
    changed.add(relative(io.cwd, path));
    schedule();
  });
  io.stdout(`watching ${relative(io.cwd, root) || '.'} for changes (Ctrl+C to stop)\n`);
  return new Promise((resolve) => {
    process.once('SIGINT', () => {
      watcher.close();
      clearTimeout(timer);
      void running.then(resolve);
    });
  });
}
