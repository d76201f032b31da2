import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Problem } from '../errors.js';
import { endOrphans, workerFile } from '../shared/worker-pool.js';
import type { Shown } from './round.js';
import { previewState } from './state.js';
import type { PreviewProgress, ServeOptions } from './types.js';

export type ToRoundWorker =
  | { readonly type: 'round'; readonly options: ServeOptions; readonly outDir: string; readonly partial: boolean }
  | { readonly type: 'stop' };

export type FromRoundWorker =
  | { readonly type: 'progress'; readonly progress: PreviewProgress }
  | { readonly type: 'partial'; readonly shown: Shown }
  | { readonly type: 'done'; readonly result: { readonly shown: Shown; readonly outDir: string } | null }
  /** A worker process the thread started: ended from here if the thread is cut off before it ends it. */
  | { readonly type: 'worker'; readonly pid: number };

export interface RoundListener {
  readonly onProgress: (progress: PreviewProgress) => void;
  /** Given, the round says what to show as it goes (see `RoundContext.onPartial`). */
  readonly onPartial?: ((shown: Shown) => void) | undefined;
}

export interface RoundThread {
  /** One round in the thread; resolves to what to show, or null when the preview stopped meanwhile. */
  run(options: ServeOptions, outDir: string, listener: RoundListener): Promise<{ shown: Shown; outDir: string } | null>;
  /** Finish the handouts being built, start no others, and end the thread (cut off after `graceMs`). */
  close(graceMs: number): Promise<void>;
}

/** How long a stopping thread may take to finish the handouts it is building before it is cut off. */
export const stopGraceMs = 10_000;

/**
 * The thread every round runs in: planning, building, drawing and checking a large project holds a thread for
 * seconds at a time, and the server's own thread must go on answering. Its build and proof workers live
 * inside it and are kept between rounds. A thread that dies is replaced for the next round.
 */
export function startRoundThread(): RoundThread {
  let worker = start();
  let current: {
    readonly root: string;
    readonly outDir: string;
    readonly listener: RoundListener;
    readonly settle: (result: { shown: Shown; outDir: string } | null) => void;
  } | null = null;
  let closing = false;
  const processes = new Set<number>();
  process.once('exit', () => endOrphans(processes));

  function start(): Worker {
    const thread = new Worker(workerFile('serve'));
    thread.on('message', (message: FromRoundWorker) => {
      if (message.type === 'worker') processes.add(message.pid);
      else if (message.type === 'progress') current?.listener.onProgress(message.progress);
      else if (message.type === 'partial') current?.listener.onPartial?.(message.shown);
      else {
        current?.settle(message.result);
        current = null;
      }
    });
    thread.on('error', (error) => {
      // What the round would have shown: the failure, as a project problem; the next change tries again.
      if (current) {
        const problem: Problem = {
          code: 'internal',
          severity: 'error',
          message: `the preview's build thread stopped: ${error.message}`,
          file: current.root,
          hint: 'The next change to a file tries again; if this repeats, please report it.',
        };
        const empty = { planned: [], manifest: {}, proofs: [], readability: [], version: 0 };
        const names = { titles: new Map(), clinics: new Map() };
        const shown = previewState({
          root: current.root,
          outDir: current.outDir,
          names,
          problems: [problem],
          ...empty,
        });
        current.settle({ shown, outDir: current.outDir });
      }
      current = null;
      if (!closing) worker = start();
    });
    return thread;
  }

  return {
    run(options, outDir, listener) {
      if (closing) return Promise.resolve(null);
      return new Promise((settle) => {
        current = { root: resolve(options.root), outDir, listener, settle };
        const partial = listener.onPartial !== undefined;
        worker.postMessage({ type: 'round', options, outDir, partial } satisfies ToRoundWorker);
      });
    },
    async close(graceMs) {
      closing = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'stop' } satisfies ToRoundWorker);
      const timer = setTimeout(() => void worker.terminate(), graceMs);
      await exited;
      clearTimeout(timer);
      endOrphans(processes);
      current?.settle(null);
      current = null;
    },
  };
}
