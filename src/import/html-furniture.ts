import type { Element, RootContent as HastContent, Root as HastRoot } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { readsAsProse } from './leftovers.js';

/** Elements that never hold the article's words. */
const neverArticle = 'script, style, noscript, template, nav, form, iframe, button, svg, canvas, input, select';
/** Usually page furniture, but an article sometimes sets a note or a tip in them: kept when they hold prose. */
const usuallyFurniture = 'footer, aside';
const furnitureNames =
  /(^|[-_ ])(share|social|cookie|newsletter|related|comments?|breadcrumbs?|advert|ads|promo|sidebar|subscribe|menu)([-_ ]|$)/i;

/** The <article>, the <main>, or else the element holding the most paragraph text. */
export function mainContent(page: HastRoot): Element {
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

/**
 * Drop page furniture from the content: scripts, navigation and forms always; footers, asides and blocks named
 * share/cookie/related/… only when they hold no sentence of prose (one that does is kept, with a warning).
 */
export function removeFurniture(content: Element, removed: string[], warnings: string[]): void {
  for (const element of selectAll(neverArticle, content)) detach(content, element);
  const named = selectAll('[class], [id]', content).filter((element) => furnitureNames.test(namesOf(element)));
  for (const element of [...selectAll(usuallyFurniture, content), ...named]) {
    const text = toText(element).replace(/\s+/g, ' ').trim();
    const label = `<${element.tagName}> "${text.slice(0, 50)}"${namesOf(element) ? ` (${namesOf(element)})` : ''}`;
    if (holdsProse(element)) {
      warnings.push(
        `${lineOf(element)}kept ${label}: it looks like page furniture but holds sentences; delete it if it is not part of the article`,
      );
      continue;
    }
    if (!isAttached(content, element)) continue;
    removed.push(`${lineOf(element)}${label}`);
    detach(content, element);
  }
}

function namesOf(element: Element): string {
  const className = element.properties.className;
  const classes = Array.isArray(className) ? className.join(' ') : String(className ?? '');
  return `${classes} ${String(element.properties.id ?? '')}`.trim();
}

function lineOf(element: Element): string {
  return element.position ? `line ${element.position.start.line}: ` : '';
}

/** A paragraph (or the element's own text) that reads as a sentence, not a teaser or a list of links. */
function holdsProse(element: Element): boolean {
  const paragraphs = selectAll('p, li', element);
  const texts = paragraphs.length > 0 ? paragraphs.map((p) => toText(p)) : [toText(element)];
  return texts.some((text) => readsAsProse(text.replace(/\s+/g, ' ')) && !/^(read more|related)\b/i.test(text.trim()));
}

function isAttached(root: Element, target: Element): boolean {
  const visit = (node: Element): boolean =>
    node.children.some((child) => child === target || (child.type === 'element' && visit(child)));
  return visit(root);
}

export function detach(root: Element, target: Element): void {
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
