// npm run bench: every benchmark of the project, printed as tables for the README.
import { benchSingle } from './single.mjs';

console.log(`Node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);
console.log('One handout (sample article), warm, in one process:');
console.table(await benchSingle());
