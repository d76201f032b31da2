import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DiagnosticCode, Problem } from '../errors.js';
import { limits } from '../shared/limits.js';
import { packageRoot } from '../shared/package-root.js';
import type { FromWorker, HandoutJob, JobResult, ToWorker } from './messages.js';

export interface BuildPool {
  run(job: HandoutJob): Promise<JobResult>;
  /** Settle every job not yet started as failed, without a problem of its own (the caller reports why). */
  abort(): void;
  /** Stop the workers; resolves to each worker's peak heap in bytes. */
  close(): Promise<number[]>;
  readonly size: number;
}

export interface PoolOptions {
  /** Seconds one handout may take before its worker is stopped (default: limits.handoutSeconds). */
  readonly handoutSeconds?: number;
}

/** The worker beside this code (bundled or compiled); under the TypeScript sources (tests), the compiled copy in dist/. */
function workerFile(): URL {
  for (const name of ['./worker.mjs', './worker.js']) {
    const beside = new URL(name, import.meta.url);
    if (!import.meta.url.endsWith('.ts') && existsSync(beside)) return beside;
  }
  return new URL(`file://${join(packageRoot, 'dist', 'batch', 'worker.js')}`);
}

/** The job's article file; a job is not trusted to be whole (a broken one is what kills a worker). */
const articleOf = (job: HandoutJob): string | null => (job as Partial<HandoutJob>).article?.file ?? null;

const skipped: JobResult = { type: 'failed', problems: [] };

/** A handout that took its worker down (out of memory, out of time, a crash) fails with a placed error. */
function crashed(job: HandoutJob, problem: Pick<Problem, 'code' | 'message' | 'hint'>): JobResult {
  // The job came from this thread, but a worker that died may have died of it: nothing in it is trusted.
  const file = (job as Partial<HandoutJob>).article?.file ?? job.path;
  return { type: 'failed', problems: [{ severity: 'error', file, ...problem }] };
}

/** A pool of worker threads, or the main thread alone for one job at a time. */
export function createPool(size: number, options: PoolOptions = {}): BuildPool {
  if (size <= 1 && options.handoutSeconds === undefined) return mainThreadPool();
  const seconds = options.handoutSeconds ?? limits.handoutSeconds;
  interface Slot {
    worker: Worker;
    job: { id: number; job: HandoutJob } | null;
    timer: NodeJS.Timeout | undefined;
    /** The article of the last handout it built: its shaped words and line breaks are in this worker's caches. */
    article: string | null;
  }
  const slots = new Set<Slot>();
  const queue: { id: number; job: HandoutJob }[] = [];
  const pending = new Map<number, (result: JobResult) => void>();
  let nextId = 1;
  let closing = false;

  const settle = (id: number, result: JobResult) => {
    pending.get(id)?.(result);
    pending.delete(id);
  };
  /**
   * The next job for a free worker: another handout of the article it built last, else an article no other
   * worker is on, else the oldest. Each article is then set once per batch, not once per worker.
   */
  const takeFor = (slot: Slot) => {
    const others = new Set([...slots].filter((s) => s !== slot).map((s) => s.article));
    let index = queue.findIndex((q) => articleOf(q.job) === slot.article);
    if (index < 0) index = queue.findIndex((q) => !others.has(articleOf(q.job)));
    const [next] = queue.splice(Math.max(0, index), 1);
    if (next) slot.article = articleOf(next.job);
    return next;
  };
  const dispatch = () => {
    for (const slot of slots) {
      if (slot.job !== null) continue;
      const next = takeFor(slot);
      if (!next) return;
      slot.job = next;
      // A runaway handout (a pathological input the checks did not catch) costs its own time, never the batch's.
      slot.timer = setTimeout(
        () => fail(slot, 'handout-timeout', `building this handout took more than ${seconds} s; it was stopped`),
        seconds * 1000,
      );
      slot.worker.postMessage({ type: 'build', id: next.id, job: next.job } satisfies ToWorker);
    }
  };
  /** The worker is ended and replaced; its handout fails with the reason, the queue goes on. */
  const fail = (slot: Slot, code: DiagnosticCode, message: string) => {
    if (!slots.delete(slot)) return;
    clearTimeout(slot.timer);
    void slot.worker.terminate();
    if (slot.job) {
      settle(
        slot.job.id,
        crashed(slot.job.job, {
          code,
          message,
          hint: 'Other handouts were built. Look for something unusually large or deep in this article, its images or the template.',
        }),
      );
    }
    if (!closing) slots.add(start());
    dispatch();
  };
  const start = (): Slot => {
    // A modest old-space limit makes V8 collect sooner, so memory stays flat over a long batch; it is also each handout's memory budget.
    const worker = new Worker(workerFile(), { resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb } });
    const slot: Slot = { worker, job: null, timer: undefined, article: null };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'memory') return;
      clearTimeout(slot.timer);
      slot.job = null;
      const { id, ...result } = message;
      settle(id, result as JobResult);
      dispatch();
    });
    worker.on('error', (error) => {
      const memory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      fail(
        slot,
        memory ? 'handout-memory' : 'worker-crashed',
        memory
          ? `building this handout needed more than ${limits.workerHeapMb} MB of memory; it was stopped`
          : `the worker building this handout failed: ${error.message}`,
      );
    });
    worker.on('exit', () => fail(slot, 'worker-crashed', 'the worker building this handout exited unexpectedly'));
    return slot;
  };
  for (let i = 0; i < Math.max(1, size); i++) slots.add(start());
  return {
    size: Math.max(1, size),
    run(job) {
      const id = nextId++;
      return new Promise<JobResult>((resolve) => {
        pending.set(id, resolve);
        queue.push({ id, job });
        dispatch();
      });
    },
    abort() {
      for (const { id } of queue.splice(0)) settle(id, skipped);
    },
    async close() {
      closing = true;
      const stopping = [...slots].map(
        (slot) =>
          new Promise<number>((resolve) => {
            slots.delete(slot);
            let peak = 0;
            slot.worker.on('message', (message: FromWorker) => {
              if (message.type === 'memory') peak = message.peakHeapBytes;
            });
            slot.worker.once('exit', () => resolve(peak));
            slot.worker.postMessage({ type: 'stop' } satisfies ToWorker);
          }),
      );
      return Promise.all(stopping);
    },
  };
}

/** One handout at a time in this thread: started together, every document would be held in memory at once. */
function mainThreadPool(): BuildPool {
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let abortedBefore = 0;
  return {
    size: 1,
    run(job) {
      const number = queued++;
      // The pipeline loads only when this thread builds: a planning thread with workers never needs it.
      const result = tail.then(async () => {
        // A turn of the event loop between handouts: Ctrl+C, timers and the progress bar are served.
        await new Promise(setImmediate);
        return number < abortedBefore ? skipped : (await import('./run-job.js')).runJob(job);
      });
      tail = result;
      return result;
    },
    abort() {
      abortedBefore = queued;
    },
    close: async () => [],
  };
}
