import type { Problem } from '../errors.js';
import type { Budget } from '../shared/worker-pool.js';

export interface DiffOptions {
  /** Two build output folders, each with its manifest.json. */
  readonly old: string;
  readonly new: string;
  /** Folder for the HTML report and its images; null writes none. */
  readonly report: string | null;
  /** Resolution the pages are compared at; default 72. */
  readonly dpi?: number | undefined;
  /** Share of a page's pixels that may differ before the output counts as changed; default 0. */
  readonly threshold?: number | undefined;
  /** Worker threads; default: one per ten outputs to compare, up to the number of cores. */
  readonly jobs?: number | undefined;
  /** Time and memory each pair may take to draw; default: the build's budget (limits, or HANDOUT_BUDGET_SECONDS and _MB). */
  readonly budget?: Budget | undefined;
}

/** unchanged: same sha256, not drawn at all. changed: the bytes differ (whether any pixel does is in `ratio`). */
export type OutputStatus = 'added' | 'removed' | 'unchanged' | 'changed';

export interface PageImages {
  /** Paths relative to the report folder. */
  readonly old?: string | undefined;
  readonly new?: string | undefined;
  readonly diff?: string | undefined;
}

export interface PageDiff {
  readonly page: number;
  /** added/removed: the page exists in one build only. */
  readonly status: 'same' | 'changed' | 'added' | 'removed';
  /** Pixels that differ (anti-aliasing ignored), and their share of the page. */
  readonly pixels: number;
  readonly ratio: number;
  readonly width: number;
  readonly height: number;
  readonly images: PageImages;
}

/** Words removed and added at one place of the extracted text, with a few words either side. */
export interface TextChange {
  readonly before: string;
  readonly removed: string;
  readonly added: string;
  readonly after: string;
}

export interface OutputDiff {
  /** The PDF's path relative to its output folder. */
  readonly output: string;
  readonly article: string;
  readonly clinic: string;
  readonly template: string;
  readonly status: OutputStatus;
  readonly oldPages: number | null;
  readonly newPages: number | null;
  /** The largest share of changed pixels on any page (1 for an added or removed output). */
  readonly ratio: number;
  readonly pixels: number;
  /** Beyond the threshold: what makes `handout diff` exit 1. */
  readonly significant: boolean;
  /** Every page, for changed outputs (empty for unchanged ones); page 1 for added and removed ones. */
  readonly pages: readonly PageDiff[];
  readonly text: readonly TextChange[];
}

export interface DiffReport {
  readonly old: string;
  readonly new: string;
  readonly dpi: number;
  readonly threshold: number;
  readonly outputs: readonly OutputDiff[];
  readonly counts: Readonly<Record<OutputStatus, number>>;
  /** Any output added, removed or with other bytes: what `counts` adds up, whatever the threshold. */
  readonly changed: boolean;
  /** Anything beyond the threshold, or a problem: what makes `handout diff` exit 1. */
  readonly significant: boolean;
  /** The HTML report, when one was written. */
  readonly reportFile: string | null;
  readonly errors: readonly Problem[];
}
