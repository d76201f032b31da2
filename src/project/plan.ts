import { servesLanguage } from '../content/translation.js';
import type { Problem } from '../errors.js';
import { closest } from '../shared/suggest.js';
import { yamlPlace } from '../shared/yaml-data.js';
import { templateExists, templateNames } from '../template/index.js';
import type { ProjectFile } from './files.js';
import { originalOf, readLanguages } from './languages.js';
import type { Project } from './types.js';

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
  /** The article's language. */
  readonly lang: string;
  /** The article its translations hang from (itself when it translates none): same original, same group. */
  readonly original: string;
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

/** What a plan needs of a project: its files, its config and where they are. */
export type PlanSource = Pick<
  Project,
  'articles' | 'clinics' | 'config' | 'configFile' | 'configText' | 'root' | 'folders'
>;

/**
 * Expand the config's rules (or the defaults) into the sorted list of outputs to build. An article is built
 * only for the clinics that serve its language (a clinic's `languages`; every language when it lists none).
 */
export function planBuild(project: PlanSource, filters: PlanFilters): Plan {
  const { config, configFile } = project;
  const files = { articles: project.articles, clinics: project.clinics };
  const problems: Problem[] = [];
  const where = (id: string): Pick<Problem, 'file' | 'line'> =>
    configFile ? { file: configFile, line: lineOf(project.configText, id) } : { file: project.root };
  const known = (
    list: readonly ProjectFile[],
    ids: readonly string[] | undefined,
    kind: 'article' | 'clinic',
    fromConfig: boolean,
  ) => {
    for (const id of ids ?? []) {
      if (list.some((f) => f.id === id)) continue;
      problems.push({
        code: kind === 'article' ? 'unknown-article' : 'unknown-clinic',
        severity: 'error',
        message: `no ${kind} with id "${id}"${fromConfig ? '' : ` (given with --${kind})`}`,
        ...(fromConfig ? where(id) : { file: kind === 'article' ? project.folders.articles : project.folders.clinics }),
        hint: list.length ? `Known ${kind}s: ${list.map((f) => f.id).join(', ')}.` : `There are no ${kind} files yet.`,
      });
    }
  };
  known(files.articles, filters.articles, 'article', false);
  known(files.clinics, filters.clinics, 'clinic', false);
  const rules = filters.template ? [{ template: filters.template }] : (config.builds ?? [{ template: 'handout' }]);
  const missingTemplates = rules.filter((rule) => !templateExists(rule.template, project.root));
  problems.push(
    ...missingTemplates.map((rule) => {
      const place = filters.template
        ? { file: project.root }
        : yamlPlace({ file: configFile ?? project.root, text: project.configText, firstLine: 1 }, [
            'builds',
            rules.indexOf(rule),
            'template',
          ]);
      return unknownTemplate(rule.template, place, project.root, filters.template !== null);
    }),
  );
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

  const languages = readLanguages(files, project.root);
  const originals = new Map(files.articles.map((a) => [a.id, originalOf(a.id, languages.articles)]));
  const chosen = <T extends ProjectFile>(list: readonly T[], ids: readonly string[]) =>
    ids.length ? list.filter((f) => ids.includes(f.id)) : list;
  const outputs = new Map<string, PlannedOutput>();
  rules.forEach((rule, index) => {
    // A rule whose template does not exist plans nothing: its error is said once, at the config's line.
    if (missingTemplates.includes(rule)) return;
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
        const lang = languages.articles.get(article.id)?.lang ?? 'en';
        const served = languages.clinics.get(clinic.id) ?? null;
        if (!servesLanguage(served, lang)) {
          // The config or the command line names this very pair: say why nothing is built for it.
          const inConfig =
            (ruleArticles?.includes(article.id) && ruleClinics?.includes(clinic.id)) ||
            clinicSettings?.articles?.includes(article.id) ||
            onlyFor?.includes(clinic.id);
          const onCommandLine = filters.articles.includes(article.id) && filters.clinics.includes(clinic.id);
          if (inConfig || onCommandLine)
            problems.push({
              code: 'language-not-served',
              severity: 'warning',
              message: `${article.id} (${lang}) is not built for ${clinic.id}, which serves ${served?.join(', ')} only`,
              ...(inConfig ? where(article.id) : { file: clinic.file }),
              hint: `Add ${lang} to the languages in content/clinics/${clinic.id}.yaml${inConfig ? ', or leave the article out of this rule' : ''}.`,
            });
          continue;
        }
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
          lang,
          original: originals.get(article.id) ?? article.id,
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

function unknownTemplate(
  name: string,
  place: Pick<Problem, 'file' | 'line' | 'column'>,
  root: string,
  onCommandLine: boolean,
): Problem {
  const known = templateNames(root);
  const suggestion = closest(name, known);
  return {
    code: 'template-unknown',
    severity: 'error',
    message: `no template named "${name}"${onCommandLine ? ' (given with --template)' : ''}`,
    ...place,
    hint: `${suggestion ? `Did you mean "${suggestion}"? ` : ''}Templates: ${known.join(', ')}. A project template of its own lives in templates/${name}/layout.hbs.`,
  };
}

/** A stable, balanced part of the plan: every Nth output of the sorted plan, starting at the Ith. */
export function shardOf<T>(outputs: readonly T[], shard: { index: number; count: number } | null): T[] {
  if (!shard) return [...outputs];
  return outputs.filter((_, i) => i % shard.count === shard.index - 1);
}

function lineOf(configText: string, text: string): number | undefined {
  const index = configText.split('\n').findIndex((line) => line.includes(text));
  return index < 0 ? undefined : index + 1;
}

export interface Selection {
  /** Every output the config plans, with this run's own outputs: what the output folder should hold. */
  readonly planned: ReadonlySet<string>;
  /** The same outputs, planned (for what relates them across the plan: translations). */
  readonly outputs: readonly PlannedOutput[];
  /** What the config plans, whatever this run's filters: the plan shards are parts of. */
  readonly whole: readonly PlannedOutput[];
  /** The run is filtered (--article, --clinic or --template): it works on part of the plan, not on a shard of it. */
  readonly filtered: boolean;
  /** The outputs this run works on: the filters and the shard applied. */
  readonly selected: readonly PlannedOutput[];
  readonly problems: readonly Problem[];
}

/**
 * The outputs a run works on, and all the outputs the project plans (a filtered or sharded run touches
 * only its own; the others are still planned). Filters that select nothing are an error, not "0 built".
 */
export function selectOutputs(
  project: PlanSource,
  filters: PlanFilters,
  shard: { index: number; count: number } | null,
): Selection {
  const full = planBuild(project, { articles: [], clinics: [], template: null });
  const filtered =
    filters.articles.length || filters.clinics.length || filters.template ? planBuild(project, filters) : full;
  const problems = [...new Map([...full.problems, ...filtered.problems].map((p) => [JSON.stringify(p), p])).values()];
  if (full.outputs.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push({
      code: 'nothing-selected',
      severity: 'error',
      message: 'the config plans no outputs',
      file: project.configFile ?? project.root,
      hint: 'Its rules (builds, clinics.*.articles, articles.*.clinics) leave out every article and clinic.',
    });
  } else if (
    filtered !== full &&
    filtered.outputs.length === 0 &&
    !problems.some((p) => p.code.startsWith('unknown-') || p.code === 'template-unknown')
  ) {
    const asked = [
      ...filters.articles.map((id) => `--article ${id}`),
      ...filters.clinics.map((id) => `--clinic ${id}`),
      ...(filters.template ? [`--template ${filters.template}`] : []),
    ];
    problems.push({
      code: 'nothing-selected',
      severity: 'error',
      message: `${asked.join(' ')} selects nothing the plan builds`,
      file: project.configFile ?? project.root,
      hint: "The config's rules (builds, clinics.*.articles, articles.*.clinics) leave this out.",
    });
  }
  const outputs = [...new Map([...full.outputs, ...filtered.outputs].map((o) => [o.output, o])).values()];
  return {
    planned: new Set(outputs.map((o) => o.output)),
    outputs,
    whole: full.outputs,
    filtered: filtered !== full,
    selected: shardOf(filtered.outputs, shard),
    problems,
  };
}
