import { serveTasks } from '../shared/worker-pool.js';
import { runJob } from './run-job.js';

// A worker lives for the whole build: fonts are parsed and templates compiled once, on its first handout.
serveTasks(runJob);
