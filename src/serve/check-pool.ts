import { checkProject } from '../check/index.js';
import type { CheckOptions, CheckReport } from '../check/types.js';
import { type Problem, problemsOf } from '../errors.js';
import { createWorkerPool, type WorkerPool } from '../shared/worker-pool.js';

export type CheckResult =
  | { readonly type: 'checked'; readonly report: CheckReport }
  | { readonly type: 'failed'; readonly problems: readonly Problem[] };

/** `checkProject`, with what it throws as its problems: the shape a worker can send back. */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  try {
    return { type: 'checked', report: checkProject(options) };
  } catch (error) {
    return { type: 'failed', problems: problemsOf(error, options.root) };
  }
}

/**
 * The preview's check runs in a thread of its own: it reads and lays out every article for every clinic,
 * seconds of work on a large project, during which the server's thread must go on answering.
 */
export type CheckPool = WorkerPool<CheckOptions, CheckResult>;

export function createCheckPool(): CheckPool {
  return createWorkerPool(1, {
    worker: 'serve',
    inline: runCheck,
    threaded: true,
    crashed: (message) => ({
      type: 'failed',
      problems: [{ code: 'internal', severity: 'error', message: `the check stopped: ${message}`, file: '.' }],
    }),
  });
}
