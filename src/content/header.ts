import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'yaml';
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
export function readArticleHeader(file: string): ArticleHeader {
  const id = basename(file, extname(file));
  const meta = frontMatterOf(file);
  const lang = typeof meta.lang === 'string' ? meta.lang : undefined;
  const translationOf = typeof meta.translationOf === 'string' ? meta.translationOf : undefined;
  return { id, ...articleLanguage(id, { lang, translationOf }), explicit: translationOf !== undefined };
}

function frontMatterOf(file: string): Record<string, unknown> {
  try {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const block = /^---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/.exec(text)?.[1];
    const data: unknown = block === undefined ? null : parse(block);
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
