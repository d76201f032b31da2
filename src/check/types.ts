import type { Problem } from '../errors.js';
import type { ProjectOptions, SelectionOptions } from '../project/types.js';
import type { ReadabilityReport } from '../readability/types.js';
import type { Budget } from '../shared/worker-pool.js';

export interface CheckOptions extends Omit<ProjectOptions, 'out'>, SelectionOptions {
  /** Readability over the gate is an error rather than a warning. */
  readonly strict?: boolean;
  /** Print-shop preflight: logo resolution, hairlines, small text. */
  readonly print?: boolean;
  /** Time and memory each handout may take to lay out; default: the build's budget (limits, or HANDOUT_BUDGET_SECONDS and _MB). */
  readonly budget?: Budget | undefined;
}

export interface CheckReport {
  /** The project folder checked. */
  readonly root: string;
  /** Every problem found, sorted by file and line. */
  readonly problems: readonly Problem[];
  /** Warnings and notes left out because the config's `diagnostics.ignore` lists their code. */
  readonly silenced: number;
  readonly readability: readonly ReadabilityReport[];
  /** The grade the readability gate allows. */
  readonly maxGrade: number;
  readonly errors: number;
  readonly warnings: number;
  /** Information only: a translation without its original, a clinic language with no article in it. */
  readonly notes: number;
  readonly checked: {
    readonly articles: number;
    readonly clinics: number;
    /** Planned handouts laid out without a problem, of all planned. */
    readonly outputs: number;
    readonly planned: number;
  };
}
