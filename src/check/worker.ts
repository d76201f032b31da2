import { serveTasks } from '../shared/worker-pool.js';
import { layoutChecked } from './layout-task.js';

// A worker lays out one handout at a time; fonts are parsed and templates compiled once per worker.
serveTasks(layoutChecked);
