import { serveTasks } from '../shared/worker-pool.js';
import { drawProof } from './draw.js';

// A worker draws one PDF at a time; pdf.js and the canvas library load once per worker.
serveTasks(drawProof);
