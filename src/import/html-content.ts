import type { Element, Root as HastRoot } from 'hast';
import { findAll, namesOf, tagIn } from './hast-find.js';

/** Never the article's words: code, hidden parts, and the page's own furniture. */
const notProse = tagIn('script', 'style', 'noscript', 'template', 'svg', 'nav', 'header', 'footer', 'form', 'button');
/** The share of the prose in `<main>` (else `<body>`) the chosen content must hold: an intro above the cards counts. */
const wholeShare = 0.95;

/**
 * The element holding the article, whole. Within `<main>` (or `role=main`, else `<body>`): the `<article>`
 * elements' nearest common container when there are several (a page of cards, kept in order), the one
 * `<article>`, or else the block with the most paragraph text; then, while that holds less than 95% of the
 * prose around it, its parent. Furniture inside is removed afterwards.
 */
export function mainContent(page: HastRoot): Element {
  const parents = new Map<Element, Element>();
  const prose = new Map<Element, number>();
  measure(page, parents, prose);
  const body = findAll(page, tagIn('body'))[0] ?? { type: 'element', tagName: 'body', properties: {}, children: [] };
  const scope =
    findAll(body, (e) => e.tagName === 'main' || e.properties.role === 'main').find((e) => (prose.get(e) ?? 0) > 0) ??
    body;
  const articles = findAll(scope, tagIn('article')).filter((e) => (prose.get(e) ?? 0) > 0);
  let chosen = articles.length > 1 ? commonAncestor(articles, parents) : (articles[0] ?? densest(scope, prose));
  const total = prose.get(scope) ?? 0;
  while (chosen !== scope && (prose.get(chosen) ?? 0) < wholeShare * total) {
    const parent = parents.get(chosen);
    if (!parent) break;
    chosen = parent;
  }
  return chosen;
}

/** Characters of text under each element, leaving out what is never prose; and each element's parent. */
function measure(node: Element | HastRoot, parents: Map<Element, Element>, prose: Map<Element, number>): number {
  let length = 0;
  for (const child of node.children) {
    if (child.type === 'text') length += child.value.trim().length;
    if (child.type !== 'element') continue;
    if (node.type === 'element') parents.set(child, node);
    const inner = measure(child, parents, prose);
    const counted = notProse(child) || /(^|[-_ ])(cookie|share|social)/i.test(namesOf(child)) ? 0 : inner;
    prose.set(child, counted);
    length += counted;
  }
  return length;
}

/** The block whose own paragraphs hold the most text. */
function densest(scope: Element, prose: Map<Element, number>): Element {
  let best = scope;
  let bestLength = 0;
  for (const candidate of findAll(scope, tagIn('div', 'section', 'article', 'main', 'td'))) {
    const length = candidate.children.reduce(
      (n, child) => n + (child.type === 'element' && child.tagName === 'p' ? (prose.get(child) ?? 0) : 0),
      0,
    );
    if (length > bestLength) [best, bestLength] = [candidate, length];
  }
  return best;
}

function commonAncestor(elements: readonly Element[], parents: Map<Element, Element>): Element {
  const chain = (element: Element) => {
    const path: Element[] = [];
    for (let at: Element | undefined = element; at; at = parents.get(at)) path.unshift(at);
    return path;
  };
  let shared = chain(elements[0] as Element);
  for (const element of elements.slice(1)) {
    const path = chain(element);
    let i = 0;
    while (i < shared.length && shared[i] === path[i]) i++;
    shared = shared.slice(0, i);
  }
  return shared[shared.length - 1] as Element;
}
