// One batch measurement in a process of its own, running the compiled tool as users do:
//   node bench/batch.mjs PROJECT JOBS [--force]
// prints one JSON line: handouts built, seconds, peak RSS of the process (main thread and workers together),
// each worker's peak heap, average bytes and pages per PDF.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProject } from '../dist/batch/index.js';
import { createPool } from '../dist/batch/pool.js';

const [project, jobsText, ...flags] = process.argv.slice(2);
if (!project || !jobsText) throw new Error('usage: batch.mjs PROJECT JOBS [--force]');
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 10);
const pool = createPool(Number(jobsText));
const started = performance.now();
const report = await buildProject({ root: project, articles: [], clinics: [], force: flags.includes('--force'), pool });
const seconds = (performance.now() - started) / 1000;
const workerHeaps = await pool.close();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const entries = Object.values(JSON.parse(readFileSync(join(report.outDir, 'manifest.json'), 'utf8')).outputs);
console.log(
  JSON.stringify({
    built: report.outputs.length,
    upToDate: report.upToDate,
    failed: report.failed,
    seconds,
    peakRssMB: peakRss / 2 ** 20,
    workerPeakHeapMB: workerHeaps.map((b) => b / 2 ** 20),
    avgKB: entries.reduce((s, e) => s + e.bytes, 0) / entries.length / 1024,
    avgPages: entries.reduce((s, e) => s + e.pages, 0) / entries.length,
  }),
);
