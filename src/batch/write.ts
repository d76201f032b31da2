import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { HandoutError } from '../errors.js';
import { makeFolders, writeFailureReason } from '../shared/write-failure.js';
import { assertPinned, confinedTarget, type PinnedFolder } from './output-folder.js';

/** Temporary files are `.<name>.handout-<pid>-<random>.tmp`: unique per write, and recognisably this tool's. */
export const temporaryPattern = /^\..+\.handout-(\d+)-[0-9a-f]{12}\.tmp$/;

export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.handout-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Write via a temporary file and rename, so a reader never sees half a file; a failure names the path and the
 * cause. With the output folder pinned, the file goes only into that folder, checked again just before the rename.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string, folder?: PinnedFolder): void {
  const target = folder ? confinedTarget(folder, path) : path;
  if (!folder) {
    try {
      makeFolders(dirname(path));
    } catch (cause) {
      throw outputError(cause, dirname(path));
    }
  }
  const temporary = temporaryPath(target);
  try {
    writeFileSync(temporary, data, { flag: 'wx' });
    if (folder) assertPinned(folder, path);
    renameSync(temporary, target);
  } catch (cause) {
    rmSync(temporary, { force: true });
    throw outputError(cause, path);
  }
}

/** Errors writing the output are the output folder's problem, not a handout's: one clear error with the path. */
export function outputError(cause: unknown, path: string): HandoutError {
  if (cause instanceof HandoutError) return cause;
  const code = (cause as NodeJS.ErrnoException).code ?? '';
  return new HandoutError({
    code: 'output-unwritable',
    message: `cannot write ${path}: ${writeFailureReason(cause)}`,
    file: path,
    hint:
      code === 'ENOSPC' || code === 'EDQUOT'
        ? 'Free some space and build again: the PDFs already written are whole, and the next build finishes the rest.'
        : 'Choose an output folder you can write to (--out DIR, or "out" in the config).',
    cause,
  });
}

/** Is this problem the output folder's (so the rest of the batch would fail the same way)? */
export const outputProblemCode = 'output-unwritable';
