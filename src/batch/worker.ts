import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './messages.js';
import { runJob } from './run-job.js';

// A worker lives for the whole build: fonts are parsed and templates compiled once, on its first handout.
const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');

let peakHeapBytes = 0;
port.on('message', async (message: ToWorker) => {
  if (message.type === 'stop') {
    port.postMessage({ type: 'memory', peakHeapBytes } satisfies FromWorker);
    port.close();
    return;
  }
  const result = await runJob(message.job);
  peakHeapBytes = Math.max(peakHeapBytes, getHeapStatistics().used_heap_size);
  port.postMessage({ id: message.id, ...result } satisfies FromWorker);
});
