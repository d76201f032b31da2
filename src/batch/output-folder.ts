import { lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { HandoutError } from '../errors.js';
import { realOrSelf } from '../shared/confined-read.js';
import { makeFolders } from '../shared/write-failure.js';
import { outputError } from './write.js';

/**
 * The output folder as a run took it: its real path and identity, taken once at the start. Every later write
 * goes under `real` after checking it is still that folder, so a folder swapped for a link mid-run sends
 * nothing elsewhere. Plain data: it crosses into worker threads as it is.
 */
export interface PinnedFolder {
  /** The folder as the run names it (what reported paths start with). */
  readonly given: string;
  readonly real: string;
  readonly dev: number;
  readonly ino: number;
}

/** Create the folder if need be and take its identity. */
export function pinFolder(dir: string): PinnedFolder {
  try {
    makeFolders(dir);
    const real = realpathSync.native(dir);
    const stat = statSync(real);
    if (!stat.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    return { given: dir, real, dev: stat.dev, ino: stat.ino };
  } catch (cause) {
    throw outputError(cause, dir);
  }
}

/** Why the folder is no longer the one pinned (removed, moved, swapped for a link), or null while it is. */
export function folderChange(folder: PinnedFolder): string | null {
  const stat = lstatSync(folder.real, { throwIfNoEntry: false });
  if (!stat) return 'was removed or moved';
  if (stat.isSymbolicLink()) return `was replaced by a link to ${realOrSelf(folder.real)}`;
  if (!stat.isDirectory() || stat.dev !== folder.dev || stat.ino !== folder.ino) return 'was replaced';
  // A folder above it swapped for a link moves it too.
  if (realOrSelf(folder.real) !== folder.real) return `was moved to ${realOrSelf(folder.real)}`;
  return null;
}

/** Throw a placed error, naming the file that is not written, when the folder is no longer the one pinned. */
export function assertPinned(folder: PinnedFolder, path: string): void {
  const change = folderChange(folder);
  if (change) throw changedError(folder, path, change);
}

/** Before removing a file: the folder is unchanged and the file's real place is inside it, or a placed error. */
export function assertInside(folder: PinnedFolder, path: string): void {
  assertPinned(folder, path);
  const real = realOrSelf(path);
  if (!real.startsWith(folder.real + sep)) throw changedError(folder, path, `does not hold ${real}`);
}

/**
 * The real path to write `path` (a path under the folder) at: the folder is checked unchanged, and each
 * folder between it and the file is created one at a time and must resolve inside it, so no link on the
 * way leads the write out. Throws a placed output error otherwise.
 */
export function confinedTarget(folder: PinnedFolder, path: string): string {
  const inside = insidePart(folder, path);
  if (inside === null) throw changedError(folder, path, `does not hold ${path}`);
  assertPinned(folder, path);
  const parts = inside.split(sep);
  const name = parts.pop() as string;
  let current = folder.real;
  for (const part of parts) {
    const next = join(current, part);
    if (!lstatSync(next, { throwIfNoEntry: false })) {
      try {
        mkdirSync(next);
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw outputError(cause, next);
      }
    }
    current = realOrSelf(next);
    const within = current === folder.real || current.startsWith(folder.real + sep);
    if (!within) throw changedError(folder, path, `holds ${next}, a link to ${current} outside it`);
    if (!statSync(current, { throwIfNoEntry: false })?.isDirectory()) throw outputError(enotdir(), next);
  }
  return join(current, name);
}

/** The part of the path below the folder (named either way), or null when it is not below it. */
function insidePart(folder: PinnedFolder, path: string): string | null {
  for (const base of [folder.given, folder.real]) {
    const inside = relative(base, path);
    if (inside && !inside.startsWith('..') && !isAbsolute(inside)) return inside;
  }
  return null;
}

function enotdir(): NodeJS.ErrnoException {
  return Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
}

function changedError(folder: PinnedFolder, path: string, change: string): HandoutError {
  return new HandoutError({
    code: 'output-unwritable',
    message: `cannot change ${path}: the output folder ${folder.given} ${change} during the run; nothing is written outside it`,
    file: path,
    hint: 'Something changed the output folder while the tool wrote to it: check the folder, then run again.',
  });
}
