import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { onTestFinished } from 'vitest';
import { main } from '../../src/cli/index.js';
import { repoRoot } from './project.js';

const run = promisify(execFile);
export const bin = join(repoRoot, 'bin', 'handout.js');

/**
 * Run the real `handout` command in a folder, as CI would (CI=true: no progress bar). Only for what a
 * process shows: exit codes, signals, the bundle itself. Everything else runs in this process (`cli`).
 */
export async function handout(args: string[], cwd: string, env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, CI: 'true', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Run the CLI in this process (no spawn) with captured output, in `cwd`. */
export async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    interactive: false,
    color: false,
  });
  return { code, stdout, stderr };
}

/** `cli` with `--json`: the parsed report. */
export async function cliJson(args: string[], cwd: string) {
  const result = await cli([...args, '--json'], cwd);
  try {
    return { ...result, json: JSON.parse(result.stdout) };
  } catch {
    throw new Error(`not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** A `handout` process left running by `startHandout`. */
export interface RunningHandout {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the output once it matches; rejects if the process ends first. No fixed wait: the test's timeout is the only limit. */
  readonly until: (pattern: RegExp) => Promise<string>;
  /** Resolves with the output once `accept` takes it (asked again on every chunk printed); rejects if the process ends first. */
  readonly when: (accept: (output: string) => boolean) => Promise<string>;
  /** The exit code, or the signal that ended it. */
  readonly exited: Promise<number | NodeJS.Signals>;
}

/**
 * Start the real `handout` command and leave it running, for what only a running process shows (signals, a
 * kill mid-run, watching). It is killed when the test ends, passed or failed, so no test leaves it behind.
 */
export function startHandout(args: string[], cwd: string, env: Record<string, string> = {}): RunningHandout {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, CI: 'true', ...env } });
  let output = '';
  let closed = false;
  const listeners = new Set<() => void>();
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('close', (code, signal) => {
      closed = true;
      resolve(code ?? signal ?? 'SIGKILL');
      for (const listener of listeners) listener();
    }),
  );
  // stdout and stderr interleaved as they arrive, decoded as a stream (a character split between chunks stays whole).
  const onData = (text: string) => {
    output += text;
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  onTestFinished(async () => {
    if (closed) return;
    child.kill('SIGKILL');
    await exited;
  });
  const when = (accept: (output: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (accept(output)) {
          listeners.delete(check);
          resolve(output);
        } else if (closed) {
          listeners.delete(check);
          reject(new Error(`handout ${args.join(' ')} ended before the awaited output; it printed:\n${output}`));
        }
      };
      listeners.add(check);
      check();
    });
  return {
    child,
    until: (pattern) => when((text) => pattern.test(text)),
    when,
    exited,
  };
}
