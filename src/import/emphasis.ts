import type { Emphasis, Nodes, Parent, PhrasingContent, Strong } from 'mdast';

/** Punctuation, symbols or spaces at the edge of a text: what bold and italic may not start or end with. */
const leading = /^[\p{P}\p{S}\s]+/u;
const trailing = /[\p{P}\p{S}\s]+$/u;

/**
 * Punctuation at the edges of bold or italic moves just outside it (**「不能代替」** → 「**不能代替**」): written
 * inside, next to a letter, Markdown cannot open or close the emphasis there, and the writer would spell the
 * next character as a reference such as &#x5C08; instead of 專.
 */
export function tidyEmphasis(parent: Parent): void {
  parent.children = (parent.children as Nodes[]).flatMap((child): Nodes[] => {
    if ('children' in child) tidyEmphasis(child);
    if (child.type !== 'emphasis' && child.type !== 'strong') return [child];
    return movePunctuationOut(child);
  }) as Parent['children'];
}

function movePunctuationOut(node: Emphasis | Strong): PhrasingContent[] {
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  let before = '';
  let after = '';
  if (first?.type === 'text') {
    before = leading.exec(first.value)?.[0] ?? '';
    first.value = first.value.slice(before.length);
  }
  if (last?.type === 'text') {
    after = trailing.exec(last.value)?.[0] ?? '';
    last.value = last.value.slice(0, last.value.length - after.length);
  }
  node.children = node.children.filter((child) => child.type !== 'text' || child.value !== '');
  const text = (value: string): PhrasingContent[] => (value ? [{ type: 'text', value }] : []);
  return [...text(before), ...(node.children.length > 0 ? [node] : []), ...text(after)];
}
