import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { readConfined, realOrSelf, sha256 } from '../shared/confined-read.js';
import type { PinnedFolder } from './output-folder.js';
import { temporaryPattern } from './write.js';

/** An output is intact when it is a regular file whose bytes are the ones the manifest recorded. */
export function isIntact(path: string, expectedSha256: string): boolean {
  try {
    return sha256(readConfined(path, { roots: null, what: 'output' }).bytes) === expectedSha256;
  } catch {
    return false;
  }
}

/**
 * Temporary files a killed build left between writing and renaming. Only this tool's own (by their name),
 * only in the folders this build writes, and never one whose process still runs.
 */
export function removeStaleTemporaries(folders: Iterable<string>, pinned?: PinnedFolder): void {
  for (const folder of new Set(folders)) {
    if (!existsSync(folder)) continue;
    // A folder that leads out of the output folder (a link put there) is not this build's to sweep.
    const real = realOrSelf(folder);
    if (pinned && real !== pinned.real && !real.startsWith(pinned.real + sep)) continue;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const pid = temporaryPattern.exec(entry.name)?.[1];
      if (!pid || !entry.isFile() || isRunning(Number(pid))) continue;
      rmSync(join(folder, entry.name), { force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Empty folders up to (not including) `top`. */
export function removeEmptyFolders(dir: string, top: string): void {
  for (let folder = dir; relative(top, folder) !== '' && !relative(top, folder).startsWith('..'); ) {
    try {
      if (readdirSync(folder).length > 0) return;
      rmdirSync(folder);
    } catch {
      return;
    }
    folder = dirname(folder);
  }
}
