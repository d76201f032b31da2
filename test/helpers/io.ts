import type { CliIo } from '../../src/cli/io.js';

/** A CliIo that keeps what the command printed, for running `main()` in the test's own process. */
export function captureIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    cwd,
    interactive: false,
    color: false,
  };
}
