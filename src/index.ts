import { join, resolve } from 'node:path';
import { loadConfig } from './batch/config.js';
import { readBrand } from './brand/index.js';
import { readArticle } from './content/index.js';
import { renderHandout } from './pipeline.js';

export { buildProject } from './batch/index.js';
export type { BuildOptions, BuildReport, BuiltHandout } from './batch/types.js';
export { readBrand } from './brand/index.js';
export type { Brand } from './brand/types.js';
export { type CheckOptions, type CheckReport, checkProject } from './check/index.js';
export { readArticle } from './content/index.js';
export type { Article, Block, Inline } from './content/types.js';
export { type DiffOptions, type DiffReport, diffBuilds } from './diff/index.js';
export { formatProblem, HandoutError, type Problem } from './errors.js';
export { type ImportResult, importArticle } from './import/index.js';
export { layoutDocument } from './layout/index.js';
export type { LaidOutDocument } from './layout/types.js';
export { layoutHandout, renderHandout } from './pipeline.js';
export { type ProofOptions, type ProofReport, proofOutputs } from './proof/index.js';
export { renderPdf } from './render/index.js';
export { jsonSchemas } from './schemas.js';
export { type PreviewServer, type ServeOptions, serveProject } from './serve/index.js';
export { parseSpec } from './spec/index.js';
export { expandTemplate } from './template/index.js';

export interface BuildHandoutOptions {
  /** Project folder (default: the current folder). */
  readonly root?: string;
  /** Article id (content/articles/ID.md) or a path to a .md file. */
  readonly article: string;
  /** Clinic id (content/clinics/ID.yaml) or a path to a .yaml file. */
  readonly clinic: string;
  readonly template?: string;
}

/** Build one handout and return the PDF bytes. */
export async function buildHandout(options: BuildHandoutOptions): Promise<Uint8Array> {
  const root = resolve(options.root ?? '.');
  const pathOf = (value: string, folder: string, ext: string) =>
    /[\\/]|\.\w+$/.test(value) ? resolve(root, value) : join(root, 'content', folder, `${value}${ext}`);
  const article = readArticle(pathOf(options.article, 'articles', '.md'), root);
  const brand = readBrand(pathOf(options.clinic, 'clinics', '.yaml'), root);
  const labels = loadConfig(root).config.labels ?? {};
  const { pdf } = await renderHandout({ root, article, brand, template: options.template ?? 'handout', labels });
  return pdf;
}
