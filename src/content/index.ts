import { basename, dirname, extname, resolve } from 'node:path';
import type { Root } from 'mdast';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { directive } from 'micromark-extension-directive';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import { HandoutError, type Problem } from '../errors.js';
import { directionOf } from '../shared/direction.js';
import { limits } from '../shared/limits.js';
import type { ReadRecorder } from '../shared/read-recorder.js';
import { readTextFile } from '../shared/text-file.js';
import { parseYamlData, valueLines } from '../shared/yaml-data.js';
import { convertBlocks } from './blocks.js';
import { footnoteState, numberedNotes } from './footnotes.js';
import { resolveReferences } from './references.js';
import { type FrontMatter, frontMatterSchema } from './schema.js';
import { articleLanguage, translationFromName } from './translation.js';
import type { Article } from './types.js';

export { type ArticleHeader, readArticleHeader } from './header.js';
export { articleLanguage, isKnownLanguage, servesLanguage, translationFromName } from './translation.js';
export type {
  Article,
  Block,
  Footnote,
  FrontMatterLines,
  Inline,
  ListItem,
  TableBlock,
  TableCell,
  TableRow,
} from './types.js';

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
      checked = parseArticleChecked(text, file, root, { checkFiles: true });
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
 * The parser's extensions for a text. The GFM extensions slow every line down, so each is left out when the
 * text cannot hold what it finds: a table needs a delimiter row ("| --- |"), a footnote "[^", an address
 * "http", "www." or "@". Without those, the tree is the same either way.
 */
function markdownOptions(text: string) {
  const table = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/m.test(text) && text.includes('|');
  const footnote = text.includes('[^');
  // A web or e-mail address written in the text becomes a link, as readers expect.
  const address = /https?:\/\/|www\.|@/.test(text);
  // A phrase in another language: :span[texto]{lang=es}.
  const span = text.includes(':span[');
  return {
    extensions: [
      frontmatter(['yaml']),
      ...(table ? [gfmTable()] : []),
      ...(footnote ? [gfmFootnote()] : []),
      ...(address ? [gfmAutolinkLiteral()] : []),
      ...(span ? [directive()] : []),
    ],
    mdastExtensions: [
      frontmatterFromMarkdown(['yaml']),
      ...(table ? [gfmTableFromMarkdown()] : []),
      ...(footnote ? [gfmFootnoteFromMarkdown()] : []),
      ...(address ? [gfmAutolinkLiteralFromMarkdown()] : []),
      ...(span ? [directiveFromMarkdown()] : []),
    ],
  };
}

/** Markdown with front matter, GFM tables and footnotes (found so they can be reported where they are). */
export function parseArticleChecked(
  text: string,
  file: string,
  root: string = resolve(dirname(file), '..', '..'),
  options: { readonly checkFiles?: boolean } = {},
): CheckedArticle {
  const tree: Root = fromMarkdown(text, markdownOptions(text));
  const [first] = tree.children;
  const problems: Problem[] = [];
  let meta: FrontMatter | null = null;
  // Without front matter the body is still read, so all of the article's problems are reported together.
  if (first?.type !== 'yaml')
    problems.push({
      severity: 'error',
      code: 'front-matter-missing',
      message: 'article has no front matter',
      file,
      line: 1,
      column: 1,
      hint: 'Start the file with a block of three dashes, a line "title: Acupuncture for knee pain", and three dashes.',
    });
  else
    try {
      meta = parseYamlData({ file, text: first.value, firstLine: 2 }, frontMatterSchema, 'front matter');
    } catch (error) {
      if (!(error instanceof HandoutError)) throw error;
      problems.push(...error.problems());
    }
  const id = basename(file, extname(file));
  resolveReferences(tree);
  const footnotes = footnoteState();
  const blocks = convertBlocks(first?.type === 'yaml' ? tree.children.slice(1) : tree.children, {
    file,
    root,
    checkFiles: options.checkFiles ?? false,
    depth: 0,
    problems,
    footnotes,
  });
  const notes = numberedNotes(footnotes, file, problems);
  if (!meta || first?.type !== 'yaml') return { article: null, problems };
  const lines = valueLines({ file, text: first.value, firstLine: 2 });
  const language = articleLanguage(id, meta);
  const named = translationFromName(id);
  if (meta.lang && named && !language.lang.toLowerCase().startsWith(named.lang.toLowerCase())) {
    problems.push({
      severity: 'error',
      code: 'lang-mismatch',
      message: `the file name says the article is in "${named.lang}", but its front matter says lang: ${meta.lang}`,
      file,
      line: lines.lang,
      column: 1,
      hint: `Rename the file to ${named.original}.${meta.lang}.md, or correct lang.`,
    });
  }
  if (language.translationOf === id) {
    problems.push({
      severity: 'error',
      code: 'translation-self',
      message: `translationOf names the article itself ("${id}")`,
      file,
      line: lines.translationOf,
      column: 1,
      hint: 'Name the article this one translates, e.g. translationOf: knee-pain.',
    });
  }
  const article: Article = Object.freeze({
    id,
    file,
    title: meta.title,
    subtitle: meta.subtitle ?? null,
    summary: meta.summary ?? null,
    lang: language.lang,
    dir: meta.dir ?? directionOf(language.lang),
    translationOf: language.translationOf === id ? null : language.translationOf,
    reviewed: meta.reviewed ?? null,
    blocks,
    notes,
    lines: {
      title: lines.title ?? 2,
      subtitle: lines.subtitle ?? null,
      summary: lines.summary ?? null,
      lang: lines.lang ?? null,
      translationOf: lines.translationOf ?? null,
    },
  });
  return { article, problems };
}
