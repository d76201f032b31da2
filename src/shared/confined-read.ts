import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { type DiagnosticCode, HandoutError, type SourcePlace } from '../errors.js';
import { sizeOverLimit } from './limits.js';
import type { ReadRecorder } from './read-recorder.js';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface ConfinedReadOptions {
  /** Folders the file must resolve into (after symlinks); null: a file the user named on the command line. */
  readonly roots: readonly string[] | null;
  /** What the file is, for messages: "article", "logo", "template". */
  readonly what: string;
  /** Where the file was named (a clinic file's logo line); by default the file itself. */
  readonly place?: SourcePlace | undefined;
  readonly maxBytes?: number | undefined;
  readonly reads?: ReadRecorder | undefined;
  /** The error code for a file that is not there (default file-missing; images say image-missing). */
  readonly missingCode?: DiagnosticCode | undefined;
}

export interface ConfinedFile {
  readonly bytes: Buffer;
  /** The real path the bytes came from. */
  readonly path: string;
}

/**
 * The one way Handout Press reads an input: the path must resolve, through any symlinks, inside the
 * allowed roots, and be a regular file (a FIFO or a device would hang the build, a folder is a mistake).
 */
export function readConfined(path: string, options: ConfinedReadOptions): ConfinedFile {
  const real = resolveConfined(path, options);
  let fd: number;
  try {
    // Non-blocking and no symlink at the end: a file swapped for a FIFO or a link after the check still cannot hang or escape.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (cause) {
    throw unreadable(path, options, cause);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notAFile(path, options, 'not a regular file');
    checkSize(path, stat.size, options);
    const bytes = Buffer.alloc(stat.size);
    let offset = 0;
    while (offset < stat.size) {
      const read = readSync(fd, bytes, offset, stat.size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    const read = offset === stat.size ? bytes : bytes.subarray(0, offset);
    options.reads?.file(real, sha256(read));
    return { bytes: read, path: real };
  } catch (error) {
    if (error instanceof HandoutError) throw error;
    throw unreadable(path, options, error);
  } finally {
    closeSync(fd);
  }
}

/** Check a path as readConfined would, without reading it: its real path, or a placed error. */
export function resolveConfined(path: string, options: ConfinedReadOptions): string {
  let real: string;
  try {
    // The native call: one system call, where the JS version lstats every folder of the path on each read.
    real = realpathSync.native(path);
  } catch (cause) {
    throw unreadable(path, options, cause);
  }
  if (options.roots && !isWithin(real, options.roots)) {
    throw new HandoutError({
      code: 'path-outside',
      message: `${options.what} is outside the project: ${path}${real !== path ? ` leads to ${real}` : ''}`,
      ...placeOf(path, options),
      hint: 'Every file the tool reads must be inside the project folder: copy the file in instead of linking to it.',
    });
  }
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(real);
  } catch (cause) {
    throw unreadable(path, options, cause);
  }
  if (stat.isDirectory()) throw notAFile(path, options, 'a folder, not a file');
  if (!stat.isFile()) throw notAFile(path, options, 'not a regular file (a pipe, socket or device)');
  checkSize(path, stat.size, options);
  return real;
}

/** Is the real path inside one of the roots (each taken through its own symlinks)? */
export function isWithin(real: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const base = realOrSelf(root);
    return real === base || real.startsWith(base.endsWith(sep) ? base : base + sep);
  });
}

/** The real path when the file exists, else the path as written (a file that does not exist cannot be read). */
export function realOrSelf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

function placeOf(path: string, options: ConfinedReadOptions): SourcePlace {
  return options.place ?? { file: path };
}

function checkSize(path: string, size: number, options: ConfinedReadOptions): void {
  if (options.maxBytes === undefined || size <= options.maxBytes) return;
  const shown = sizeOverLimit(size, options.maxBytes);
  throw new HandoutError({
    code: 'too-large',
    message: `${options.what} is ${shown.size}; the limit is ${shown.limit}`,
    ...placeOf(path, options),
    hint: 'A patient handout needs no more: split the text, or use a smaller file.',
  });
}

function notAFile(path: string, options: ConfinedReadOptions, what: string): HandoutError {
  return new HandoutError({
    code: 'not-a-file',
    message: `${options.what} ${path} is ${what}`,
    ...placeOf(path, options),
    hint: 'Name a regular file.',
  });
}

/** A path inside the project as the user writes it (relative to the project), anything else whole. */
function shown(path: string, options: ConfinedReadOptions): string {
  const root = options.roots?.[0];
  if (!root) return path;
  const inside = relative(root, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

function unreadable(path: string, options: ConfinedReadOptions, cause: unknown): HandoutError {
  const code = (cause as NodeJS.ErrnoException).code;
  const missing = code === 'ENOENT' || code === 'ENOTDIR';
  return new HandoutError({
    code: missing ? (options.missingCode ?? 'file-missing') : 'file-unreadable',
    message: missing
      ? `${options.what} not found: ${shown(path, options)}`
      : `cannot read ${options.what} ${shown(path, options)}: ${code ?? String(cause)}`,
    ...placeOf(path, options),
    hint: missing
      ? options.roots === null
        ? 'Check the path given on the command line.'
        : 'Paths are relative to the file that names them; check the spelling and the folder (a symbolic link whose target is gone counts as missing).'
      : 'Check that the file is readable.',
    cause,
  });
}

/** Hashes by real path, kept while the file's size and time are unchanged: a batch hashes each file once. */
const hashes = new Map<string, { stamp: string; sha256: string }>();

/**
 * The sha256 of a file, read through the confined reader unless an unchanged file was hashed already; the
 * file is recorded as read either way. For inputs whose bytes a stage keeps (fonts, checked images).
 */
export function hashConfined(path: string, options: ConfinedReadOptions): string {
  const real = resolveConfined(path, options);
  const stamp = fileStamp(real);
  let known = hashes.get(real);
  if (known?.stamp !== stamp) {
    known = { stamp, sha256: sha256(readConfined(real, { ...options, reads: undefined }).bytes) };
    hashes.set(real, known);
  }
  options.reads?.file(real, known.sha256);
  return known.sha256;
}

/**
 * What changes whenever a file's content may have: size, modification and change times (in nanoseconds) and
 * inode. A file replaced by one of the same size, even with its time kept (`cp -p`), changes its ctime or inode.
 */
export function fileStamp(path: string): string {
  const stat = statSync(path, { bigint: true });
  return `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`;
}
