import { basename, extname } from 'node:path';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import { HandoutError } from '../errors.js';
import { readTextFile } from '../shared/text-file.js';
import { parseYamlData } from '../shared/yaml-data.js';
import { convertBlocks } from './blocks.js';
import { frontMatterSchema } from './schema.js';
import type { Article } from './types.js';

export type { Article, Block, Inline, ListItem } from './types.js';

/** Read one article: YAML front matter (validated) and a CommonMark body as typed blocks. */
export function readArticle(file: string): Article {
  const text = readTextFile(file, 'article');
  return parseArticle(text, file);
}

export function parseArticle(text: string, file: string): Article {
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
  const meta = parseYamlData({ file, text: first.value, firstLine: 2 }, frontMatterSchema, 'front matter');
  const id = basename(file, extname(file));
  return Object.freeze({
    id,
    file,
    title: meta.title,
    subtitle: meta.subtitle ?? null,
    summary: meta.summary ?? null,
    lang: meta.lang,
    reviewed: meta.reviewed ?? null,
    blocks: convertBlocks(tree.children.slice(1), file),
  });
}
