import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { stoppedProblem } from '../batch/pool.js';
import { readBrand } from '../brand/index.js';
import type { Brand } from '../brand/types.js';
import { readArticleChecked } from '../content/index.js';
import type { Article } from '../content/types.js';
import { aboutHandout, dedupeProblems, type Problem, problemsOf, sortByPlace } from '../errors.js';
import { loadProject } from '../project/index.js';
import { selectOutputs } from '../project/plan.js';
import { silenceDiagnostics } from '../project/silence.js';
import { assessReadability, formulaName } from '../readability/index.js';
import type { ReadabilityReport } from '../readability/types.js';
import { checkFontFile } from '../shared/font-file.js';
import { scanFontFolder } from '../shared/font-folder.js';
import { workBudget } from '../shared/limits.js';
import { type Budget, createWorkerPool } from '../shared/worker-pool.js';
import { compileTemplate, findTemplateDir, missingLabelsWarning } from '../template/index.js';
import { type LayoutResult, type LayoutTask, layoutChecked } from './layout-task.js';
import { translationProblems } from './translations.js';
import type { CheckOptions, CheckReport } from './types.js';

export type { CheckOptions, CheckReport } from './types.js';

/**
 * Validate the whole project without writing a PDF: every article, clinic, template and font, and
 * every planned handout laid out (which checks the templates' specs, glyph coverage and fit).
 * Every problem is collected; nothing stops at the first. Each handout is laid out in a worker under the build's
 * time and memory budget, so what check passes, build can build.
 */
export async function checkProject(options: CheckOptions): Promise<CheckReport> {
  const project = loadProject({ root: options.root, config: options.config });
  const { root } = project;
  const problems: Problem[] = [...project.problems, ...project.refused];
  const collect = <T>(file: string, work: () => T): T | null => {
    try {
      return work();
    } catch (error) {
      problems.push(...problemsOf(error, file));
      return null;
    }
  };

  const files = { articles: project.articles, clinics: project.clinics };
  const plan = selectOutputs(
    project,
    { articles: options.articles ?? [], clinics: options.clinics ?? [], template: options.template ?? null },
    null,
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
    problems.push(...(brand?.warnings ?? []));
  }

  problems.push(
    ...translationProblems(
      [...articles.values()].filter((a): a is Article => a !== null),
      [...brands.values()].filter((b): b is Brand => b !== null),
      root,
    ),
  );

  const templatesDir = join(root, 'templates');
  const templateNames = existsSync(templatesDir)
    ? readdirSync(templatesDir).filter((name) => existsSync(join(templatesDir, name, 'layout.hbs')))
    : [];
  for (const name of new Set([...templateNames, ...plan.selected.map((o) => o.template)])) {
    collect(join(templatesDir, name), () => compileTemplate(findTemplateDir(name, root)));
  }

  const fontsDir = join(root, 'fonts');
  const fonts = scanFontFolder(fontsDir, [root]);
  problems.push(...fonts.warnings);
  // WOFF2 and Type 1 files are refused here with font-format, damaged ones with font-invalid.
  for (const path of fonts.files) collect(path, () => checkFontFile(path, [root]));

  const maxGrade = project.config.readability?.maxGrade ?? 8;
  const readability: ReadabilityReport[] = [];
  for (const article of articles.values()) {
    if (!article) continue;
    const report = assessReadability(article);
    readability.push(report);
    const gate = readabilityGate(report, maxGrade, options.strict === true);
    if (gate) problems.push(gate);
  }

  const tasks: { task: LayoutTask; about: Parameters<typeof aboutHandout>[1] }[] = [];
  for (const output of plan.selected) {
    const article = articles.get(output.article.file);
    const clinic = brands.get(output.clinic.file);
    if (!article || !clinic) continue;
    const brand = output.page ? { ...clinic, page: output.page } : clinic;
    const labels = project.config.labels ?? {};
    const labelWarning = missingLabelsWarning(article, [labels, brand.labels], brand);
    if (labelWarning) problems.push(labelWarning);
    tasks.push({
      task: { root, article, brand, template: output.template, labels, print: options.print === true },
      about: { article: output.article.id, clinic: output.clinic.id, template: output.template, output: output.output },
    });
  }
  const results = await layOut(
    tasks.map((t) => t.task),
    options.budget ?? workBudget(),
  );
  let laidOut = 0;
  results.forEach((result, i) => {
    if (result.laidOut) laidOut++;
    problems.push(...aboutHandout(result.problems, (tasks[i] as (typeof tasks)[number]).about));
  });
  const { kept, silenced } = silenceDiagnostics(dedupeProblems(problems), project);
  const unique = sortByPlace(kept);
  return {
    root,
    problems: unique,
    silenced,
    readability,
    maxGrade,
    errors: unique.filter((p) => p.severity === 'error').length,
    warnings: unique.filter((p) => p.severity === 'warning').length,
    notes: unique.filter((p) => p.severity === 'note').length,
    checked: {
      articles: files.articles.length,
      clinics: files.clinics.length,
      outputs: laidOut,
      planned: plan.selected.length,
    },
  };
}

/** Over the grade the config allows: a warning, or an error with --strict. */
function readabilityGate(report: ReadabilityReport, maxGrade: number, strict: boolean): Problem | null {
  if (report.grade === null || report.grade <= maxGrade) return null;
  const longest = report.longestSentences[0];
  const level =
    report.fleschKincaidGrade !== null
      ? `Flesch–Kincaid grade ${report.grade}`
      : `about grade ${report.grade} (${formulaName(report.formula)} reading ease ${report.ease})`;
  return {
    code: 'reading-grade',
    severity: strict ? 'error' : 'warning',
    message: `reading level is ${level}, above the limit of ${maxGrade}${longest ? `; the longest sentence (${longest.words} words) is here` : ''}`,
    file: report.file,
    line: longest?.line,
    hint: `Shorter sentences (now ${report.wordsPerSentence} words on average) and everyday words help most${report.longWords.length ? `; consider: ${report.longWords.slice(0, 5).join(', ')}` : ''}.`,
  };
}

/** Lay out every task in workers under the budget, in order; one that runs over fails alone, as in a build. */
async function layOut(tasks: readonly LayoutTask[], budget: Budget): Promise<LayoutResult[]> {
  if (tasks.length === 0) return [];
  // A worker parses the fonts and compiles the templates once: a second one pays off only for many handouts.
  const size = Math.min(availableParallelism(), Math.ceil(tasks.length / 50));
  const pool = createWorkerPool<LayoutTask, LayoutResult>(size, {
    worker: 'check',
    inline: layoutChecked,
    // The build's words: check reports the very error the build would.
    doing: 'building this handout',
    stopped: (task, why) => ({ laidOut: false, problems: [stoppedProblem(task.article.file, why)] }),
    budget,
  });
  try {
    return await Promise.all(tasks.map((task) => pool.run(task)));
  } finally {
    await pool.close();
  }
}
