import { type Budget, createWorkerPool, type WorkerPool } from '../shared/worker-pool.js';
import { type DrawResult, type DrawTask, drawProof } from './draw.js';

export type ProofPool = WorkerPool<DrawTask, DrawResult>;

/** Worker processes that draw proofs, each PDF under the time and memory budget a handout is built with. */
export function createProofPool(size: number, budget: Budget): ProofPool {
  return createWorkerPool(size, {
    worker: 'proof',
    inline: drawProof,
    doing: 'drawing this PDF',
    stopped: (_task, why) => ({ type: 'failed', ...why }),
    budget,
  });
}
