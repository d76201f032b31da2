import type { Problem } from '../errors.js';
import { readConfined } from '../shared/confined-read.js';
import type { ProjectConfig } from './config-schema.js';
import type { ProjectFile, ProjectFiles } from './project.js';

/** One PDF the build will write, and why. */
export interface PlannedOutput {
  /** Output path relative to the output folder; also the output's identity in the manifest. */
  readonly output: string;
  readonly article: ProjectFile;
  readonly clinic: ProjectFile;
  readonly template: string;
  /** Page size forced by the config, or null to use the clinic's own. */
  readonly page: 'Letter' | 'A4' | null;
  readonly reason: string;
}

export interface PlanFilters {
  readonly articles: readonly string[];
  readonly clinics: readonly string[];
  /** Build only this template for everything selected, instead of the config's rules. */
  readonly template: string | null;
}

export interface Plan {
  readonly outputs: readonly PlannedOutput[];
  readonly problems: readonly Problem[];
}

/** Expand the config's rules (or the defaults) into the sorted list of outputs to build. */
export function planBuild(
  files: ProjectFiles,
  config: ProjectConfig,
  configFile: string | null,
  filters: PlanFilters,
  projectRoot: string,
): Plan {
  const problems: Problem[] = [];
  const where = (id: string): Pick<Problem, 'file' | 'line'> =>
    configFile ? { file: configFile, line: lineOf(configFile, id) } : { file: projectRoot };
  const known = (
    list: readonly ProjectFile[],
    ids: readonly string[] | undefined,
    kind: string,
    fromConfig: boolean,
  ) => {
    for (const id of ids ?? []) {
      if (list.some((f) => f.id === id)) continue;
      problems.push({
        code: `unknown-${kind}`,
        severity: 'error',
        message: `no ${kind} with id "${id}"`,
        ...(fromConfig ? where(id) : { file: `${projectRoot}/content/${kind === 'article' ? 'articles' : 'clinics'}` }),
        hint: list.length ? `Known ${kind}s: ${list.map((f) => f.id).join(', ')}.` : `There are no ${kind} files yet.`,
      });
    }
  };
  known(files.articles, filters.articles, 'article', false);
  known(files.clinics, filters.clinics, 'clinic', false);
  const rules = filters.template ? [{ template: filters.template }] : (config.builds ?? [{ template: 'handout' }]);
  for (const rule of rules) {
    known(files.clinics, 'clinics' in rule ? rule.clinics : undefined, 'clinic', true);
    known(files.articles, 'articles' in rule ? rule.articles : undefined, 'article', true);
  }
  for (const [clinic, settings] of Object.entries(config.clinics ?? {})) {
    known(files.clinics, [clinic], 'clinic', true);
    known(files.articles, settings.articles, 'article', true);
  }
  for (const [article, settings] of Object.entries(config.articles ?? {})) {
    known(files.articles, [article], 'article', true);
    known(files.clinics, settings.clinics, 'clinic', true);
  }

  const chosen = <T extends ProjectFile>(list: readonly T[], ids: readonly string[]) =>
    ids.length ? list.filter((f) => ids.includes(f.id)) : list;
  const outputs = new Map<string, PlannedOutput>();
  rules.forEach((rule, index) => {
    const ruleClinics = 'clinics' in rule ? rule.clinics : undefined;
    const ruleArticles = 'articles' in rule ? rule.articles : undefined;
    const pattern =
      ('output' in rule ? rule.output : undefined) ??
      config.output ??
      (rule.template === 'handout' ? '{clinic}/{article}.pdf' : '{clinic}/{article}-{template}.pdf');
    for (const clinic of chosen(files.clinics, filters.clinics)) {
      if (ruleClinics && !ruleClinics.includes(clinic.id)) continue;
      const clinicSettings = config.clinics?.[clinic.id];
      for (const article of chosen(files.articles, filters.articles)) {
        if (ruleArticles && !ruleArticles.includes(article.id)) continue;
        if (clinicSettings?.articles && !clinicSettings.articles.includes(article.id)) continue;
        const onlyFor = config.articles?.[article.id]?.clinics;
        if (onlyFor && !onlyFor.includes(clinic.id)) continue;
        const output = pattern
          .replaceAll('{clinic}', clinic.id)
          .replaceAll('{article}', article.id)
          .replaceAll('{template}', rule.template);
        const previous = outputs.get(output);
        if (previous) {
          problems.push({
            code: 'output-clash',
            severity: 'error',
            message: `two builds write ${output} (${previous.template} and ${rule.template})`,
            ...where('output'),
            hint: 'Give one of the rules its own output pattern, e.g. output: "{clinic}/{article}-{template}.pdf".',
          });
          continue;
        }
        outputs.set(output, {
          output,
          article,
          clinic,
          template: rule.template,
          page: clinicSettings?.page ?? null,
          reason: filters.template
            ? `--template ${rule.template}`
            : config.builds
              ? `builds[${index}] (${rule.template}${ruleClinics ? `, clinics ${ruleClinics.join(', ')}` : ''}${ruleArticles ? `, articles ${ruleArticles.join(', ')}` : ''})`
              : 'default: every clinic × every article with handout',
        });
      }
    }
  });
  return { outputs: [...outputs.values()].sort((a, b) => a.output.localeCompare(b.output)), problems };
}

/** A stable, balanced part of the plan: every Nth output of the sorted plan, starting at the Ith. */
export function shardOf<T>(outputs: readonly T[], shard: { index: number; count: number } | null): T[] {
  if (!shard) return [...outputs];
  return outputs.filter((_, i) => i % shard.count === shard.index - 1);
}

function lineOf(file: string, text: string): number | undefined {
  try {
    const index = readConfined(file, { roots: null, what: 'config file' })
      .bytes.toString('utf8')
      .split('\n')
      .findIndex((line) => line.includes(text));
    return index < 0 ? undefined : index + 1;
  } catch {
    return undefined;
  }
}
