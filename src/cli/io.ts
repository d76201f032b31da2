export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
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
