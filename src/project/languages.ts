import { parse } from 'yaml';
import { type ArticleHeader, readArticleHeader } from '../content/index.js';
import { languageTagPattern } from '../content/translation.js';
import { readTextFile } from '../shared/text-file.js';
import type { ProjectFiles } from './files.js';

/** Each article's language and original, and each clinic's languages (null: every language), by id. */
export interface ProjectLanguages {
  readonly articles: ReadonlyMap<string, ArticleHeader>;
  readonly clinics: ReadonlyMap<string, readonly string[] | null>;
}

/** Read from the files' headers only, so a plan knows them without reading every article whole. */
export function readLanguages(files: ProjectFiles, root: string): ProjectLanguages {
  return {
    articles: new Map(files.articles.map(({ id, file }) => [id, { ...readArticleHeader(file, root), id }])),
    clinics: new Map(files.clinics.map(({ id, file }) => [id, clinicLanguages(file, root)])),
  };
}

/** A clinic's `languages`, when the file lists them properly; anything else is reported when the clinic is read. */
function clinicLanguages(file: string, root: string): readonly string[] | null {
  try {
    const text = readTextFile(file, { roots: [root], what: 'clinic file' });
    if (!text.includes('languages')) return null;
    // Quietly: a list as a key is reported, at its line, when the clinic is read.
    const data: unknown = parse(text, { logLevel: 'error' });
    const languages = (data as { languages?: unknown } | null)?.languages;
    if (!Array.isArray(languages) || languages.length === 0) return null;
    return languages.every((l) => typeof l === 'string' && languageTagPattern.test(l)) ? languages : null;
  } catch {
    return null;
  }
}

/**
 * The article a group of translations hangs from: follow `translationOf` to an article that translates none
 * (or that does not exist, or back round a loop). Articles with the same original are translations of each other.
 */
export function originalOf(id: string, articles: ProjectLanguages['articles']): string {
  const seen = new Set<string>();
  let current = id;
  for (;;) {
    const next = articles.get(current)?.translationOf;
    if (!next || seen.has(next)) return current;
    seen.add(current);
    current = next;
  }
}
