import type { Element, ElementContent, Text } from 'hast';
import { defaultHandlers } from 'hast-util-to-mdast';

/** What hast-util-to-mdast does with an element: nothing (it writes its children) or leave it out. */
const passThrough = defaultHandlers.span;
const ignored = defaultHandlers.meta;
/** Elements that mean nothing without words in them: an icon (<i class="fa …">) is an empty <i>. */
const emptyWithoutWords = new Set([
  ...['i', 'em', 'b', 'strong', 'a', 'code', 'kbd', 'samp', 'tt', 'var', 's', 'strike', 'del', 'u'],
  ...['p', 'li', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figcaption'],
]);
/** Table sections pass their rows through, but the table converter reads <thead> to find the header row. */
const tableSections = new Set(['thead', 'tbody', 'tfoot']);

/**
 * Wrappers that carry no meaning for Markdown (<span>, <font>, unknown tags) are unwrapped, comments and
 * ignored elements dropped, elements without words (icons, empty paragraphs and list items) left out, <q>
 * written as its quotes, and neighbouring text joined — all in one pass, so the
 * Markdown converter never meets thousands of text siblings (it joins them pairwise, in quadratic time).
 */
export function simplifyInline(element: Element): void {
  element.children = flatten(element.children);
}

function flatten(children: readonly ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  const push = (node: ElementContent) => {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') out[out.length - 1] = joined(last, node);
    else out.push(node);
  };
  const visit = (nodes: readonly ElementContent[]) => {
    for (const node of nodes) {
      if (node.type === 'comment') continue;
      if (node.type !== 'element') {
        push(node);
        continue;
      }
      const handler = Object.hasOwn(defaultHandlers, node.tagName)
        ? defaultHandlers[node.tagName as keyof typeof defaultHandlers]
        : passThrough;
      if (handler === ignored || node.tagName === 'wbr') continue;
      if (node.tagName === 'q') {
        push({ type: 'text', value: '"' });
        visit(node.children);
        push({ type: 'text', value: '"' });
      } else if (handler === passThrough && !tableSections.has(node.tagName)) visit(node.children);
      else {
        node.children = flatten(node.children);
        if (!emptyWithoutWords.has(node.tagName) || !blank(node.children)) push(node);
        // An empty <b> </b> between two words still parts them.
        else if (node.children.length > 0) push({ type: 'text', value: ' ' });
      }
    }
  };
  visit(children);
  return out;
}

function blank(children: readonly ElementContent[]): boolean {
  // Wix keeps empty paragraphs open with a zero-width space.
  return children.every((child) => child.type === 'text' && !/[^\s\u200b-\u200d\u2060\ufeff]/.test(child.value));
}

function joined(first: Text, second: Text): Text {
  const end = second.position?.end;
  return {
    type: 'text',
    value: first.value + second.value,
    ...(first.position && end ? { position: { start: first.position.start, end } } : {}),
  };
}
