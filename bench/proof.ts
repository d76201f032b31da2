// npm run bench:proof: pages per second of `handout proof` and `handout diff` at 72 dpi (the README's figures).
// Runs the compiled command on a synthetic project, each run in a process of its own, as a user does.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSyntheticProject } from './synthetic.js';

const bin = fileURLToPath(new URL('../bin/handout.js', import.meta.url));
const cores = availableParallelism();
const clinics = process.argv.includes('--quick') ? 2 : 10;

function handout(args: string[], cwd: string, env: Record<string, string> = {}): { text: string; seconds: number } {
  const started = performance.now();
  let text: string;
  try {
    text = execFileSync(process.execPath, [bin, ...args], {
      stdio: ['ignore', 'pipe', 'ignore'],
      cwd,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', ...env },
    });
  } catch (error) {
    // diff exits 1 when something changed; its output is still the measurement.
    text = (error as { stdout: string }).stdout;
  }
  return { text, seconds: (performance.now() - started) / 1000 };
}

const project = makeSyntheticProject({ clinics, articles: 20, minWords: 600, maxWords: 1500 });
handout(['build', '--quiet'], project);
const manifest = JSON.parse(readFileSync(join(project, 'out', 'manifest.json'), 'utf8')).outputs;
const pages = Object.values(manifest as Record<string, { pages: number }>).reduce((n, e) => n + e.pages, 0);
console.log(`Node ${process.version}, ${cores} cores; ${Object.keys(manifest).length} handouts, ${pages} pages\n`);

const rows = [];
for (const jobs of [1, cores]) {
  const run = handout(['proof', '--force', '--no-sheets', '--jobs', String(jobs)], project);
  const [, drawn, seconds] = /^(\d+) pages .* in ([\d.]+) s/m.exec(run.text) ?? [];
  rows.push({
    run: `proof, ${jobs === 1 ? '1 thread' : `${jobs} workers`}`,
    pages: Number(drawn),
    seconds: Number(seconds),
    'pages/s': +(Number(drawn) / Number(seconds)).toFixed(1),
  });
}
rmSync(join(project, 'out', 'proofs', 'sheets'), { recursive: true, force: true });
const sheets = handout(['proof'], project);
rows.push({
  run: 'contact sheets only (page 1 of each)',
  pages: Object.keys(manifest).length,
  seconds: +sheets.seconds.toFixed(2),
  'pages/s': '',
});
const noop = handout(['proof'], project);
rows.push({
  run: 'proof, nothing to redraw (command, start to end)',
  pages: 0,
  seconds: +noop.seconds.toFixed(2),
  'pages/s': '',
});

// Two other builds: one with other PDF dates (every file differs, no pixel does), one with every clinic's colour
// changed (every handout looks different), each compared with the first build.
const sameLook = `${project}-dates`;
cpSync(join(project, 'content'), join(sameLook, 'content'), { recursive: true });
handout(['build', '--quiet'], sameLook, { SOURCE_DATE_EPOCH: '1700000000' });
const recoloured = `${project}-colours`;
cpSync(join(project, 'content'), join(recoloured, 'content'), { recursive: true });
for (const name of readdirSync(join(recoloured, 'content', 'clinics')).filter((f) => f.endsWith('.yaml'))) {
  const file = join(recoloured, 'content', 'clinics', name);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/primary: "#[0-9A-F]{6}"/i, 'primary: "#7C2D12"'));
}
handout(['build', '--quiet'], recoloured);
for (const [label, head, report] of [
  ['bytes differ, pages identical', sameLook, ['--no-report']],
  ['every handout recoloured, HTML report', recoloured, ['--report', join(recoloured, 'report')]],
] as const) {
  for (const jobs of [1, cores]) {
    const run = handout(['diff', join(project, 'out'), join(head, 'out'), ...report, '--jobs', String(jobs)], project);
    const threads = jobs === 1 ? '1 thread' : `${jobs} workers`;
    rows.push({
      run: `diff, ${label}, ${threads}`,
      pages,
      seconds: +run.seconds.toFixed(2),
      'pages/s': +(pages / run.seconds).toFixed(1),
    });
  }
}
console.table(rows);
rmSync(project, { recursive: true, force: true });
for (const folder of [sameLook, recoloured]) rmSync(folder, { recursive: true, force: true });
