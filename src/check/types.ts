import type { Problem } from '../errors.js';

export interface CheckOptions {
  readonly root: string;
  readonly articles?: readonly string[];
  readonly clinics?: readonly string[];
  readonly template?: string | null;
}

export interface CheckReport {
  /** Every problem found, sorted by file and line. */
  readonly problems: readonly Problem[];
  readonly errors: number;
  readonly warnings: number;
  readonly checked: {
    readonly articles: number;
    readonly clinics: number;
    /** Planned handouts laid out without a problem, of all planned. */
    readonly outputs: number;
    readonly planned: number;
  };
}
