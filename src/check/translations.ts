import type { Brand } from '../brand/types.js';
import { servesLanguage } from '../content/index.js';
import type { Article } from '../content/types.js';
import type { Problem } from '../errors.js';
import { readTextFile } from '../shared/text-file.js';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/**
 * Translations that hang from nothing, articles no clinic serves, and clinic languages no article is written
 * in. An original named in `translationOf` that does not exist is a warning (a typo, most likely); one implied
 * by a file name (`knee-pain.es.md` without `knee-pain.md`) and the rest are notes.
 */
export function translationProblems(articles: readonly Article[], brands: readonly Brand[], root: string): Problem[] {
  const problems: Problem[] = [];
  const ids = new Set(articles.map((a) => a.id));
  for (const article of articles) {
    const original = article.translationOf;
    if (original === null || ids.has(original)) continue;
    const explicit = article.lines.translationOf !== null;
    problems.push({
      code: 'translation-original',
      severity: explicit ? 'warning' : 'note',
      message: explicit
        ? `translationOf: "${original}" names no article, so this translation is related to nothing`
        : `${article.id} is named as the ${languageNames.of(article.lang)} translation of "${original}", but there is no ${original}.md`,
      file: article.file,
      line: explicit ? (article.lines.translationOf ?? undefined) : 1,
      hint: explicit
        ? `Article ids: ${[...ids].slice(0, 8).join(', ')}${ids.size > 8 ? ', …' : ''}.`
        : `Add content/articles/${original}.md, or say which article this translates: translationOf: <id>.`,
    });
  }
  for (const article of articles) {
    if (brands.length === 0 || brands.some((brand) => servesLanguage(brand.languages, article.lang))) continue;
    problems.push({
      code: 'language-no-clinic',
      severity: 'note',
      message: `${article.id} is in ${languageNames.of(article.lang)} (${article.lang}), which no clinic serves: it is built for none`,
      file: article.file,
      line: article.lines.lang ?? 1,
      hint: `Add ${article.lang} to a clinic's languages (content/clinics/<id>.yaml) to build it.`,
    });
  }
  for (const brand of brands) {
    for (const lang of brand.languages ?? []) {
      if (articles.some((article) => servesLanguage([lang], article.lang))) continue;
      problems.push({
        code: 'language-without-articles',
        severity: 'note',
        message: `${brand.id} serves ${languageNames.of(lang)} (${lang}), but no article is written in it yet`,
        file: brand.file,
        line: lineOfKey(brand.file, 'languages', root),
        clinic: brand.id,
        hint: `Add an article with lang: ${lang} (or named <id>.${lang}.md), or take ${lang} out of the clinic's languages.`,
      });
    }
  }
  return problems;
}

function lineOfKey(file: string, key: string, root: string): number | undefined {
  try {
    const index = readTextFile(file, { roots: [root], what: 'clinic file' })
      .split('\n')
      .findIndex((line) => line.startsWith(`${key}:`));
    return index < 0 ? undefined : index + 1;
  } catch {
    return undefined;
  }
}
