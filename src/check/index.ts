import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../batch/config.js';
import { planBuild } from '../batch/plan.js';
import { findProjectFiles } from '../batch/project.js';
import { readBrand } from '../brand/index.js';
import type { Brand } from '../brand/types.js';
import { readArticleChecked } from '../content/index.js';
import type { Article } from '../content/types.js';
import { dedupeProblems, type Problem, problemsOf } from '../errors.js';
import { layoutHandout } from '../pipeline.js';
import { assessReadability } from '../readability/index.js';
import type { ReadabilityReport } from '../readability/types.js';
import { checkFontFile, scanFontFolder } from '../shared/font-file.js';
import { compileTemplate, findTemplateDir, missingLabelsWarning } from '../template/index.js';
import { preflight } from './preflight.js';
import type { CheckOptions, CheckReport } from './types.js';

export type { CheckOptions, CheckReport } from './types.js';

/**
 * Validate the whole project without writing a PDF: every article, clinic, template and font, and
 * every planned handout laid out (which checks the templates' specs, glyph coverage and fit).
 * Every problem is collected; nothing stops at the first.
 */
export function checkProject(options: CheckOptions): CheckReport {
  const root = resolve(options.root);
  const problems: Problem[] = [];
  const collect = <T>(file: string, work: () => T): T | null => {
    try {
      return work();
    } catch (error) {
      problems.push(...problemsOf(error, file));
      return null;
    }
  };

  const loaded = collect(join(root, 'handout.config.yaml'), () => loadConfig(root));
  const files = findProjectFiles(root);
  const plan = planBuild(
    files,
    loaded?.config ?? {},
    loaded?.file ?? null,
    { articles: options.articles ?? [], clinics: options.clinics ?? [], template: options.template ?? null },
    root,
  );
  problems.push(...plan.problems);

  // An article with mistakes is still laid out without its refused blocks, so its other problems show too.
  const articles = new Map<string, Article | null>();
  for (const { file } of files.articles) {
    const checked = collect(file, () => readArticleChecked(file, root));
    problems.push(...(checked?.problems ?? []));
    articles.set(file, checked?.article ?? null);
  }
  const brands = new Map<string, Brand | null>();
  for (const { file } of files.clinics) {
    const brand = collect(file, () => readBrand(file, root));
    brands.set(file, brand);
    for (const message of brand?.warnings ?? [])
      problems.push({ code: 'contrast', severity: 'warning', message, file });
  }

  const templatesDir = join(root, 'templates');
  const templateNames = existsSync(templatesDir)
    ? readdirSync(templatesDir).filter((name) => existsSync(join(templatesDir, name, 'layout.hbs')))
    : [];
  for (const name of new Set([...templateNames, ...plan.outputs.map((o) => o.template)])) {
    collect(join(templatesDir, name), () => compileTemplate(findTemplateDir(name, root)));
  }

  const fontsDir = join(root, 'fonts');
  const fonts = scanFontFolder(fontsDir, [root]);
  problems.push(...fonts.warnings);
  for (const path of fonts.files) {
    if (/\.woff2$/i.test(path))
      problems.push({
        code: 'font-format',
        severity: 'error',
        message: 'WOFF2 fonts cannot be embedded',
        file: path,
        hint: 'Use the TTF or OTF version of the font.',
      });
    else collect(path, () => checkFontFile(path, [root]));
  }

  const maxGrade = loaded?.config.readability?.maxGrade ?? 8;
  const readability: ReadabilityReport[] = [];
  for (const article of articles.values()) {
    if (!article) continue;
    const report = assessReadability(article);
    readability.push(report);
    const gate = readabilityGate(report, maxGrade, options.strict === true);
    if (gate) problems.push(gate);
  }

  let laidOut = 0;
  for (const output of plan.outputs) {
    const article = articles.get(output.article.file);
    const clinic = brands.get(output.clinic.file);
    if (!article || !clinic) continue;
    const brand = output.page ? { ...clinic, page: output.page } : clinic;
    const labels = loaded?.config.labels ?? {};
    const labelWarning = missingLabelsWarning(article, [labels, brand.labels]);
    if (labelWarning) problems.push(labelWarning);
    const layout = collect(article.file, () =>
      layoutHandout({ root, article, brand, template: output.template, labels }),
    );
    if (!layout) continue;
    laidOut++;
    for (const note of layout.document.notes) {
      problems.push({
        code: 'layout-note',
        severity: 'warning',
        message: `${output.output}: ${note}`,
        file: article.file,
      });
    }
    if (options.print) problems.push(...preflight(layout, output.output, article.file));
  }
  const unique = sortByPlace(dedupeProblems(problems));
  return {
    problems: unique,
    readability,
    maxGrade,
    errors: unique.filter((p) => p.severity === 'error').length,
    warnings: unique.filter((p) => p.severity === 'warning').length,
    checked: {
      articles: files.articles.length,
      clinics: files.clinics.length,
      outputs: laidOut,
      planned: plan.outputs.length,
    },
  };
}

/** Over the grade the config allows: a warning, or an error with --strict. */
function readabilityGate(report: ReadabilityReport, maxGrade: number, strict: boolean): Problem | null {
  if (report.grade === null || report.grade <= maxGrade) return null;
  const longest = report.longestSentences[0];
  const formula = report.fleschKincaidGrade !== null ? 'Flesch–Kincaid grade' : 'grade on the Fernández-Huerta scale';
  return {
    code: 'reading-grade',
    severity: strict ? 'error' : 'warning',
    message: `reading level is ${formula} ${report.grade}, above the limit of ${maxGrade}${longest ? `; the longest sentence (${longest.words} words) is here` : ''}`,
    file: report.file,
    line: longest?.line,
    hint: `Shorter sentences (now ${report.wordsPerSentence} words on average) and everyday words help most${report.longWords.length ? `; consider: ${report.longWords.slice(0, 5).join(', ')}` : ''}.`,
  };
}

function sortByPlace(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
