import type { Problem } from '../errors.js';
import type { SelectionOptions } from '../project/types.js';
import type { Budget } from '../shared/worker-pool.js';
import type { ProofPool } from './pool.js';

export interface ProofOptions extends SelectionOptions {
  /** A build's output folder: its manifest.json says what is there. */
  readonly outDir: string;
  /** Resolution of the page images; default 72. */
  readonly dpi?: number | undefined;
  /** Contact sheets show page 1 of each output (default) or every page; false makes none. */
  readonly sheets?: 'first' | 'all' | false | undefined;
  /** Redraw proofs that are up to date. */
  readonly force?: boolean | undefined;
  /** Worker processes; default: one per twenty outputs to draw, up to the number of cores. */
  readonly jobs?: number | undefined;
  /** Time and memory each PDF may take to draw; default: the build's budget (limits, or HANDOUT_BUDGET_SECONDS and _MB). */
  readonly budget?: Budget | undefined;
  /** A pool to reuse (the preview server keeps one alive). */
  readonly pool?: ProofPool | undefined;
  /** Told after each output is drawn (or fails to be): how many of those to draw are done. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Told of each output's pages as soon as they are there: those up to date at once, the others as drawn. */
  readonly onOutput?: ((output: ProofOutput) => void) | undefined;
}

export interface ProofPage {
  /** Absolute path of the PNG. */
  readonly file: string;
  /** Pixels. */
  readonly width: number;
  readonly height: number;
  /** The PDF page's size in points. */
  readonly widthPt: number;
  readonly heightPt: number;
}

export interface ProofOutput {
  /** The PDF's path relative to the output folder, as in the manifest. */
  readonly output: string;
  readonly article: string;
  readonly clinic: string;
  readonly template: string;
  readonly sha256: string;
  /** Folder of the page images: proofs/<clinic>/<article>[-template]. */
  readonly dir: string;
  readonly pages: readonly ProofPage[];
  /** Drawn by this run (false: up to date). */
  readonly drawn: boolean;
}

export interface ContactSheet {
  readonly kind: 'clinic' | 'article';
  readonly id: string;
  /** One PNG per sheet page. */
  readonly images: readonly string[];
  /** One PDF with every sheet page. */
  readonly pdf: string;
  /** Labels of the thumbnails, in order. */
  readonly labels: readonly string[];
  readonly drawn: boolean;
}

export interface ProofReport {
  readonly proofDir: string;
  readonly dpi: number;
  readonly outputs: readonly ProofOutput[];
  readonly sheets: readonly ContactSheet[];
  /** Pages drawn by this run. */
  readonly drawnPages: number;
  readonly errors: readonly Problem[];
}
