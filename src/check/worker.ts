import { serveTasks } from '../shared/worker-pool.js';
import type { LayoutTask } from './layout-task.js';

// A worker lays out one handout at a time; fonts are parsed and templates compiled once, with its first handout.
serveTasks(async (task: LayoutTask) => (await import('./layout-task.js')).layoutChecked(task));
