import anyAscii from 'any-ascii';
import type { Nodes, Root } from 'mdast';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';
import { toString as textOf } from 'mdast-util-to-string';
import { stringify } from 'yaml';

export interface FrontMatter {
  readonly title: string;
  readonly summary?: string | undefined;
  readonly lang: string;
}

/** The article file: YAML front matter, then the body as CommonMark. */
export function writeArticle(front: FrontMatter, body: Root): string {
  const yaml = stringify(
    Object.fromEntries(Object.entries(front).filter(([, value]) => value !== undefined && value !== '')),
    { lineWidth: 0 },
  );
  const markdown = toMarkdown(body, {
    bullet: '-',
    emphasis: '*',
    strong: '*',
    rule: '-',
    listItemIndent: 'one',
    extensions: [gfmTableToMarkdown()],
  });
  return `---\n${yaml}---\n\n${markdown}`;
}

/** The article's words, block by block (title, summary, then the body), for comparing with the page's. */
export function articleText(front: FrontMatter, body: Root): string {
  const blocks = (node: Nodes): string[] => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell')
      return [textOf(node, { includeImageAlt: false }), ...node.children.flatMap(blocks)];
    if (node.type === 'image') return node.title ? [node.title] : [];
    if (node.type === 'code') return [node.value];
    return 'children' in node ? node.children.flatMap(blocks) : [];
  };
  return [front.title, front.summary ?? '', ...blocks(body)].filter((text) => text !== '').join('\n');
}

/** Scripts written without spaces between words: each character is transliterated as a word of its own. */
const syllabic = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * An id for the article file: the first of its title, the page's address and the file's name that gives
 * one, transliterated to ASCII (膝關節 → xi-guan-jie, Боль → bol), lower case, with hyphens.
 */
export function slugOf(...names: readonly (string | undefined)[]): string {
  for (const name of names) {
    const slug = slugFrom(name ?? '');
    if (slug) return slug;
  }
  return 'article';
}

function slugFrom(name: string): string {
  const ascii = [...name.normalize('NFC')].map((char) =>
    syllabic.test(char) ? ` ${anyAscii(char)} ` : anyAscii(char),
  );
  return ascii
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

/** The last part of a page's address or a file's name, without its extension ("/care/knee-pain.html" → "knee-pain"). */
export function lastPart(address: string | undefined): string | undefined {
  const path = (address ?? '').replace(/[?#].*$/, '').replace(/\/+$/, '');
  const last = path.split(/[\\/]/).pop() ?? '';
  return decodeURIComponentSafe(last).replace(/\.[a-z0-9]{1,5}$/i, '') || undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
