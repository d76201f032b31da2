import { basename, dirname, extname, resolve } from 'node:path';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import { HandoutError, type Problem } from '../errors.js';
import type { ReadRecorder } from '../shared/confined-read.js';
import { limits } from '../shared/limits.js';
import { readTextFile } from '../shared/text-file.js';
import { parseYamlData, valueLines } from '../shared/yaml-data.js';
import { convertBlocks } from './blocks.js';
import { resolveReferences } from './references.js';
import { type FrontMatter, frontMatterSchema } from './schema.js';
import type { Article } from './types.js';

export type { Article, Block, FrontMatterLines, Inline, ListItem } from './types.js';

/** An article as far as it could be read, and every problem found in it. */
export interface CheckedArticle {
  /** Null only when the front matter itself is unusable; blocks with problems are left out. */
  readonly article: Article | null;
  readonly problems: readonly Problem[];
}

/**
 * Read one article: YAML front matter (validated) and a CommonMark body as typed blocks. Images must lie
 * inside `root` (by default the project the file is in: two folders up from content/articles/).
 */
export function readArticle(
  file: string,
  root: string = resolve(dirname(file), '..', '..'),
  reads?: ReadRecorder,
): Article {
  const { article, problems } = readArticleChecked(file, root, reads);
  if (problems.length > 0 || !article) throw HandoutError.fromProblems(problems);
  return article;
}

/** Like readArticle, but an article with mistakes is still returned (without the blocks in error) beside them. */
export function readArticleChecked(
  file: string,
  root: string = resolve(dirname(file), '..', '..'),
  reads?: ReadRecorder,
): CheckedArticle {
  try {
    // Through the confined reader: inside the project, a regular file (a FIFO would hang), at most 2 MB.
    const text = readTextFile(file, { roots: [root], what: 'article', reads, maxBytes: limits.articleBytes });
    const key = `${file}\u0000${root}\u0000${text}`;
    let checked = parsed.get(key);
    if (!checked) {
      checked = parseArticleChecked(text, file, root);
      if (parsed.size >= articlesKept) parsed.delete(parsed.keys().next().value as string);
      parsed.set(key, checked);
    }
    return checked;
  } catch (error) {
    if (error instanceof HandoutError) return { article: null, problems: error.problems() };
    throw error;
  }
}

/** Articles parsed, by file, project and exact text: parsing is pure, so an unchanged file is not parsed again. */
const parsed = new Map<string, CheckedArticle>();
const articlesKept = 256;

export function parseArticle(text: string, file: string, root: string = resolve(dirname(file), '..', '..')): Article {
  const { article, problems } = parseArticleChecked(text, file, root);
  if (problems.length > 0 || !article) throw HandoutError.fromProblems(problems);
  return article;
}

/**
 * The parser's extensions for a text. The table and footnote extensions slow every line down, so they are
 * left out when the text cannot hold what they find: a table needs a delimiter row ("| --- |"), a footnote
 * "[^". Without those, the tree is the same either way.
 */
function markdownOptions(text: string) {
  const table = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/m.test(text) && text.includes('|');
  const footnote = text.includes('[^');
  return {
    extensions: [frontmatter(['yaml']), ...(table ? [gfmTable()] : []), ...(footnote ? [gfmFootnote()] : [])],
    mdastExtensions: [
      frontmatterFromMarkdown(['yaml']),
      ...(table ? [gfmTableFromMarkdown()] : []),
      ...(footnote ? [gfmFootnoteFromMarkdown()] : []),
    ],
  };
}

/** Markdown with front matter, GFM tables and footnotes (found so they can be reported where they are). */
export function parseArticleChecked(
  text: string,
  file: string,
  root: string = resolve(dirname(file), '..', '..'),
): CheckedArticle {
  const tree: Root = fromMarkdown(text, markdownOptions(text));
  const [first] = tree.children;
  if (first?.type !== 'yaml') {
    throw new HandoutError({
      code: 'front-matter-missing',
      message: 'article has no front matter',
      file,
      line: 1,
      column: 1,
      hint: 'Start the file with a block such as:\n---\ntitle: Acupuncture for knee pain\n---',
    });
  }
  const problems: Problem[] = [];
  let meta: FrontMatter | null = null;
  try {
    meta = parseYamlData({ file, text: first.value, firstLine: 2 }, frontMatterSchema, 'front matter');
  } catch (error) {
    if (!(error instanceof HandoutError)) throw error;
    problems.push(...error.problems());
  }
  const id = basename(file, extname(file));
  resolveReferences(tree);
  const blocks = convertBlocks(tree.children.slice(1), { file, root, depth: 0, problems });
  if (!meta) return { article: null, problems };
  const lines = valueLines({ file, text: first.value, firstLine: 2 });
  const article: Article = Object.freeze({
    id,
    file,
    title: meta.title,
    subtitle: meta.subtitle ?? null,
    summary: meta.summary ?? null,
    lang: meta.lang,
    reviewed: meta.reviewed ?? null,
    blocks,
    lines: { title: lines.title ?? 2, summary: lines.summary ?? null, lang: lines.lang ?? null },
  });
  return { article, problems };
}
