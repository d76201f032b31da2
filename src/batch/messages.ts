import type { Brand } from '../brand/types.js';
import type { Article } from '../content/types.js';
import type { Problem } from '../errors.js';
import type { OutputOptions } from '../pipeline.js';
import type { LabelOverrides } from '../shared/labels.js';

/** Everything a worker needs for one handout: parsed inputs are plain data and cross threads as they are. */
export interface HandoutJob {
  readonly root: string;
  readonly article: Article;
  readonly brand: Brand;
  readonly template: string;
  /** Absolute path of the PDF to write. */
  readonly path: string;
  /** Becomes the PDF's /ID, so the ID follows the inputs. */
  readonly documentId: string;
  readonly output: OutputOptions;
  /** The project's labels (the config's `labels`). */
  readonly labels: LabelOverrides;
}

export type JobResult =
  | {
      readonly type: 'built';
      readonly pages: number;
      readonly bytes: number;
      readonly sha256: string;
      /** What layout decided that the user should hear about (e.g. the size `fit: shrink` chose). */
      readonly notes: readonly string[];
    }
  | { readonly type: 'failed'; readonly problems: readonly Problem[] };

export type ToWorker =
  | { readonly type: 'build'; readonly id: number; readonly job: HandoutJob }
  | { readonly type: 'stop' };

export type FromWorker =
  | ({ readonly id: number } & JobResult)
  | { readonly type: 'memory'; readonly peakHeapBytes: number };
