import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { HandoutError } from '../errors.js';
import { makeFolders, writeFailureReason } from '../shared/write-failure.js';

/** Temporary files are `.<name>.handout-<pid>-<random>.tmp`: unique per write, and recognisably this tool's. */
export const temporaryPattern = /^\..+\.handout-(\d+)-[0-9a-f]{12}\.tmp$/;

export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.handout-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/** Write via a temporary file and rename, so a reader never sees half a file; a failure names the path and the cause. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  try {
    makeFolders(dirname(path));
  } catch (cause) {
    throw outputError(cause, dirname(path));
  }
  const temporary = temporaryPath(path);
  try {
    writeFileSync(temporary, data, { flag: 'wx' });
    renameSync(temporary, path);
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
