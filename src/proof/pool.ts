import { createWorkerPool, type WorkerPool } from '../shared/worker-pool.js';
import { type DrawResult, type DrawTask, drawProof } from './draw.js';

export type ProofPool = WorkerPool<DrawTask, DrawResult>;

/** Threads that draw proofs; a size of 1 draws in the calling thread. */
export function createProofPool(size: number): ProofPool {
  return createWorkerPool(size, {
    worker: 'proof',
    inline: drawProof,
    crashed: (message) => ({ type: 'failed', message: `proof worker crashed: ${message}` }),
  });
}
