import type { Element, Root as HastRoot } from 'hast';
import { select } from 'hast-util-select';
import { toMdast } from 'hast-util-to-mdast';
import { toText } from 'hast-util-to-text';
import type { Root, RootContent } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import { pageProse } from './coverage.js';
import { findAll } from './hast-find.js';
import { mainContent } from './html-content.js';
import { flattenScripts, joinCaptions } from './html-figures.js';
import { detach, removeFurniture } from './html-furniture.js';
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
  const proseWords = pageProse(page);
  const content = mainContent(page);
  removeFurniture(content, removed, warnings);
  joinCaptions(content);
  flattenScripts(content, warnings);
  simplifyInline(content);
  boundNesting(content, warnings);
  boundTables(content, file, warnings);
  // A page of cards often sets its title above them, outside the content.
  const heading = select('h1', content) ?? pageHeading(page);
  const title = (heading ? toText(heading) : pageTitle(page)).replace(/\s+/g, ' ').trim();
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
  // A call to action's heading ("Need help with your knee?") is left with nothing under it once its button goes.
  const last = children[children.length - 1];
  if (last?.type === 'heading') {
    children.pop();
    removed.push(`${whereOf(last)}the heading "${textOf(last)}", which had nothing under it at the end of the page`);
  }
  const address = pageAddress(page);
  return {
    title,
    lang: declaredLanguage(page),
    address,
    body: { type: 'root', children },
    removed,
    warnings,
    proseWords,
  };
}

/** The page's first <h1> outside the site's header, navigation and footer (where a theme sets the site's name). */
function pageHeading(page: HastRoot): Element | undefined {
  const site = new Set(['header', 'nav', 'footer']);
  const visit = (node: Element | HastRoot): Element | undefined => {
    for (const child of node.children) {
      if (child.type !== 'element' || site.has(child.tagName)) continue;
      if (child.tagName === 'h1') return child;
      const found = visit(child);
      if (found) return found;
    }
    return undefined;
  };
  return visit(page);
}

/**
 * The page's title when it has no <h1>: og:title, else <title> without the site's name after its last
 * separator ("Knee pain - what to do | Riverbend Clinic" → "Knee pain - what to do"), never cut further.
 */
function pageTitle(page: HastRoot): string {
  const og = findAll(page, (e) => e.tagName === 'meta' && e.properties.property === 'og:title')[0];
  const own = String(og?.properties.content ?? '').trim();
  if (own) return own;
  const title = toText(select('title', page) ?? { type: 'root', children: [] }).trim();
  const parts = title.split(/\s[|–—-]\s/);
  return parts.length > 1
    ? title
        .slice(0, title.length - (parts.at(-1) as string).length)
        .replace(/\s[|–—-]\s*$/, '')
        .trim()
    : title;
}

/** The page's own address: its canonical link, else its og:url. */
function pageAddress(page: HastRoot): string | undefined {
  const canonical = findAll(page, (e) => e.tagName === 'link' && String(e.properties.rel ?? '') === 'canonical')[0];
  const og = findAll(page, (e) => e.tagName === 'meta' && e.properties.property === 'og:url')[0];
  const address = String(canonical?.properties.href ?? og?.properties.content ?? '');
  return address || undefined;
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
