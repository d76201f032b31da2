import { basename, dirname, extname, resolve } from 'node:path';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import { HandoutError, type Problem } from '../errors.js';
import type { ReadRecorder } from '../shared/confined-read.js';
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
export function readArticle(
  file: string,
  root: string = resolve(dirname(file), '..', '..'),
  reads?: ReadRecorder,
): Article {
  const text = readTextFile(file, { roots: [root], what: 'article', reads, maxBytes: limits.articleBytes });
  return parseArticle(text, file, root);
}

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
