import type { DiagnosticCode } from './codes.js';
import { quotedPath, visible } from './shared/visible.js';

export { type DiagnosticCode, diagnosticCodes } from './codes.js';

/** Where a diagnostic sits: a file and, when known, a 1-based line and column. */
export interface SourcePlace {
  readonly file: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

/** error: the output was not built (or check fails); warning: built, but look at it; note: for information. */
export type Severity = 'error' | 'warning' | 'note';

/** Which handout a diagnostic is about, when it is about one (a template mistake is about every handout using it). */
export interface DiagnosticContext {
  readonly clinic?: string | undefined;
  readonly article?: string | undefined;
  readonly template?: string | undefined;
  /** The output's path relative to the output folder. */
  readonly output?: string | undefined;
}

/**
 * The one diagnostics type of every stage: a code from a closed list, a severity, and the place in the file
 * the user edits (the article line, the clinic file's key, the template file and line). Plain data: printed,
 * given with `--json`, stored in manifests.
 */
export interface Diagnostic extends SourcePlace, DiagnosticContext {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly hint?: string | undefined;
}

/** The former name of Diagnostic. */
export type Problem = Diagnostic;

export interface DiagnosticInit extends SourcePlace {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly hint?: string | undefined;
  readonly severity?: Severity;
  readonly cause?: unknown;
}

/** The one error type of Handout Press: a stable code, a place, a message and a hint. */
export class HandoutError extends Error {
  readonly code: DiagnosticCode;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly hint: string | undefined;
  readonly severity: Severity;
  /** Further diagnostics found in the same pass, so a user sees them all at once. */
  readonly related: readonly Diagnostic[];

  constructor(init: DiagnosticInit, related: readonly Diagnostic[] = []) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'HandoutError';
    this.code = init.code;
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.hint = init.hint;
    this.severity = init.severity ?? 'error';
    this.related = related;
  }

  /** All diagnostics this error stands for: itself first, then the related ones. */
  problems(): Diagnostic[] {
    return [toProblem(this), ...this.related];
  }

  /** Raise one error that carries every diagnostic in the list (the first leads). */
  static fromProblems(problems: readonly Diagnostic[]): HandoutError {
    const [first, ...rest] = problems;
    if (!first) throw new Error('fromProblems needs at least one problem');
    return new HandoutError(first, rest);
  }
}

export function toProblem(error: HandoutError | Diagnostic): Diagnostic {
  return {
    code: error.code,
    severity: error.severity,
    message: error.message,
    file: error.file,
    line: error.line,
    column: error.column,
    hint: error.hint,
  };
}

/** Anything thrown, as diagnostics: our own errors keep their place, others become an internal error. */
export function problemsOf(error: unknown, file: string): Diagnostic[] {
  if (error instanceof HandoutError) return error.problems();
  const message = error instanceof Error ? error.message : String(error);
  return [
    {
      code: 'internal',
      severity: 'error',
      message: `unexpected failure: ${message}`,
      file,
      hint: 'This is a bug in Handout Press; please report it with the input that caused it.',
    },
  ];
}

/**
 * The same error found by several handouts (a template mistake hits every one) is reported once; a warning
 * or note about one output (the type size fit chose for it) is kept for each output.
 */
export function dedupeProblems(problems: readonly Diagnostic[]): Diagnostic[] {
  const kept = new Map<string, Diagnostic>();
  for (const p of problems) {
    const key = dedupeKey(p);
    const first = kept.get(key);
    // An error several handouts share is about none of them in particular: only what they have in common stays.
    kept.set(key, first ? sharedContext(first, p) : p);
  }
  return [...kept.values()];
}

/** What makes two diagnostics the same report: an error whatever handout found it, a warning or note per output. */
export function dedupeKey(p: Diagnostic): string {
  return `${sameTextKey(p)}\u0000${p.severity === 'error' ? '' : (p.output ?? '')}`;
}

/** Severity, code, place, message and hint: what two diagnostics about different outputs can share. */
export function sameTextKey(p: Diagnostic): string {
  return [p.severity, p.code, p.file, p.line ?? '', p.column ?? '', p.message, p.hint ?? ''].join('\u0000');
}

/** Two diagnostics as one: the context both have (a clinic, an article) stays, the rest is about neither in particular. */
export function sharedContext(a: Diagnostic, b: Diagnostic): Diagnostic {
  const same = <K extends keyof DiagnosticContext>(key: K) => (a[key] === b[key] ? a[key] : undefined);
  return { ...a, clinic: same('clinic'), article: same('article'), template: same('template'), output: same('output') };
}

/** The same diagnostics with the handout they are about (kept where a stage already said). */
export function aboutHandout(problems: readonly Diagnostic[], context: DiagnosticContext): Diagnostic[] {
  return problems.map((p) => ({ ...context, ...p }));
}

/** Sorted by file, line and column: the order a reader goes through the files in. */
export function sortByPlace(problems: readonly Diagnostic[]): Diagnostic[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

/**
 * `file:line:col: severity code: message`, the hint on the next line. What came from input is shown visibly
 * (control and bidi characters escaped, an odd file name quoted as git does): one problem, one line, on any terminal.
 */
export function formatProblem(problem: Diagnostic): string {
  const place = [quotedPath(problem.file), problem.line, problem.line ? problem.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  // Which output a problem is about, unless the place already is that output.
  const about = problem.output && !problem.file.endsWith(problem.output) ? `${visible(problem.output)}: ` : '';
  const head = `${place}: ${problem.severity} ${problem.code}: ${about}${visible(problem.message)}`;
  return problem.hint ? `${head}\n  hint: ${visible(problem.hint)}` : head;
}
