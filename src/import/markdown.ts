import type { Root } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
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
  return `---\n${yaml}---\n\n${toMarkdown(body, { bullet: '-', emphasis: '*', strong: '*', rule: '-', listItemIndent: 'one' })}`;
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

/** The first sentence or two of a paragraph, for the summary. */
export function summaryOf(paragraph: string): string {
  const sentences = paragraph.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [paragraph];
  let summary = '';
  for (const sentence of sentences) {
    if (summary && (summary + sentence).length > 280) break;
    summary += sentence;
  }
  return summary.trim();
}
