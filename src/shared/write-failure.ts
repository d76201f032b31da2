import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Each missing folder made one at a time, so a failure is the true one: Node's recursive mkdir says ENOENT
 * on a read-only disk (EROFS hidden) and loops forever where a parent cannot hold folders (/proc).
 */
export function makeFolders(folder: string): void {
  if (existsSync(folder)) return;
  const parent = dirname(folder);
  if (parent !== folder) makeFolders(parent);
  try {
    mkdirSync(folder);
  } catch (cause) {
    // Made meanwhile by another build writing to the same folder: what was wanted.
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST' || !existsSync(folder)) throw cause;
  }
}

const reasons: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied (is the folder read-only?)',
  EPERM: 'permission denied (is the folder read-only?)',
  ENOTDIR: 'a file is in the way where a folder should be',
  EEXIST: 'a file is in the way where a folder should be',
  EISDIR: 'a folder is in the way where the file should be',
  EMFILE: 'too many files are open',
  ENOENT: 'a folder on the way is missing',
};

/** Why a write failed, in words, with the system's code: "the file system is read-only (EROFS)". */
export function writeFailureReason(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException).code ?? '';
  const words = reasons[code] ?? (cause instanceof Error ? cause.message : String(cause));
  return code ? `${words} (${code})` : words;
}
