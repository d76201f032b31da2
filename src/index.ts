export { type BuildHandoutOptions, type BuiltHandoutFile, buildHandout } from './batch/handout.js';
export { buildProject } from './batch/index.js';
export { type ManifestData, type ManifestEntry, readManifest } from './batch/manifest.js';
export type { BuildEvent, BuildOptions, BuildReport, BuiltHandout, PlannedStatus } from './batch/types.js';
export { readBrand } from './brand/index.js';
export type { Brand, BrandColors, Contact, Logo } from './brand/types.js';
export { type CheckOptions, type CheckReport, checkProject } from './check/index.js';
export { type CheckedArticle, readArticle } from './content/index.js';
export type { Article, Block, FrontMatterLines, Inline, ListItem } from './content/types.js';
export type { DiffOptions, DiffReport } from './diff/index.js';
export {
  type Diagnostic,
  type DiagnosticCode,
  type DiagnosticContext,
  diagnosticCodes,
  formatProblem,
  HandoutError,
  type Problem,
  type Severity,
  type SourcePlace,
} from './errors.js';
export { type ImportOptions, type ImportResult, importArticle } from './import/index.js';
export { type LayoutOptions, layoutDocument } from './layout/index.js';
export type * from './layout/types.js';
export {
  type Handout,
  type HandoutInput,
  type LaidOutHandout,
  layoutHandout,
  type OutputOptions,
  renderHandout,
} from './pipeline.js';
export type { PlannedOutput, Project, ProjectConfig, ProjectFile, ProjectOptions } from './project/index.js';
export { loadProject } from './project/index.js';
export type { ProofOptions, ProofReport } from './proof/index.js';
export type { ReadabilityReport } from './readability/types.js';
export {
  type ReleaseChanges,
  type ReleasedOutput,
  type ReleaseOptions,
  type ReleaseRecord,
  type ReleaseReport,
  releaseProject,
} from './release/index.js';
export { renderPdf } from './render/index.js';
export type { RenderOptions } from './render/types.js';
export { jsonSchemas } from './schemas.js';
export type { PreviewProgress, PreviewServer, ServeOptions } from './serve/index.js';
export type { ImageInfo } from './shared/image-info.js';
export type { InputStates } from './shared/input-record.js';
export type { LabelOverrides, Labels } from './shared/labels.js';
export type { ReadRecorder } from './shared/read-recorder.js';
export { parseSpec, type SpecOptions } from './spec/index.js';
export type * from './spec/types.js';
export { expandTemplate, type TemplateOptions } from './template/index.js';
export type { BuildInfo, ExpandedSpec, TemplateContext } from './template/types.js';

import type { DiffOptions, DiffReport } from './diff/index.js';
import type { ProofOptions, ProofReport } from './proof/index.js';
import type { PreviewServer, ServeOptions } from './serve/index.js';
import { requireRenderer } from './shared/renderer.js';

// Proofs, diffs and the preview draw pages with pdf.js on a canvas (optional peers): loaded when called, so
// importing the library stays light and works without them.

/** PNG proofs and contact sheets of the built outputs (`handout proof`). */
export async function proofOutputs(options: ProofOptions): Promise<ProofReport> {
  await requireRenderer('proof', process.cwd());
  return (await import('./proof/index.js')).proofOutputs(options);
}

/** What changed between two builds (`handout diff`). */
export async function diffBuilds(options: DiffOptions): Promise<DiffReport> {
  await requireRenderer('diff', process.cwd());
  return (await import('./diff/index.js')).diffBuilds(options);
}

/** The live preview server (`handout serve`). */
export async function serveProject(options: ServeOptions): Promise<PreviewServer> {
  await requireRenderer('serve', process.cwd());
  return (await import('./serve/index.js')).serveProject(options);
}
