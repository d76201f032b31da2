import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
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
