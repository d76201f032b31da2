import type { Element, RootContent as HastContent, Root as HastRoot } from 'hast';
import { toText } from 'hast-util-to-text';
import { findAll, namesOf, tagIn } from './hast-find.js';
import { readsAsProse } from './leftovers.js';

/** Elements that never hold the article's words. */
const neverArticle = tagIn(
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'form',
  'iframe',
  'button',
  'svg',
  'canvas',
  'input',
  'select',
  'textarea',
);
/** Usually page furniture, but an article sometimes sets a note or a tip in them: kept when they hold prose. */
const usuallyFurniture = tagIn('footer', 'aside');
const furnitureNames =
  /(^|[-_ ])(share|social|cookie|newsletter|related|comments?|breadcrumbs?|advert|ads|promo|sidebar|subscribe|menu)([-_ ]|$)/i;

/**
 * Drop page furniture from the content: scripts, navigation and forms always; footers, asides and blocks named
 * share/cookie/related/… only when they hold no sentence of prose (one that does is kept, with a warning).
 * One walk in page order, each parent's children filtered once, so the work stays in proportion to the page.
 */
export function removeFurniture(content: Element, removed: string[], warnings: string[]): void {
  const keep = (element: Element): boolean => {
    if (neverArticle(element)) return false;
    if (!usuallyFurniture(element) && !furnitureNames.test(namesOf(element))) return true;
    const text = toText(element).replace(/\s+/g, ' ').trim();
    const label = `<${element.tagName}> "${text.slice(0, 50)}"${namesOf(element) ? ` (${namesOf(element)})` : ''}`;
    if (holdsProse(element)) {
      warnings.push(
        `${lineOf(element)}kept ${label}: it looks like page furniture but holds sentences; delete it if it is not part of the article`,
      );
      return true;
    }
    removed.push(`${lineOf(element)}${label}`);
    return false;
  };
  const visit = (node: Element) => {
    node.children = node.children.filter((child) => {
      if (child.type !== 'element') return true;
      if (!keep(child)) return false;
      visit(child);
      return true;
    });
  };
  visit(content);
}

function lineOf(element: Element): string {
  return element.position ? `line ${element.position.start.line}: ` : '';
}

/** A paragraph (or the element's own text) that reads as a sentence, not a teaser or a list of links. */
function holdsProse(element: Element): boolean {
  const paragraphs = findAll(element, tagIn('p', 'li'));
  const texts = paragraphs.length > 0 ? paragraphs.map((p) => toText(p)) : [toText(element)];
  return texts.some((text) => readsAsProse(text.replace(/\s+/g, ' ')) && !/^(read more|related)\b/i.test(text.trim()));
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
