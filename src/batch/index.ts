import { join } from 'node:path';
import { readBrand } from '../brand/index.js';
import type { Brand } from '../brand/types.js';
import { readArticle } from '../content/index.js';
import type { Article } from '../content/types.js';
import { type Problem, problemsOf } from '../errors.js';
import { renderHandout } from '../pipeline.js';
import { findProjectFiles, type ProjectFile } from './project.js';
import type { BuildOptions, BuildReport, BuiltHandout } from './types.js';
import { writeFileAtomic } from './write.js';

export type { BuildOptions, BuildReport, BuiltHandout } from './types.js';

/** Build every selected article × clinic. One failure never stops the others. */
export async function buildProject(options: BuildOptions): Promise<BuildReport> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const files = findProjectFiles(options.root);
  const articleFiles = select(files.articles, options.articles, 'article', options.root, errors);
  const clinicFiles = select(files.clinics, options.clinics, 'clinic', options.root, errors);

  // Each file is read once; a broken one is reported once, not once per handout.
  const articles = readAll(articleFiles, readArticle, errors);
  const brands = readAll(clinicFiles, readBrand, errors);
  for (const brand of brands) {
    for (const message of brand.warnings)
      warnings.push({ code: 'contrast', severity: 'warning', message, file: brand.file });
  }
  let failed =
    (articleFiles.length - articles.length) * clinicFiles.length +
    (clinicFiles.length - brands.length) * articles.length;

  const outputs: BuiltHandout[] = [];
  for (const brand of brands) {
    for (const article of articles) {
      const built = await buildOne(options, article, brand, errors);
      if (built) outputs.push(built);
      else failed++;
    }
  }
  return { outputs, errors: dedupe(errors), warnings, failed };
}

async function buildOne(
  options: BuildOptions,
  article: Article,
  brand: Brand,
  errors: Problem[],
): Promise<BuiltHandout | null> {
  const path = join(options.out, brand.id, `${article.id}.pdf`);
  try {
    const { pdf, layout } = await renderHandout({ root: options.root, article, brand, template: options.template });
    writeFileAtomic(path, pdf);
    return {
      article: article.id,
      clinic: brand.id,
      template: options.template,
      path,
      pages: layout.pages.length,
      bytes: pdf.length,
    };
  } catch (error) {
    errors.push(...problemsOf(error, article.file));
    return null;
  }
}

function select(
  available: readonly ProjectFile[],
  wanted: readonly string[],
  kind: string,
  root: string,
  errors: Problem[],
): ProjectFile[] {
  if (wanted.length === 0) return [...available];
  const chosen: ProjectFile[] = [];
  for (const id of wanted) {
    const found = available.find((f) => f.id === id);
    if (found) chosen.push(found);
    else
      errors.push({
        code: `unknown-${kind}`,
        severity: 'error',
        message: `no ${kind} with id "${id}"`,
        file: join(root, 'content', kind === 'article' ? 'articles' : 'clinics'),
        hint: available.length
          ? `Known ${kind}s: ${available.map((f) => f.id).join(', ')}.`
          : `The folder has no ${kind} files yet.`,
      });
  }
  return chosen;
}

function readAll<T>(files: readonly ProjectFile[], read: (file: string) => T, errors: Problem[]): T[] {
  const out: T[] = [];
  for (const { file } of files) {
    try {
      out.push(read(file));
    } catch (error) {
      errors.push(...problemsOf(error, file));
    }
  }
  return out;
}

/** The same template error hits every handout that uses it: report it once. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.code}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
