import type { Root as HastRoot } from 'hast';
import { select } from 'hast-util-select';
import { toMdast } from 'hast-util-to-mdast';
import { toText } from 'hast-util-to-text';
import type { Root, RootContent } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import { findAll } from './hast-find.js';
import { flattenScripts, joinCaptions } from './html-figures.js';
import { detach, mainContent, removeFurniture } from './html-furniture.js';
import { simplifyInline } from './html-inline.js';
import { boundNesting } from './html-nesting.js';
import { boundTables } from './html-tables.js';
import { keptWarning, leftoverOf } from './leftovers.js';
import { parseHtml } from './parse-html.js';
import { sameText } from './text.js';
import { whereOf } from './tree.js';
import type { ParsedPage } from './types.js';

/** A saved web page → the article's main content as a Markdown tree. */
export function importHtml(html: string, file: string): ParsedPage {
  const removed: string[] = [];
  const warnings: string[] = [];
  const page = parseHtml(html, file);
  const content = mainContent(page);
  removeFurniture(content, removed, warnings);
  joinCaptions(content);
  flattenScripts(content, warnings);
  simplifyInline(content);
  boundNesting(content, warnings);
  boundTables(content, file, warnings);
  const heading = select('h1', content);
  const pageTitle =
    toText(select('title', page) ?? { type: 'root', children: [] })
      .split(/\s[|–—-]\s/)[0]
      ?.trim() ?? '';
  const title = (heading ? toText(heading) : pageTitle).replace(/\s+/g, ' ').trim();
  if (heading) detach(content, heading);

  const mdast = toMdast(content) as Root;
  const children: RootContent[] = [];
  for (const node of mdast.children) {
    const text = textOf(node);
    const leftover = node.type === 'paragraph' || node.type === 'heading' ? leftoverOf(text) : null;
    if (leftover?.kind === 'furniture') removed.push(`${whereOf(node)}${leftover.shown}`);
    // The title again before the article's first words is the page's heading twice; later it heads a section.
    else if (node.type === 'heading' && children.length === 0 && sameText(text, title))
      removed.push(`${whereOf(node)}a heading that repeats the title`);
    else {
      if (leftover) warnings.push(keptWarning(whereOf(node), leftover));
      children.push(node);
    }
  }
  return { title, lang: declaredLanguage(page), body: { type: 'root', children }, removed, warnings };
}

/** `<html lang>`, else `<meta http-equiv="Content-Language">` (its first tag): what the page says it is in. */
function declaredLanguage(page: HastRoot): string | undefined {
  const html = select('html', page);
  const lang = String(html?.properties.lang ?? '').trim();
  if (lang) return lang;
  const meta = findAll(
    page,
    (e) => e.tagName === 'meta' && /^content-language$/i.test(String(e.properties.httpEquiv ?? '')),
  );
  const content = String(meta[0]?.properties.content ?? '')
    .split(',')[0]
    ?.trim();
  return content || undefined;
}

/** The words a reader sees on the page, for comparing with the article (`--diff`). */
export function visibleText(html: string, file: string): string {
  const page = parseHtml(html, file);
  const body = select('body', page) ?? page;
  return toText(body as HastRoot);
}
