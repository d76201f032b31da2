// npm run bench: the figures in the README. Tests never assert timings; this prints them.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchSingle } from './single.js';
import { makeSyntheticProject } from './synthetic.js';

const batchScript = fileURLToPath(new URL('./batch.mjs', import.meta.url));
const cores = availableParallelism();
const quick = process.argv.includes('--quick');

interface BatchResult {
  built: number;
  upToDate: number;
  failed: number;
  seconds: number;
  peakRssMB: number;
  workerPeakHeapMB: number[];
  avgKB: number;
  avgPages: number;
}

function batch(project: string, jobs: number, force = false): BatchResult {
  const args = [batchScript, project, String(jobs), ...(force ? ['--force'] : [])];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

const row = (label: string, r: BatchResult) => ({
  run: label,
  handouts: r.built || r.upToDate,
  seconds: +r.seconds.toFixed(2),
  'handouts/s': r.built ? +(r.built / r.seconds).toFixed(1) : '',
  'ms/handout': r.built ? +((r.seconds * 1000) / r.built).toFixed(1) : '',
  'peak RSS MB': Math.round(r.peakRssMB),
  'worker heap MB': r.workerPeakHeapMB.map((m) => Math.round(m)).join(' / ') || '(main thread)',
  'avg KB': +r.avgKB.toFixed(1),
  'avg pages': +r.avgPages.toFixed(1),
});

console.log(`Node ${process.version}, ${cores} cores\n`);
console.log('One handout (the 1,200-word sample article), warm, one process:');
console.table(await benchSingle());

const clinics = quick ? 10 : 50;
for (const [label, minWords, maxWords] of [
  ['articles of 600–1,500 words', 600, 1500],
  ['two-page handouts (articles of 280–380 words)', 280, 380],
] as const) {
  const small = makeSyntheticProject({ clinics: 5, articles: 20, minWords, maxWords });
  const large = makeSyntheticProject({ clinics, articles: 20, minWords, maxWords });
  console.log(`\nBatch, synthetic project, ${label}, half PNG and half SVG logos:`);
  console.table([
    row('100 handouts, 1 thread (--jobs 1)', batch(small, 1)),
    row(`100 handouts, ${cores} workers`, batch(small, cores, true)),
    row(`${clinics * 20} handouts, 1 thread (--jobs 1)`, batch(large, 1)),
    row(`${clinics * 20} handouts, ${cores} workers`, batch(large, cores, true)),
    row(`${clinics * 20} handouts, no-op rebuild`, batch(large, cores)),
  ]);
  rmSync(small, { recursive: true, force: true });
  rmSync(large, { recursive: true, force: true });
}
