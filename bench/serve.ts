// node --import tsx bench/serve.ts [--quick]: how soon `handout serve` answers, and how slow its answers get
// while it builds, draws and checks a large synthetic project (the README's figures). One run, as a user does.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { makeSyntheticProject } from './synthetic.js';

const bin = fileURLToPath(new URL('../bin/handout.js', import.meta.url));
const clinics = process.argv.includes('--quick') ? 4 : 26;
const project = makeSyntheticProject({ clinics, articles: 21 });
const ms = (since: number) => Math.round(performance.now() - since);

const started = performance.now();
const server = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
  cwd: project,
  env: { ...process.env, CI: 'true' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let printed = '';
const url = await new Promise<string>((resolve) =>
  server.stdout.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
    const found = /Preview at (\S+)/.exec(printed);
    if (found?.[1]) resolve(found[1]);
  }),
);
const listening = ms(started);
await (await fetch(url)).text();
const firstPage = ms(started);

// Ask for the state every 100 ms until the first round is over; the slowest answer is the figure.
let slowest = 0;
let handouts = 0;
for (;;) {
  const asked = performance.now();
  const state = (await (await fetch(`${url}api/state`)).json()) as { version: number; progress: unknown; handouts: [] };
  slowest = Math.max(slowest, ms(asked));
  handouts = state.handouts.length;
  if (state.progress === null && state.version > 1) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const round = ms(started);
const stopping = performance.now();
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
console.log(
  `Node ${process.version}, ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(1)}; ${handouts} handouts`,
);
console.log(`listening after ${listening} ms, first page after ${firstPage} ms`);
console.log(`built, drawn and checked after ${(round / 1000).toFixed(1)} s; slowest answer meanwhile ${slowest} ms`);
console.log(`exited ${ms(stopping)} ms after SIGTERM`);
rmSync(project, { recursive: true, force: true });
