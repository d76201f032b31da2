import type { Element, RootContent as HastContent, Root as HastRoot } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { select, selectAll } from 'hast-util-select';
import { toMdast } from 'hast-util-to-mdast';
import { toText } from 'hast-util-to-text';
import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { HandoutError } from '../errors.js';
import { limits } from '../shared/limits.js';
import { isConclusionFiller, leftoverReason } from './leftovers.js';
import type { ParsedPage } from './types.js';

/** Page furniture that is never part of the article. */
const furniture =
  'script, style, noscript, template, nav, form, footer, aside, iframe, button, svg, canvas, input, select';
const furnitureNames =
  /(^|[-_ ])(share|social|cookie|newsletter|related|comments?|breadcrumbs?|advert|ads|promo|sidebar|subscribe|menu)([-_ ]|$)/i;

/** A saved web page → the article's main content as a Markdown tree. */
export function importHtml(html: string, file: string): ParsedPage {
  const removed: string[] = [];
  const warnings: string[] = [];
  const page = parseHtml(html, file);
  const content = mainContent(page);
  for (const element of selectAll(furniture, content)) detach(content, element);
  for (const element of selectAll('[class], [id]', content)) {
    const names = `${String(element.properties.className ?? '')} ${String(element.properties.id ?? '')}`;
    if (furnitureNames.test(names)) {
      removed.push(`<${element.tagName}> "${toText(element).trim().slice(0, 50)}" (${names.trim()})`);
      detach(content, element);
    }
  }
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
    const text = plainText(node);
    const reason = node.type === 'paragraph' || node.type === 'heading' ? leftoverReason(text) : null;
    if (reason) removed.push(reason);
    else children.push(node);
  }
  const last = children[children.length - 1];
  if (last?.type === 'paragraph' && isConclusionFiller(plainText(last))) {
    children.pop();
    removed.push('the closing "In conclusion" paragraph');
  }
  dropRemoteImages(children, warnings);
  // The article's own headings start at level 2 (the title is level 1), whatever levels the page used.
  const headings = children.filter((c): c is Heading => c.type === 'heading');
  const shift = Math.min(...headings.map((h) => h.depth)) - 2;
  for (const heading of headings) heading.depth = Math.min(6, Math.max(2, heading.depth - shift)) as Heading['depth'];
  for (let i = children.length - 1; i >= 0; i--) {
    const node = children[i] as RootContent;
    if (node.type === 'paragraph' && node.children.length === 0) children.splice(i, 1);
  }
  const first = children.find((c): c is Paragraph => c.type === 'paragraph');
  return {
    title,
    firstParagraph: first ? plainText(first) : null,
    body: { type: 'root', children },
    sections: children.filter((c) => c.type === 'heading').length,
    removed,
    warnings,
  };
}

type Parse5Node = DefaultTreeAdapterMap['childNode'];

/**
 * Parse with parse5 (which does not recurse), and refuse a page nested deeper than any real one before the
 * recursive steps after it (conversion to hast, then to Markdown) could run out of stack.
 */
function parseHtml(html: string, file: string): HastRoot {
  const document = parse(html, { sourceCodeLocationInfo: true, scriptingEnabled: false });
  const stack: [Parse5Node, number][] = document.childNodes.map((node) => [node, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Parse5Node, number];
    if (depth > limits.htmlDepth) {
      throw new HandoutError({
        code: 'import-too-deep',
        message: `the page nests elements more than ${limits.htmlDepth} deep`,
        file,
        line: node.sourceCodeLocation?.startLine,
        column: node.sourceCodeLocation?.startCol,
        hint: 'This is not a saved article page (or it is damaged): copy the article text into a .txt file and import that.',
      });
    }
    if ('childNodes' in node) for (const child of node.childNodes as Parse5Node[]) stack.push([child, depth + 1]);
  }
  return fromParse5(document) as HastRoot;
}

/** The <article>, the <main>, or else the element holding the most paragraph text. */
function mainContent(page: HastRoot): Element {
  const chosen = select('article', page) ?? select('main', page) ?? select('[role=main]', page);
  if (chosen) return chosen;
  let best: Element | undefined;
  let bestLength = 0;
  for (const candidate of selectAll('div, section, body', page)) {
    const length = selectAll(':scope > p', candidate).reduce((n, p) => n + toText(p).length, 0);
    if (length > bestLength) [best, bestLength] = [candidate, length];
  }
  return best ?? (select('body', page) as Element) ?? { type: 'element', tagName: 'div', properties: {}, children: [] };
}

function detach(root: Element, target: Element): void {
  const visit = (node: Element | HastRoot): boolean => {
    const index = node.children.indexOf(target as HastContent & Element);
    if (index >= 0) {
      node.children.splice(index, 1);
      return true;
    }
    return node.children.some((child) => child.type === 'element' && visit(child));
  };
  visit(root);
}

/** Nothing is downloaded: an image from the web is left out with a warning. */
function dropRemoteImages(nodes: RootContent[], warnings: string[]): void {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i] as RootContent;
    if (node.type === 'image' && /^(https?:)?\/\/|^data:/i.test(node.url)) {
      warnings.push(
        `left out the image ${node.url.slice(0, 80)} ("${node.alt ?? ''}"): download it and refer to it by a local path`,
      );
      nodes.splice(i, 1);
    } else if ('children' in node) dropRemoteImages(node.children as RootContent[], warnings);
  }
}

function plainText(node: RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plainText).join('');
  return '';
}
