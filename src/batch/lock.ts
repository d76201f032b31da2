import {
  closeSync,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HandoutError } from '../errors.js';
import { readConfined } from '../shared/confined-read.js';
import { type PinnedFolder, pinFolder } from './output-folder.js';
import { outputError } from './write.js';

export const lockName = '.handout.lock';

export interface OutputLock {
  /** The folder as it was taken: everything the run writes goes into it (see writeFileAtomic). */
  readonly folder: PinnedFolder;
  release(): void;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
}

/**
 * Take the output folder for this build: `.handout.lock` holds the builder's pid and host. A lock whose
 * process is gone is stale and taken over; a live one is waited for, up to `waitMs`, then refused clearly.
 */
export async function lockOutput(
  outDir: string,
  options: { waitMs: number; onWait?: (pid: number) => void },
): Promise<OutputLock> {
  const folder = pinFolder(outDir);
  const path = join(folder.real, lockName);
  const started = Date.now();
  let told = false;
  for (;;) {
    const mine = tryCreate(path, folder);
    if (mine) return mine;
    const holder = readHolder(path);
    if (holder === 'gone') continue;
    if (holder === null || isStale(holder)) {
      removeStale(path);
      continue;
    }
    if (Date.now() - started >= options.waitMs) {
      throw new HandoutError({
        code: 'output-locked',
        message: `another build (process ${holder.pid}) is writing to ${outDir}; waited ${Math.round(options.waitMs / 1000)} s`,
        file: outDir,
        hint: `Wait for it to finish, or build into another folder with --out. If no build is running, delete ${path}.`,
      });
    }
    if (!told) options.onWait?.(holder.pid);
    told = true;
    await sleep(100);
  }
}

function tryCreate(path: string, folder: PinnedFolder): OutputLock | null {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw outputError(cause, folder.given);
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }));
  } catch (cause) {
    closeSync(fd);
    unlinkSync(path);
    throw outputError(cause, folder.given);
  }
  // Held open for the run: if the folder is moved away meanwhile, the lock is still found where it went.
  const { dev, ino } = fstatSync(fd);
  return {
    folder,
    release() {
      // Closed only while it is still our lock file: a descriptor closed elsewhere may since name another file.
      const ours = sameFile(fd, dev, ino);
      const at = (ours && currentPath(fd)) || path;
      if (ours) closeSync(fd);
      // Only our own lock is removed (a stale-lock takeover may have replaced it).
      const stat = lstatSync(at, { throwIfNoEntry: false });
      if (stat?.ino === ino && stat.dev === dev) unlinkSync(at);
    },
  };
}

function sameFile(fd: number, dev: number, ino: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.dev === dev && stat.ino === ino;
  } catch {
    return false;
  }
}

/** Where an open file is now, on systems that say (Linux's /proc); null elsewhere or when it was deleted. */
function currentPath(fd: number): string | null {
  try {
    const at = readlinkSync(`/proc/self/fd/${fd}`);
    return at.endsWith(' (deleted)') ? null : at;
  } catch {
    return null;
  }
}

/** The lock's holder; null when the file cannot be understood (a crash while writing it); 'gone' when it vanished. */
function readHolder(path: string): Holder | null | 'gone' {
  let text: string;
  try {
    text = readConfined(path, { roots: null, what: 'lock' }).bytes.toString('utf8');
  } catch (error) {
    // Something that is not a lock file (a pipe, a folder) in its place is stale; one that vanished is gone.
    return (error as { code?: string }).code === 'file-missing' ? 'gone' : null;
  }
  try {
    const data = JSON.parse(text) as Partial<Holder>;
    return typeof data.pid === 'number' && typeof data.host === 'string' ? { pid: data.pid, host: data.host } : null;
  } catch {
    // A lock being written this very moment is not stale yet.
    const age = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    return age < 2000 ? { pid: -1, host: hostname() } : null;
  }
}

/** A holder on this machine whose process no longer runs (another machine's lock is trusted). */
function isStale(holder: Holder): boolean {
  if (holder.pid === -1 || holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function removeStale(path: string): void {
  try {
    rmSync(path, { recursive: true });
  } catch {
    // Someone else took it over first.
  }
}
