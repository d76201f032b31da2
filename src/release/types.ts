import type { BuildOptions, BuildReport } from '../batch/types.js';
import type { Diagnostic } from '../errors.js';

export interface ReleaseOptions extends Omit<BuildOptions, 'dryRun' | 'prune' | 'shard' | 'out'> {
  /** Tag-like version (2026.12, v3.1.0): printed on every page, names the folder. */
  readonly version: string;
  /** The release folder; default <out>/release/<version>. */
  readonly dir?: string | undefined;
  /** The previous release: its folder, or its release.json; default the latest earlier release beside this one. */
  readonly since?: string | undefined;
  /** Replace an existing release folder of this version. */
  readonly replace?: boolean | undefined;
}

/** One PDF of a release, as release.json lists it. */
export interface ReleasedOutput {
  /** Relative to the release folder: <clinic>/<file>.pdf. */
  readonly path: string;
  readonly clinic: string;
  readonly article: string;
  readonly template: string;
  readonly language: string;
  readonly title: string;
  readonly pages: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly reviewed: string | null;
  readonly grade: number | null;
  /** A hash of what it was built from (its files' hashes, template, tool version), the stamp left out. */
  readonly source: string;
  /**
   * A hash of each page's words with the version masked, so two releases can tell which pages changed without
   * the stamp counting; null when pdf.js is not installed to read them.
   */
  readonly pageText: readonly string[] | null;
}

export interface ReleasedZip {
  readonly clinic: string;
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** release.json. */
export interface ReleaseRecord {
  readonly release: 1;
  readonly version: string;
  /** ISO date-time: SOURCE_DATE_EPOCH when set, else the newest review date of its articles. */
  readonly date: string;
  readonly tool: string;
  /** The version CHANGES.md compares against; null for a first release. */
  readonly since: string | null;
  readonly outputs: readonly ReleasedOutput[];
  readonly zips: readonly ReleasedZip[];
}

export interface ChangedOutput {
  readonly path: string;
  readonly clinic: string;
  readonly article: string;
  readonly template: string;
  /** Pages whose words differ (the version masked); null when they could not be read. */
  readonly pages: readonly number[] | null;
  readonly oldPages: number;
  readonly newPages: number;
  /** Words removed and added, when the previous release's PDFs were at hand. */
  readonly words: readonly { readonly removed: string; readonly added: string; readonly times: number }[] | null;
}

/** changes.json. */
export interface ReleaseChanges {
  readonly version: string;
  readonly since: string | null;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly ChangedOutput[];
  readonly unchanged: number;
}

export interface ReleaseReport {
  readonly dir: string;
  readonly record: ReleaseRecord;
  readonly changes: ReleaseChanges;
  /** The build the release was made from (null when the release stopped before building). */
  readonly build: BuildReport;
  /** What the release itself has to say: thumbnails or page comparisons left out, a baseline not found. */
  readonly notes: readonly Diagnostic[];
}
