import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { HandoutError } from '../errors.js';
import type { ReleaseRecord } from './types.js';

export const recordName = 'release.json';

/** The release compared against: its record, and its folder when the PDFs are there to read words from. */
export interface Baseline {
  readonly record: ReleaseRecord;
  readonly dir: string;
}

/**
 * `--since` (a release folder or its release.json), else the latest other release beside the new one; none is a
 * first release. A --since that is not a release is a usage error, told before anything is built.
 */
export function findBaseline(since: string | undefined, releaseDir: string, version: string): Baseline | null {
  if (since !== undefined) {
    const path = resolve(since);
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, recordName) : path;
    const record = readRecord(file);
    if (!record)
      throw new HandoutError({
        code: 'release-baseline',
        message: `--since ${since} is not a release: no readable ${recordName} there`,
        file: path,
        hint: 'Give the previous release folder, or the release.json it holds (CI: download it from the last release).',
      });
    return { record, dir: dirname(file) };
  }
  const parent = dirname(releaseDir);
  if (!existsSync(parent)) return null;
  const earlier = readdirSync(parent, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && join(parent, e.name) !== releaseDir)
    .map((e) => ({ dir: join(parent, e.name), record: readRecord(join(parent, e.name, recordName)) }))
    .filter((b): b is Baseline => b.record !== null && b.record.version !== version);
  // The latest by its date, then by version: the same choice on every machine.
  earlier.sort(
    (a, b) => a.record.date.localeCompare(b.record.date) || a.record.version.localeCompare(b.record.version),
  );
  return earlier.at(-1) ?? null;
}

/** A release.json, or null when the file is missing or is not one. */
function readRecord(file: string): ReleaseRecord | null {
  if (basename(file) !== recordName && !file.endsWith('.json')) return null;
  try {
    if (!statSync(file).isFile() || statSync(file).size > 16 * 1024 * 1024) return null;
    const json = JSON.parse(readFileSync(file, 'utf8')) as Partial<ReleaseRecord>;
    const ok = json.release === 1 && typeof json.version === 'string' && Array.isArray(json.outputs);
    return ok ? (json as ReleaseRecord) : null;
  } catch {
    return null;
  }
}
