import type { Diagnostic } from '../errors.js';
import type { OutputOptions } from '../pipeline.js';
import type { ProjectOptions, SelectionOptions } from '../project/types.js';
import type { BuildPool } from './pool.js';

export interface BuildOptions extends ProjectOptions, SelectionOptions {
  /** Rebuild outputs that are up to date. */
  readonly force?: boolean | undefined;
  /** Worker processes; 1 builds in the main thread. Default: one per hundred handouts, up to the number of cores. */
  readonly jobs?: number | undefined;
  /** Build only part I of N of the plan. */
  readonly shard?: { readonly index: number; readonly count: number } | null | undefined;
  /** Plan and report, write nothing. */
  readonly dryRun?: boolean | undefined;
  /** Remove outputs (and their manifest entries) that the plan no longer builds. */
  readonly prune?: boolean | undefined;
  readonly onEvent?: ((event: BuildEvent) => void) | undefined;
  /** A pool to reuse (watch mode keeps one alive between rebuilds; the CLI starts one early). */
  readonly pool?: BuildPool | undefined;
  /**
   * Seconds each handout may take; set, every handout is built in a worker process with a time and memory
   * budget (the CLI always sets it). Unset, a single job runs in this thread, unbounded but without a worker's start-up.
   */
  readonly handoutSeconds?: number | undefined;
  /** How long to wait for another build writing to the same folder (default 120 s). */
  readonly lockWaitMs?: number | undefined;
  /** Archival and print-shop output; unset fields come from the config, else off. */
  readonly output?: Partial<OutputOptions> | undefined;
}

export interface BuiltHandout {
  readonly article: string;
  readonly clinic: string;
  readonly template: string;
  /** Absolute path of the PDF. */
  readonly path: string;
  readonly pages: number;
  readonly bytes: number;
}

export type OutputStatus = 'build' | 'up-to-date';

/** What a run did with one output it selected. */
export interface OutputResult {
  /** The output's path relative to the output folder. */
  readonly output: string;
  readonly article: string;
  readonly clinic: string;
  readonly template: string;
  /** Absolute path of the PDF. */
  readonly path: string;
  readonly status: 'built' | 'up-to-date' | 'failed';
  /** Of the PDF in the folder now; null when it failed and none is there from before. */
  readonly pages: number | null;
  readonly bytes: number | null;
}

export interface PlannedStatus {
  /** The output's path relative to the output folder. */
  readonly output: string;
  readonly article: string;
  readonly clinic: string;
  readonly template: string;
  readonly reason: string;
  readonly status: OutputStatus;
}

export type BuildEvent =
  | { readonly type: 'start'; readonly total: number; readonly toBuild: number; readonly upToDate: number }
  | { readonly type: 'waiting'; readonly pid: number; readonly outDir: string }
  | { readonly type: 'built'; readonly handout: BuiltHandout }
  | { readonly type: 'failed'; readonly output: string; readonly problems: readonly Diagnostic[] };

export interface BuildReport {
  /** The selected part of the plan, with what this run did or would do with each output. */
  readonly plan: readonly PlannedStatus[];
  readonly outputs: readonly BuiltHandout[];
  /** Every output this run selected and what became of it: built, up to date or failed (empty for a dry run). */
  readonly results: readonly OutputResult[];
  /** Outputs skipped as up to date. */
  readonly upToDate: number;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  /** What the build decided that a user may want to know (the type size `fit` chose). */
  readonly notes: readonly Diagnostic[];
  /**
   * Of the warnings, those an earlier build gave for outputs that are up to date now (they still hold; the CLI
   * sums them up instead of printing them again).
   */
  readonly earlier: readonly Diagnostic[];
  /** Warnings and notes left out because the config's `diagnostics.ignore` lists their code. */
  readonly silenced: number;
  /** Handouts that could not be built. */
  readonly failed: number;
  /** Outputs in the manifest that the plan no longer builds (an article or clinic deleted), relative to outDir. */
  readonly unplanned: readonly string[];
  /** Of those, the ones this run removed (with --prune). */
  readonly pruned: readonly string[];
  readonly outDir: string;
  /** The project folder the build used. */
  readonly root: string;
}
