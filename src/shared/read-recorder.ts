// Apart from shared/confined-read.ts, so the library's published types never reach Node's Buffer there.
/** Collects everything a run looked at, for the exact list of an output's inputs (see shared/input-record.ts). */
export interface ReadRecorder {
  /** A file read: its real path and the sha256 of the bytes read. */
  file(path: string, sha256: string): void;
  /** A path looked for and not there: a project template or font that would take over once added. */
  absent(path: string): void;
  /** The names ending in `ending` in a folder (a template's partials), as they were listed. */
  listing(dir: string, ending: string, names: readonly string[]): void;
}
