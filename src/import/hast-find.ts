import type { Element, Root } from 'hast';

/**
 * Every element under `root` that passes `test`, in page order. Used instead of hast-util-select's selectAll,
 * which checks each match against all earlier ones (quadratic in the matches: 140,000 spans took seconds).
 */
export function findAll(root: Element | Root, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const visit = (node: Element | Root) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (test(child)) found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

/** A test for elements by tag name. */
export function tagIn(...names: string[]): (element: Element) => boolean {
  const set = new Set(names);
  return (element) => set.has(element.tagName);
}

/** The element's class names and id, as one string. */
export function namesOf(element: Element): string {
  const className = element.properties.className;
  const classes = Array.isArray(className) ? className.join(' ') : String(className ?? '');
  return `${classes} ${String(element.properties.id ?? '')}`.trim();
}
