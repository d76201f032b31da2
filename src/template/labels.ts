import type { Problem } from '../errors.js';
import { type LabelKey, type LabelOverrides, type Labels, labelKeys } from '../shared/labels.js';
import { builtInLabels } from './label-tables.js';

export { builtInLabels } from './label-tables.js';

/** The languages with a built-in table (a script or country table, `zh-Hant`, `pt-PT`, counted as its own). */
export const labelLanguages = Object.keys(builtInLabels);

/** What a clinic says of its own language: the country or script an article's bare tag leaves open. */
export interface LabelClinic {
  readonly lang?: string | null;
  readonly languages?: readonly string[] | null;
}

export interface ResolvedLabels {
  readonly labels: Labels;
  /** The language of each label when it is not the article's (an English fallback), else null: templates mark it. */
  readonly foreign: Readonly<Record<LabelKey, string | null>>;
  /** Keys no table gave in the article's language: they are printed in English. */
  readonly missing: readonly LabelKey[];
}

/** Languages that share one table under another code: Filipino is standardised Tagalog. */
const sameTable: Record<string, string> = { fil: 'tl' };

function canonical(tag: string): Intl.Locale | null {
  try {
    return new Intl.Locale(Intl.getCanonicalLocales(tag)[0] ?? tag);
  } catch {
    return null;
  }
}

/**
 * The tags whose labels apply to a language, most general first, so a more precise one overrides: zh-HK →
 * zh, zh-Hant, zh-HK; pt-AO → pt, pt-PT, pt-AO (Portuguese outside Brazil follows the European norm);
 * pt → pt (Brazilian). Script and country come from Intl's likely subtags when the tag leaves them out.
 */
export function labelTags(lang: string): string[] {
  const locale = canonical(lang);
  if (!locale) return [lang.toLowerCase()];
  const language = sameTable[locale.language] ?? locale.language;
  const likely = locale.maximize();
  const tags = [language];
  if (locale.language !== language) tags.push(locale.language);
  if (language === 'zh') tags.push(`zh-${likely.script}`);
  if (language === 'pt') tags.push(likely.region === 'BR' ? 'pt-BR' : 'pt-PT');
  if (locale.script && language !== 'zh') tags.push(`${language}-${locale.script}`);
  if (locale.region) tags.push(`${language}-${locale.region}`);
  tags.push(locale.toString());
  return [...new Set(tags.map((t) => t.toLowerCase()))];
}

/**
 * The tag labels are chosen for: the article's, made precise by the clinic's own when the article's names
 * only the language (a `pt` article at a Lisbon clinic whose lang or languages say `pt-PT` gets European words).
 */
export function labelLanguage(lang: string, clinic: LabelClinic = {}): string {
  const locale = canonical(lang);
  if (!locale || locale.script || locale.region) return lang;
  const candidates = [clinic.lang ?? null, ...(clinic.languages ?? [])].filter((t): t is string => t !== null);
  const precise = candidates.find((tag) => {
    const other = canonical(tag);
    return other !== null && other.language === locale.language && (other.script || other.region);
  });
  return precise ?? lang;
}

/** The primary language of a tag, with tables shared under two codes counted as one. */
function primary(tag: string): string {
  const language = canonical(tag)?.language ?? tag.toLowerCase().split('-')[0] ?? tag;
  return sameTable[language] ?? language;
}

/**
 * Labels for a language: built-in < project < clinic, each from the language's most general tag to its
 * exact one (`pt`, `pt-PT`). A key none of them gives falls back to English and is listed as missing.
 */
export function resolveLabels(
  lang: string,
  overrides: readonly LabelOverrides[] = [],
  clinic: LabelClinic = {},
): ResolvedLabels {
  const tag = labelLanguage(lang, clinic);
  const tags = labelTags(tag);
  const found: Partial<Record<LabelKey, { text: string; lang: string }>> = {};
  for (const table of [builtInLabels, ...overrides]) {
    const byTag = lowerCaseKeys(table);
    for (const t of tags) {
      for (const [key, text] of Object.entries(byTag[t] ?? {}))
        if (text !== undefined) found[key as LabelKey] = { text, lang: tableTag(table, t) };
    }
  }
  const english = builtInLabels.en as Labels;
  const missing = labelKeys.filter((key) => found[key] === undefined);
  const labels = Object.fromEntries(labelKeys.map((key) => [key, found[key]?.text ?? english[key]])) as Labels;
  const article = primary(lang);
  const foreign = Object.fromEntries(
    labelKeys.map((key) => {
      const written = found[key]?.lang ?? 'en';
      return [key, primary(written) === article ? null : written];
    }),
  ) as Record<LabelKey, string | null>;
  return { labels: Object.freeze(labels), foreign: Object.freeze(foreign), missing };
}

/** The labels alone (built-in tables, English for what a language lacks). */
export function labelsFor(lang: string, overrides: readonly LabelOverrides[] = [], clinic: LabelClinic = {}): Labels {
  return resolveLabels(lang, overrides, clinic).labels;
}

/** A table's tag as written (`zh-Hant`, not `zh-hant`): it goes into the PDF as a /Lang. */
function tableTag(table: LabelOverrides, lower: string): string {
  return Object.keys(table).find((t) => t.toLowerCase() === lower) ?? lower;
}

function lowerCaseKeys(table: LabelOverrides): LabelOverrides {
  return Object.fromEntries(Object.entries(table).map(([tag, labels]) => [tag.toLowerCase(), labels]));
}

/** An article in a language without (all) labels is a warning naming the keys printed in English instead. */
export function missingLabelsWarning(
  article: { readonly file: string; readonly lang: string; readonly lines: { readonly lang: number | null } },
  overrides: readonly LabelOverrides[],
  clinic: LabelClinic = {},
): Problem | null {
  const { missing } = resolveLabels(article.lang, overrides, clinic);
  if (missing.length === 0) return null;
  const lang = article.lang;
  const none = missing.length === labelKeys.length;
  return {
    code: 'labels-missing',
    severity: 'warning',
    message: `${none ? `no labels for language "${lang}"` : `labels missing for language "${lang}"`}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} printed in English`,
    file: article.file,
    line: article.lines.lang ?? undefined,
    hint: `Give them in handout.config.yaml or the clinic file, e.g. labels: { ${lang}: { ${missing[0]}: "…" } }. Built in: ${labelLanguages.join(', ')}.`,
  };
}
