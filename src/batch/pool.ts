import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../shared/package-root.js';
import type { FromWorker, HandoutJob, JobResult, ToWorker } from './messages.js';
import { runJob } from './run-job.js';

export interface BuildPool {
  run(job: HandoutJob): Promise<JobResult>;
  /** Stop the workers; resolves to each worker's peak heap in bytes. */
  close(): Promise<number[]>;
  readonly size: number;
}

/** The worker beside this code (bundled or compiled); under the TypeScript sources (tests), the compiled copy in dist/. */
function workerFile(): URL {
  for (const name of ['./worker.mjs', './worker.js']) {
    const beside = new URL(name, import.meta.url);
    if (!import.meta.url.endsWith('.ts') && existsSync(beside)) return beside;
  }
  return new URL(`file://${join(packageRoot, 'dist', 'batch', 'worker.js')}`);
}

function crashed(message: string): JobResult {
  return {
    type: 'failed',
    problems: [{ code: 'internal', severity: 'error', message: `worker crashed: ${message}`, file: '.' }],
  };
}

/** A pool of worker threads, or the main thread alone for one job at a time. */
export function createPool(size: number): BuildPool {
  if (size <= 1) {
    // One handout at a time: started together, every document would be held in memory at once.
    let tail: Promise<unknown> = Promise.resolve();
    return {
      size: 1,
      run(job) {
        const result = tail.then(() => runJob(job));
        tail = result;
        return result;
      },
      close: async () => [],
    };
  }
  interface Slot {
    worker: Worker;
    current: number | null;
    dead: boolean;
  }
  const slots: Slot[] = [];
  const queue: { id: number; job: HandoutJob }[] = [];
  const pending = new Map<number, (result: JobResult) => void>();
  let nextId = 1;

  const settle = (id: number, result: JobResult) => {
    pending.get(id)?.(result);
    pending.delete(id);
  };
  const dispatch = () => {
    if (slots.every((slot) => slot.dead)) {
      for (const { id } of queue.splice(0)) settle(id, crashed('no worker is left'));
      return;
    }
    for (const slot of slots) {
      if (slot.current !== null || slot.dead) continue;
      const next = queue.shift();
      if (!next) return;
      slot.current = next.id;
      slot.worker.postMessage({ type: 'build', id: next.id, job: next.job } satisfies ToWorker);
    }
  };
  for (let i = 0; i < size; i++) {
    // A modest old-space limit makes V8 collect sooner, so memory stays flat over a long batch.
    const worker = new Worker(workerFile(), { resourceLimits: { maxOldGenerationSizeMb: 192 } });
    const slot: Slot = { worker, current: null, dead: false };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'memory') return;
      slot.current = null;
      const { id, ...result } = message;
      settle(id, result as JobResult);
      dispatch();
    });
    worker.on('error', (error) => {
      // A crashed worker fails only its own handout; the other workers carry on with the queue.
      slot.dead = true;
      if (slot.current !== null) settle(slot.current, crashed(error.message));
      slot.current = null;
      dispatch();
    });
    slots.push(slot);
  }
  return {
    size,
    run(job) {
      const id = nextId++;
      return new Promise<JobResult>((resolve) => {
        pending.set(id, resolve);
        queue.push({ id, job });
        dispatch();
      });
    },
    async close() {
      return Promise.all(
        slots
          .filter((slot) => !slot.dead)
          .map(
            ({ worker }) =>
              new Promise<number>((resolve) => {
                let peak = 0;
                worker.on('message', (message: FromWorker) => {
                  if (message.type === 'memory') peak = message.peakHeapBytes;
                });
                worker.once('exit', () => resolve(peak));
                worker.postMessage({ type: 'stop' } satisfies ToWorker);
              }),
          ),
      );
    },
  };
}
