import { statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import { HandoutError, type Problem } from '../errors.js';
import { limits } from '../shared/limits.js';
import { readTextFile } from '../shared/text-file.js';
import { parseYamlData } from '../shared/yaml-data.js';
import { convertBlocks } from './blocks.js';
import { type FrontMatter, frontMatterSchema } from './schema.js';
import type { Article } from './types.js';

export type { Article, Block, Inline, ListItem } from './types.js';

/**
 * Read one article: YAML front matter (validated) and a CommonMark body as typed blocks. Images must lie
 * inside `root` (by default the project the file is in: two folders up from content/articles/).
 */
export function readArticle(file: string, root: string = resolve(dirname(file), '..', '..')): Article {
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (size > limits.articleBytes) {
    throw new HandoutError({
      code: 'too-large',
      message: `article is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${limits.articleBytes / 1024 / 1024} MB`,
      file,
      hint: 'A patient handout is a few pages: split the text into several articles.',
    });
  }
  const text = readTextFile(file, 'article');
  const key = `${file}\u0000${root}\u0000${text}`;
  let article = parsed.get(key);
  if (!article) {
    article = parseArticle(text, file, root);
    if (parsed.size >= articlesKept) parsed.delete(parsed.keys().next().value as string);
    parsed.set(key, article);
  }
  return article;
}

/** Articles parsed, by file, project and exact text: parsing is pure, so an unchanged file is not parsed again. */
const parsed = new Map<string, Article>();
const articlesKept = 256;

export function parseArticle(text: string, file: string, root: string = resolve(dirname(file), '..', '..')): Article {
  const tree: Root = fromMarkdown(text, {
    extensions: [frontmatter(['yaml'])],
    mdastExtensions: [frontmatterFromMarkdown(['yaml'])],
  });
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
  const blocks = convertBlocks(tree.children.slice(1), { file, root, depth: 0, problems });
  if (problems.length > 0 || !meta) throw HandoutError.fromProblems(problems);
  return Object.freeze({
    id,
    file,
    title: meta.title,
    subtitle: meta.subtitle ?? null,
    summary: meta.summary ?? null,
    lang: meta.lang,
    reviewed: meta.reviewed ?? null,
    blocks,
  });
}
