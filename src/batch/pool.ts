import type { Problem } from '../errors.js';
import { workBudget } from '../shared/limits.js';
import { createWorkerPool, type Stopped } from '../shared/worker-pool.js';
import type { HandoutJob, JobResult } from './messages.js';

export interface BuildPool {
  run(job: HandoutJob): Promise<JobResult>;
  /** Settle every job not yet started as failed, without a problem of its own (the caller reports why). */
  abort(): void;
  /** Stop the workers; resolves to each worker's peak heap in bytes. */
  close(): Promise<number[]>;
  readonly size: number;
}

export interface PoolOptions {
  /** Seconds one handout may take before its worker is stopped (default: the budget's, see workBudget). */
  readonly handoutSeconds?: number | undefined;
  /** Heap one worker may use, in MB (default: the budget's). */
  readonly heapMb?: number | undefined;
}

/** The job's article file; a job is not trusted to be whole (a broken one is what kills a worker). */
const articleOf = (job: HandoutJob): string | null => (job as Partial<HandoutJob>).article?.file ?? null;

const skipped: JobResult = { type: 'failed', problems: [] };

/** A handout that took its worker down (out of memory, out of time, a crash) fails with a placed error. */
function crashed(job: HandoutJob, why: Stopped): JobResult {
  // The job came from this thread, but a worker that died may have died of it: nothing in it is trusted.
  return { type: 'failed', problems: [stoppedProblem(articleOf(job) ?? job.path, why)] };
}

/** The error of a handout whose worker was stopped, at its article: the same in build and check. */
export function stoppedProblem(file: string, why: Stopped): Problem {
  return {
    severity: 'error',
    file,
    ...why,
    hint: 'Other handouts were built. Look for something unusually large or deep in this article, its images or the template.',
  };
}

/**
 * Worker processes that build handouts, each under the time and memory budget; the main thread alone for one job
 * at a time when no budget is asked for. Another handout of the article a worker built last goes to that worker:
 * its shaped words and line breaks are in that worker's caches, so each article is set once per batch.
 */
export function createPool(size: number, options: PoolOptions = {}): BuildPool {
  const budget =
    size <= 1 && options.handoutSeconds === undefined && options.heapMb === undefined
      ? undefined
      : { seconds: options.handoutSeconds ?? workBudget().seconds, heapMb: options.heapMb ?? workBudget().heapMb };
  const pool = createWorkerPool<HandoutJob, JobResult>(size, {
    worker: 'batch',
    // The pipeline loads only when this thread builds: a planning thread with workers never needs it.
    inline: async (job) => (await import('./run-job.js')).runJob(job),
    doing: 'building this handout',
    stopped: crashed,
    budget,
    affinity: articleOf,
  });
  return { size: pool.size, run: (job) => pool.run(job), abort: () => pool.abort(skipped), close: () => pool.close() };
}
