import type { WorkerPool } from '../shared/worker-pool.js';

/**
 * A pool that stops taking tasks when the signal fires: every task still waiting settles at once as
 * `stopped`, so a preview that is closed mid-round does not draw the rest of its pages first.
 */
export function stoppablePool<Task, Result>(
  pool: WorkerPool<Task, Result>,
  signal: AbortSignal,
  stopped: Result,
): WorkerPool<Task, Result> {
  let running = 0;
  const waiting: (() => void)[] = [];
  signal.addEventListener('abort', () => {
    for (const go of waiting.splice(0)) go();
  });
  return {
    size: pool.size,
    async run(task) {
      // Tasks are handed to the pool only as it has room, so the ones not yet handed over can be dropped.
      if (running >= pool.size) await new Promise<void>((go) => waiting.push(go));
      if (signal.aborted) return stopped;
      running++;
      try {
        return await pool.run(task);
      } finally {
        running--;
        waiting.shift()?.();
      }
    },
    abort: (result) => pool.abort(result),
    close: () => pool.close(),
  };
}
