import type { Diagnostic } from '../errors.js';
import type { OutputJob } from '../pipeline.js';
import type { InputStates } from '../shared/input-record.js';
import type { PinnedFolder } from './output-folder.js';

/** Everything a worker needs for one handout: parsed inputs are plain data and cross threads as they are. */
export interface HandoutJob extends OutputJob {
  /** Absolute path of the PDF to write. */
  readonly path: string;
  /** The output folder as the build took it: the PDF is written into it or not at all. */
  readonly folder?: PinnedFolder;
}

export type JobResult =
  | {
      readonly type: 'built';
      readonly pages: number;
      readonly bytes: number;
      readonly sha256: string;
      /** What layout and rendering told the user: notes (the size `fit` chose) and warnings. */
      readonly notes: readonly Diagnostic[];
      /** Every file the handout was built from, with its hash: the manifest's record. */
      readonly inputs: InputStates;
      readonly inputHash: string;
    }
  | { readonly type: 'failed'; readonly problems: readonly Diagnostic[] };
