import type { Diagnostic, DiagnosticCode } from '../errors.js';
import type { Project } from './types.js';

/** What the config's `diagnostics.ignore` lists leave of a run's diagnostics. */
export interface Silenced {
  readonly kept: Diagnostic[];
  /** How many warnings and notes the config silenced. */
  readonly silenced: number;
}

/**
 * Drop the warnings and notes whose code the config ignores: for the whole project, for a clinic (its outputs
 * and its clinic file) or for an article (its outputs and its file). Errors are never silenced: an output
 * that was not built must always be said.
 */
export function silenceDiagnostics(
  problems: readonly Diagnostic[],
  project: Pick<Project, 'config' | 'articles' | 'clinics'>,
): Silenced {
  const { config } = project;
  const everywhere = new Set<DiagnosticCode>(config.diagnostics?.ignore ?? []);
  const forClinic = ignoredBy(project.clinics, (id) => config.clinics?.[id]?.diagnostics?.ignore);
  const forArticle = ignoredBy(project.articles, (id) => config.articles?.[id]?.diagnostics?.ignore);
  if (everywhere.size === 0 && forClinic.byId.size === 0 && forArticle.byId.size === 0)
    return { kept: [...problems], silenced: 0 };
  const isSilenced = (p: Diagnostic) =>
    p.severity !== 'error' &&
    (everywhere.has(p.code) ||
      forClinic.ignores(p.clinic, p.file, p.code) ||
      forArticle.ignores(p.article, p.file, p.code));
  const kept = problems.filter((p) => !isSilenced(p));
  return { kept, silenced: problems.length - kept.length };
}

/** The codes ignored for each clinic (or article), found by the id a diagnostic names or by its file. */
function ignoredBy(
  files: Project['clinics'],
  codesOf: (id: string) => readonly DiagnosticCode[] | undefined,
): {
  byId: Map<string, ReadonlySet<DiagnosticCode>>;
  ignores: (id: string | undefined, file: string, code: DiagnosticCode) => boolean;
} {
  const byId = new Map<string, ReadonlySet<DiagnosticCode>>();
  const byFile = new Map<string, ReadonlySet<DiagnosticCode>>();
  for (const { id, file } of files) {
    const codes = codesOf(id);
    if (!codes?.length) continue;
    byId.set(id, new Set(codes));
    byFile.set(file, new Set(codes));
  }
  const ignores = (id: string | undefined, file: string, code: DiagnosticCode) =>
    (id !== undefined && byId.get(id)?.has(code) === true) || byFile.get(file)?.has(code) === true;
  return { byId, ignores };
}
