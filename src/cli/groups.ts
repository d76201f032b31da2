import { type Diagnostic, sameTextKey, sharedContext } from '../errors.js';

/** Diagnostics that differ only in the output they concern (one tri-fold warning for every clinic), as one. */
export interface DiagnosticGroup {
  /** What the members say, with the context they all share (their clinic, article or template, when one). */
  readonly diagnostic: Diagnostic;
  readonly members: readonly Diagnostic[];
  /** The outputs the members concern, sorted (workers finish in any order; a report should not). */
  readonly outputs: readonly string[];
}

/** Groups in the order their first member came; a diagnostic alone is a group of one. */
export function groupDiagnostics(problems: readonly Diagnostic[]): DiagnosticGroup[] {
  const byText = new Map<string, Diagnostic[]>();
  for (const p of problems) {
    const key = sameTextKey(p);
    const members = byText.get(key);
    if (members) members.push(p);
    else byText.set(key, [p]);
  }
  return [...byText.values()].map((members) => ({
    diagnostic: members.reduce(sharedContext),
    members,
    outputs: [...new Set(members.flatMap((m) => (m.output === undefined ? [] : [m.output])))].sort(),
  }));
}
