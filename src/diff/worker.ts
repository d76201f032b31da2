import { serveTasks } from '../shared/worker-pool.js';
import { comparePdfs } from './compare.js';

// A worker compares one output at a time; pdf.js and the canvas library load once per worker.
serveTasks(comparePdfs);
