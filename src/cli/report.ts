import { isAbsolute, relative, sep } from 'node:path';
import { type Diagnostic, dedupeKey, formatProblem, sameTextKey } from '../errors.js';
import { packageRoot } from '../shared/package-root.js';
import { type DiagnosticGroup, groupDiagnostics } from './groups.js';
import type { CliIo } from './io.js';

/** How many outputs a repeated diagnostic names without --verbose. */
const namedOutputs = 3;

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

/**
 * Diagnostics as text, the same one about many outputs once: with how many, the first few named (all with
 * --verbose). A batch of 26 clinics would otherwise print one tri-fold warning 26 times.
 */
export function groupedText(problems: readonly Diagnostic[], io: CliIo, verbose: boolean): string {
  return groupDiagnostics(problems)
    .map((group) => `${formatGroup(group, io, verbose)}\n`)
    .join('');
}

function formatGroup({ diagnostic, members, outputs }: DiagnosticGroup, io: CliIo, verbose: boolean): string {
  const text = formatProblem({ ...diagnostic, file: shownPath(diagnostic.file, io) });
  if (members.length < 2) return text;
  const named = verbose ? outputs : outputs.slice(0, namedOutputs);
  const more = outputs.length - named.length;
  const rest = more > 0 ? ` and ${more} more (--verbose names them all)` : '';
  return `${text}\n  in ${members.length} outputs: ${named.join(', ')}${rest}`;
}

/**
 * `--max-warnings` as ESLint has it: more warnings than allowed fail the run, and a line says so (null when
 * within the limit, or without one).
 */
export function warningLimitExceeded(warnings: readonly Diagnostic[], max: number | undefined): string | null {
  if (max === undefined || warnings.length <= max) return null;
  const distinct = groupDiagnostics(warnings).length;
  const kinds = distinct < warnings.length ? ` (${distinct} distinct)` : '';
  return `too many warnings: ${warnings.length}${kinds}, more than --max-warnings ${max} allows`;
}

/** The `--json` fields of a command that takes --max-warnings. */
export function warningLimitFields(warnings: readonly Diagnostic[], max: number | undefined, silenced: number) {
  return { maxWarnings: max ?? null, tooManyWarnings: warningLimitExceeded(warnings, max) !== null, silenced };
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
  /** Its index in `diagnosticGroups`: the diagnostics that differ only in their output share one. */
  readonly group: number;
  /** Reported by an earlier build of an output that is up to date now (build only). */
  readonly earlier: boolean;
}

/** Diagnostics that differ only in the output they concern, once: how many, and every output they concern. */
export interface JsonDiagnosticGroup extends Omit<JsonDiagnostic, 'group' | 'earlier'> {
  readonly count: number;
  readonly outputs: readonly string[];
}

export function jsonDiagnostics(
  problems: readonly Diagnostic[],
  io: CliIo,
  earlier: readonly Diagnostic[] = [],
): JsonDiagnostic[] {
  const groups = new Map(groupDiagnostics(problems).map((g, index) => [sameTextKey(g.diagnostic), index]));
  const fromEarlier = new Set(earlier.map(dedupeKey));
  return problems.map((p) => ({
    ...jsonFields(p, io),
    group: groups.get(sameTextKey(p)) ?? 0,
    earlier: fromEarlier.has(dedupeKey(p)),
  }));
}

export function jsonGroups(problems: readonly Diagnostic[], io: CliIo): JsonDiagnosticGroup[] {
  return groupDiagnostics(problems).map(({ diagnostic, members, outputs }) => ({
    ...jsonFields(diagnostic, io),
    count: members.length,
    outputs,
  }));
}

function jsonFields(p: Diagnostic, io: CliIo): Omit<JsonDiagnostic, 'group' | 'earlier'> {
  return {
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
  };
}

/**
 * The one JSON shape of every command's `--json`: the command, whether it succeeded (exit code 0), every
 * diagnostic (and the same grouped), and the command's own fields.
 */
export function printJson(
  io: CliIo,
  command: string | null,
  exitCode: number,
  diagnostics: readonly Diagnostic[],
  fields: Record<string, unknown>,
  earlier: readonly Diagnostic[] = [],
): void {
  const report = {
    command,
    ok: exitCode === 0,
    exitCode,
    ...fields,
    diagnostics: jsonDiagnostics(diagnostics, io, earlier),
    diagnosticGroups: jsonGroups(diagnostics, io),
  };
  io.stdout(`${JSON.stringify(report)}\n`);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
