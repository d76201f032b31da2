import type { Element, ElementContent } from 'hast';
import { limits } from '../shared/limits.js';

const containers = new Set(['ul', 'ol', 'dir', 'dl', 'blockquote']);
const items = new Set(['li', 'dt', 'dd']);

/**
 * Lists and quotes nested deeper than articles allow (`limits.nesting`) are opened up: their items become
 * plain blocks at the deepest level allowed, words kept, with a warning. Beyond that depth the build refuses
 * the article, and every level indents each line of the Markdown once more (a page of quotes a hundred deep
 * took minutes to write out).
 */
export function boundNesting(content: Element, warnings: string[]): void {
  let opened = 0;
  let firstLine: number | undefined;
  const place = (child: ElementContent, depth: number): ElementContent[] => {
    if (child.type !== 'element') return [child];
    const container = containers.has(child.tagName);
    if (container && depth >= limits.nesting) {
      opened++;
      firstLine ??= child.position?.start.line;
      return openUp(child).flatMap((block) => place(block, depth));
    }
    visit(child, container ? depth + 1 : depth);
    return [child];
  };
  const visit = (node: Element, depth: number) => {
    node.children = node.children.flatMap((child) => place(child, depth));
  };
  visit(content, 0);
  if (opened > 0)
    warnings.push(
      `${firstLine ? `line ${firstLine}: ` : ''}lists and quotes nested more than ${limits.nesting} deep (${opened} of them) are written as plain paragraphs at that depth: articles nest no deeper`,
    );
}

/** A list's items or a quote's blocks, as plain blocks. */
function openUp(container: Element): ElementContent[] {
  return container.children.map((child) =>
    child.type === 'element' && items.has(child.tagName) ? { ...child, tagName: 'div' } : child,
  );
}
