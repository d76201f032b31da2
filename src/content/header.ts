import { basename, dirname, extname, resolve } from 'node:path';
import { parse } from 'yaml';
import { limits } from '../shared/limits.js';
import { readTextFile } from '../shared/text-file.js';
import { articleLanguage } from './translation.js';

/** What a build plan needs to know of an article before reading it whole: its language and its original. */
export interface ArticleHeader {
  readonly id: string;
  readonly lang: string;
  readonly translationOf: string | null;
  /** Whether `translationOf` was written in the front matter (rather than implied by the file name). */
  readonly explicit: boolean;
}

/**
 * An article's language and original from its front matter alone: cheap enough to do for every article of a
 * project when planning. A file that cannot be read counts as what its name says; reading the article
 * itself reports what is wrong with it.
 */
export function readArticleHeader(file: string, root: string = resolve(dirname(file), '..', '..')): ArticleHeader {
  const id = basename(file, extname(file));
  const meta = frontMatterOf(file, root);
  const lang = typeof meta.lang === 'string' ? meta.lang : undefined;
  const translationOf = typeof meta.translationOf === 'string' ? meta.translationOf : undefined;
  return { id, ...articleLanguage(id, { lang, translationOf }), explicit: translationOf !== undefined };
}

/** The YAML between an article's `---` lines, unparsed; undefined when it has none. Throws when it cannot be read. */
export function frontMatterText(file: string, root: string): string | undefined {
  // The confined reader, as for the article itself: inside the project, a regular file, at most 2 MB.
  const text = readTextFile(file, { roots: [root], what: 'article', maxBytes: limits.articleBytes });
  return /^---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/.exec(text)?.[1];
}

function frontMatterOf(file: string, root: string): Record<string, unknown> {
  try {
    const block = frontMatterText(file, root);
    if (block === undefined) return {};
    // Most front matter gives these as plain words on lines of their own: read them without a YAML parser
    // (a thousand articles are planned in a blink); anything else goes through one.
    const simple = plainValues(block);
    if (simple) return simple;
    // Quietly: a list as a key is reported, at its line, when the article is read.
    const data: unknown = parse(block, { logLevel: 'error' });
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const keyLine = /^(lang|translationOf)\s*:(.*)$/;
const plainValue = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:#.*)?$/;

/** `lang` and `translationOf` when each is absent or a plain word at the top level; null when YAML must decide. */
function plainValues(block: string): Record<string, string> | null {
  const values: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const key = keyLine.exec(line);
    if (!key) continue;
    const value = plainValue.exec(key[2] as string);
    if (!value || (key[1] as string) in values) return null;
    values[key[1] as string] = value[1] as string;
  }
  return values;
}
