import { serveTasks } from '../shared/worker-pool.js';
import type { CompareTask } from './compare.js';

// A worker compares one output at a time; pdf.js and the canvas library load once per worker, with its first pair.
serveTasks(async (task: CompareTask) => (await import('./compare.js')).comparePdfs(task));
