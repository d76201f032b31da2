import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import type { ManifestEntry } from '../batch/manifest.js';
import type { Problem } from '../errors.js';
import type { PlannedOutput } from '../project/plan.js';
import type { ProofOutput } from '../proof/index.js';
import { describeScore } from '../readability/index.js';
import type { ReadabilityReport } from '../readability/types.js';
import type { Names } from './names.js';
import type { HandoutFiles, PreviewHandout, PreviewProblem, PreviewState } from './types.js';

export interface StateInputs {
  readonly root: string;
  readonly planned: readonly PlannedOutput[];
  readonly manifest: Readonly<Record<string, ManifestEntry>>;
  readonly outDir: string;
  readonly proofs: readonly ProofOutput[];
  /** From the build, the proofs and `check`, duplicates removed. */
  readonly problems: readonly Problem[];
  readonly readability: readonly ReadabilityReport[];
  readonly names: Names;
  /** The build and drawing are still under way: a handout without its pages yet is pending, not failed. */
  readonly pending?: boolean | undefined;
  readonly version: number;
}

/** What the preview shows, from one round of build, proof and check: every planned handout with its problems. */
export function previewState(inputs: StateInputs): { state: PreviewState; files: Map<string, HandoutFiles> } {
  const { root } = inputs;
  const proofs = new Map(inputs.proofs.map((p) => [p.output, p]));
  const files = new Map<string, HandoutFiles>();
  const claimed = new Set<Problem>();
  const handouts = [...inputs.planned].sort(galleryOrder).map((planned): PreviewHandout => {
    const key = planned.output.replace(/\.pdf$/i, '');
    const entry = inputs.manifest[planned.output];
    const proof = entry ? proofs.get(planned.output) : undefined;
    const sources = [
      planned.article.file,
      planned.clinic.file,
      `${root}${sep}templates${sep}${planned.template}`,
      // The files it was built from, as the manifest recorded them (the tool's own and listings aside).
      ...Object.keys(entry?.inputs ?? {})
        .filter((input) => !input.startsWith('handout-press:') && !input.includes('*'))
        .map((input) => `${root}${sep}${input}`),
    ];
    const own = inputs.problems.filter((p) => concerns(p, sources, planned.output));
    for (const p of own) claimed.add(p);
    const status = entry && !entry.failed && proof ? 'built' : inputs.pending ? 'pending' : 'failed';
    const version = proof?.sha256.slice(0, 16) ?? 'none';
    files.set(key, {
      pdf: status === 'built' ? `${inputs.outDir}${sep}${planned.output}` : null,
      // A handout whose last build failed shows its error, never its earlier pages.
      pages: status === 'built' ? (proof?.pages.map((p) => p.file) ?? []) : [],
    });
    const shown = own.map((p) => previewProblem(p, root));
    const title = inputs.names.titles.get(planned.article.file) ?? planned.article.id;
    const clinicName = inputs.names.clinics.get(planned.clinic.file) ?? planned.clinic.id;
    return {
      key,
      href: `/handout/${encodePath(key)}`,
      output: planned.output,
      article: planned.article.id,
      title,
      clinic: planned.clinic.id,
      clinicName,
      template: planned.template,
      status,
      pages:
        status === 'built' && proof
          ? proof.pages.map((page, i) => ({
              src: `/image/${encodePath(key)}/${i + 1}?v=${version}`,
              width: page.width,
              height: page.height,
              widthPt: page.widthPt,
              heightPt: page.heightPt,
            }))
          : [],
      pdf: status === 'built' ? `/pdf/${encodePath(key)}?v=${version}` : null,
      bytes: status === 'built' ? (entry?.bytes ?? null) : null,
      problems: shown,
      readability: readabilityOf(inputs.readability.find((r) => r.file === planned.article.file)),
      version: createHash('sha256')
        .update(JSON.stringify([status, version, shown, title, clinicName]))
        .digest('hex')
        .slice(0, 16),
    };
  });
  const global = inputs.problems.filter((p) => !claimed.has(p)).map((p) => previewProblem(p, root));
  return { state: { version: inputs.version, handouts, problems: global }, files };
}

/** By clinic, then article, the standard handout before the other templates. */
function galleryOrder(a: PlannedOutput, b: PlannedOutput): number {
  const rank = (p: PlannedOutput) => (p.template === 'handout' ? '' : p.template);
  return (
    a.clinic.id.localeCompare(b.clinic.id) || a.article.id.localeCompare(b.article.id) || rank(a).localeCompare(rank(b))
  );
}

/** A problem concerns a handout when it is in one of its files, and a note about one output names that output. */
function concerns(problem: Problem, sources: readonly string[], output: string): boolean {
  const inSources = sources.some((source) => problem.file === source || problem.file.startsWith(`${source}${sep}`));
  return inSources && (problem.output === undefined || problem.output === output);
}

function previewProblem(p: Problem, root: string): PreviewProblem {
  const file = relative(root, p.file) || '.';
  const place = [file, p.line, p.line ? p.column : undefined].filter((part) => part !== undefined).join(':');
  return { severity: p.severity, code: p.code, place, message: p.message, hint: p.hint ?? null };
}

function readabilityOf(report: ReadabilityReport | undefined): string | null {
  if (!report) return null;
  if (report.fleschKincaidGrade !== null) return `Flesch–Kincaid grade ${report.fleschKincaidGrade}`;
  return describeScore(report);
}

const encodePath = (key: string) => key.split('/').map(encodeURIComponent).join('/');
