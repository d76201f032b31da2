/** Where a problem sits: a file and, when known, a 1-based line and column. */
export interface SourcePlace {
  readonly file: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

/** A note is information (a clinic language no article is written in yet): nothing to fix, nothing fails. */
export type Severity = 'error' | 'warning' | 'note';

/** Plain-data form of a problem, as printed by `--json` and stored in manifests. */
export interface Problem extends SourcePlace {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly hint?: string | undefined;
}

export interface ProblemInit {
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  readonly hint?: string | undefined;
  readonly severity?: Severity;
  readonly cause?: unknown;
}

/** The one error type of Handout Press: a stable code, a place, a message and a hint. */
export class HandoutError extends Error {
  readonly code: string;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly hint: string | undefined;
  readonly severity: Severity;
  /** Further problems found in the same pass, so a user sees them all at once. */
  readonly related: readonly Problem[];

  constructor(init: ProblemInit, related: readonly Problem[] = []) {
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

  /** All problems this error stands for: itself first, then the related ones. */
  problems(): Problem[] {
    return [toProblem(this), ...this.related];
  }

  /** Raise one error that carries every problem in the list (the first leads). */
  static fromProblems(problems: readonly Problem[]): HandoutError {
    const [first, ...rest] = problems;
    if (!first) throw new Error('fromProblems needs at least one problem');
    return new HandoutError(first, rest);
  }
}

export function toProblem(error: HandoutError | Problem): Problem {
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

/** Anything thrown, as problems: our own errors keep their place, others become an internal error. */
export function problemsOf(error: unknown, file: string): Problem[] {
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

/** The same problem found by several handouts (a template mistake hits every one) is reported once. */
export function dedupeProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.code}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `file:line:col: severity code: message`, the hint on the next line. */
export function formatProblem(problem: Problem): string {
  const place = [problem.file, problem.line, problem.line ? problem.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  const head = `${place}: ${problem.severity} ${problem.code}: ${problem.message}`;
  return problem.hint ? `${head}\n  hint: ${problem.hint}` : head;
}
