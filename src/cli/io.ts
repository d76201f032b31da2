import { terminalSafe } from '../shared/visible.js';

export interface CliIo {
  /** Lines for the user (and `--json`); `main` passes them through `terminalSafe`. */
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A file's text written to stdout as it is (import --dry-run's Markdown): data, not a message. Default: stdout. */
  readonly document?: ((text: string) => void) | undefined;
  readonly cwd: string;
  /** A terminal that can show a progress bar (not CI, not piped). */
  readonly interactive: boolean;
  /** Color allowed (NO_COLOR unset). */
  readonly color: boolean;
}

/** CI=true (or 1, or any value) means CI; unset, empty, "false" or "0" means not. */
export function isCi(value: string | undefined): boolean {
  return value !== undefined && !['', 'false', '0', 'no'].includes(value.trim().toLowerCase());
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  interactive: Boolean(process.stderr.isTTY) && !isCi(process.env.CI),
  color: !process.env.NO_COLOR,
};

/**
 * The one place where what the tool prints is made safe for a terminal: every line on stdout and stderr,
 * whatever command, yargs or a stage wrote it, has its control and bidi characters escaped (newlines and tabs
 * kept). `--json` passes through unchanged in meaning: JSON.stringify escapes C0 itself, and the \uXXXX
 * escapes used for the rest are JSON's own. Only `document` (a file's text asked for on stdout) stays raw.
 */
export function terminalIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(terminalSafe(text)),
    stderr: (text) => io.stderr(terminalSafe(text)),
    document: io.document ?? io.stdout,
  };
}
