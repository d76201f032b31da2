import { isAbsolute, relative, sep } from 'node:path';
import { type Diagnostic, formatProblem } from '../errors.js';
import { packageRoot } from '../shared/package-root.js';
import type { CliIo } from './io.js';

const isInside = (folder: string, path: string) => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * A path as the user would write it: relative to the folder the command ran in, unless that climbs far or
 * the file is the tool's own (a built-in template), which is shown whole wherever the project is.
 */
export function shownPath(path: string, io: CliIo): string {
  const shown = relative(io.cwd, path) || '.';
  const builtIn = isInside(packageRoot, path) && !isInside(io.cwd, path);
  return builtIn || shown.startsWith(`..${sep}..`) || isAbsolute(shown) ? path : shown;
}

/** Diagnostics as text on stderr, each at its place relative to the current folder. */
export function printDiagnostics(problems: readonly Diagnostic[], io: CliIo): void {
  for (const p of problems) io.stderr(`${formatProblem({ ...p, file: shownPath(p.file, io) })}\n`);
}

/** One diagnostic in `--json`: every field present (null when unknown), paths relative to the current folder. */
export interface JsonDiagnostic {
  readonly severity: Diagnostic['severity'];
  readonly code: Diagnostic['code'];
  readonly message: string;
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly hint: string | null;
  readonly clinic: string | null;
  readonly article: string | null;
  readonly template: string | null;
  readonly output: string | null;
}

export function jsonDiagnostics(problems: readonly Diagnostic[], io: CliIo): JsonDiagnostic[] {
  return problems.map((p) => ({
    severity: p.severity,
    code: p.code,
    message: p.message,
    file: shownPath(p.file, io),
    line: p.line ?? null,
    column: p.column ?? null,
    hint: p.hint ?? null,
    clinic: p.clinic ?? null,
    article: p.article ?? null,
    template: p.template ?? null,
    output: p.output ?? null,
  }));
}

/**
 * The one JSON shape of every command's `--json`: the command, whether it succeeded (exit code 0), every
 * diagnostic, and the command's own fields.
 */
export function printJson(
  io: CliIo,
  command: string | null,
  exitCode: number,
  diagnostics: readonly Diagnostic[],
  fields: Record<string, unknown>,
): void {
  const report = { command, ok: exitCode === 0, exitCode, ...fields, diagnostics: jsonDiagnostics(diagnostics, io) };
  io.stdout(`${JSON.stringify(report)}\n`);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
