import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './project.js';

const run = promisify(execFile);
export const bin = join(repoRoot, 'bin', 'handout.js');

/** Run the real `handout` command in a folder, as CI would (CI=true: no progress bar). */
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

/** Run the CLI in this process (no spawn) with captured output: for everything but exit signals and TTYs. */
export async function handoutInProcess(args: string[], cwd: string) {
  const { main } = await import('../../src/cli/index.js');
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
