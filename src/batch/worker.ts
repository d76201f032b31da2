import { serveTasks } from '../shared/worker-pool.js';

// A worker lives for the whole build: fonts are parsed and templates compiled once, on its first handout. The
// pipeline loads with that first handout, so a worker whose parent is gone before then ends at once.
serveTasks(async (job: import('./messages.js').HandoutJob) => (await import('./run-job.js')).runJob(job));
