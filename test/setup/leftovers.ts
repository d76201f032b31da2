import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { removeProjects } from '../helpers/project.js';

/**
 * Each test file gets a temporary folder of its own (TMPDIR, which os.tmpdir() and every child process read).
 * At the end of the file, projects made by the helpers are removed; anything else still in the folder, or a
 * process started from the file still running, is removed or killed, and fails the file if all its tests passed
 * (after a failed test, the cleanup is all that is wanted).
 */
process.env.HANDOUT_SYSTEM_TMPDIR ??= tmpdir();
const systemTmp = process.env.HANDOUT_SYSTEM_TMPDIR;
const folder = mkdtempSync(join(systemTmp, 'handout-suite-'));
process.env.TMPDIR = folder;

let failed = false;
afterEach(({ task }) => {
  if (task.result?.state === 'fail') failed = true;
});

afterAll(() => {
  removeProjects();
  const processes = survivors(`TMPDIR=${folder}`);
  for (const { pid } of processes) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // It ended meanwhile.
    }
  }
  const files = readdirSync(folder);
  rmSync(folder, { recursive: true, force: true });
  process.env.TMPDIR = systemTmp;
  if (failed) return;
  const problems = [
    ...files.map((name) => `temporary file or folder left behind: ${name}`),
    ...processes.map(({ pid, command }) => `process still running (killed now): ${pid} ${command}`),
  ];
  if (problems.length > 0) throw new Error(problems.join('\n'));
});

/** Processes other than this one whose environment holds `entry`: the children this file started (Linux only). */
function survivors(entry: string): { pid: number; command: string }[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return [];
  }
  return pids.flatMap((pid) => {
    try {
      const environment = readFileSync(join('/proc', pid, 'environ'), 'latin1').split('\0');
      if (!environment.includes(entry)) return [];
      const command = readFileSync(join('/proc', pid, 'cmdline'), 'latin1')
        .split('\0')
        .join(' ')
        .trim();
      return [{ pid: Number(pid), command: command || '?' }];
    } catch {
      return []; // Gone meanwhile, or not ours to read.
    }
  });
}
