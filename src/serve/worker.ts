import { resolve } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { createPool } from '../batch/pool.js';
import { createProofPool } from '../proof/pool.js';
import { workBudget } from '../shared/limits.js';
import { announceWorkers, endWorkers } from '../shared/worker-pool.js';
import { type PreviewPools, previewRound } from './round.js';
import { type FromRoundWorker, stopGraceMs, type ToRoundWorker } from './rounds.js';
import { stoppablePool } from './stoppable.js';

// The preview's round thread: one round at a time, its pools kept between rounds, until told to stop.
const port = parentPort;
if (!port) throw new Error('this module runs only as a worker thread');
const closing = new AbortController();
let pools: PreviewPools | null = null;
let rounds: Promise<void> = Promise.resolve();
const send = (message: FromRoundWorker) => port.postMessage(message);
announceWorkers((pid) => send({ type: 'worker', pid }));

function poolsFor(jobs: number): PreviewPools {
  pools ??= {
    // Handouts are built in workers of their own even for one job: each gets its time and memory budget.
    build: createPool(jobs, { handoutSeconds: workBudget().seconds }),
    // Every PDF is drawn under the same budget: a hostile one fails alone, the server goes on.
    proof: stoppablePool(createProofPool(jobs, workBudget()), closing.signal, {
      type: 'failed',
      code: null,
      message: 'the preview stopped',
    }),
  };
  return pools;
}

port.on('message', (message: ToRoundWorker) => {
  if (message.type === 'stop') {
    // The handouts being built are finished (never cut off mid-file); the rest are not started.
    closing.abort();
    pools?.build.abort();
    // Worker processes outlive a thread that is cut off: they are ended first, just before the preview gives up.
    setTimeout(endWorkers, Math.max(0, stopGraceMs - 1000)).unref();
    void rounds.then(async () => {
      await Promise.all([pools?.build.close(), pools?.proof.close()]);
      port.close();
    });
    return;
  }
  const { options, outDir } = message;
  rounds = rounds.then(async () => {
    // A round that comes after the stop starts no workers: nothing would be left to end them.
    if (closing.signal.aborted) {
      send({ type: 'done', result: null });
      return;
    }
    const result = await previewRound({
      root: resolve(options.root),
      options,
      pools: poolsFor(options.jobs ?? 2),
      outDir,
      onProgress: (progress) => send({ type: 'progress', progress }),
      onPartial: message.partial ? (shown) => send({ type: 'partial', shown }) : undefined,
      signal: closing.signal,
    });
    send({ type: 'done', result });
  });
});
