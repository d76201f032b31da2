import { serveTasks } from '../shared/worker-pool.js';
import { runCheck } from './check-pool.js';

// The preview server's check thread: one project check at a time.
serveTasks(runCheck);
