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

/** An id for the article file from its title: lower case, ASCII, hyphens. */
export function slugOf(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/g, '') || 'article'
  );
}
