import type { Diagnostic } from '../errors.js';
import type { FontFace } from '../shared/font-types.js';

/** Where a font comes from: the project's fonts/, a clinic file's `fonts`, or the tool's own. */
export type FontSource = 'project' | 'clinic' | 'built-in';

export interface ListedFont extends FontFace {
  readonly source: FontSource;
  /** The clinics that name it (clinic fonts only). */
  readonly clinics: readonly string[];
}

export interface FontList {
  readonly fonts: readonly ListedFont[];
  /** Font files that cannot be used, clinic files whose fonts cannot be read. */
  readonly diagnostics: readonly Diagnostic[];
}
