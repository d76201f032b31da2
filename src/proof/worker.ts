import { serveTasks } from '../shared/worker-pool.js';
import type { DrawTask } from './draw.js';

// A worker draws one PDF at a time; pdf.js and the canvas library load once per worker, with its first PDF.
serveTasks(async (task: DrawTask) => (await import('./draw.js')).drawProof(task));
