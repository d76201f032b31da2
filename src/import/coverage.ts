import type { Element, Root as HastRoot } from 'hast';
import { tagIn } from './hast-find.js';
import { leftoverOf } from './leftovers.js';
import type { ProseKept } from './types.js';

/** Parts of a page that are never its prose: code, hidden parts and the site's own furniture. */
const notProse = tagIn('script', 'style', 'noscript', 'template', 'svg', 'nav', 'header', 'footer', 'form', 'button');
/** Inline elements: their text belongs to the block around them. */
const inline = tagIn(
  ...'a abbr b bdi bdo big cite code data dfn em font i ins kbd label mark q s samp small span strong sub sup time u var wbr br img'.split(
    ' ',
  ),
);
/** A block of at least this many words (or CJK characters) is prose; shorter ones are labels and buttons. */
const proseWords = 8;

/** Words, and each Chinese or Japanese character on its own (those scripts put no spaces between words). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The words of the page's prose: every block of text of eight words or more outside scripts, navigation,
 * the site's header and footer and forms, leaving out fixed furniture phrases (cookie notices, "Share this").
 * Read before the content is chosen, so what the import leaves out is counted.
 */
export function pageProse(page: HastRoot): string[] {
  const words: string[] = [];
  const visit = (node: Element | HastRoot, block: string[]): void => {
    for (const child of node.children) {
      if (child.type === 'text') block.push(child.value);
      if (child.type !== 'element' || notProse(child)) continue;
      if (inline(child)) visit(child, block);
      else {
        const own: string[] = [];
        visit(child, own);
        add(own.join(' '));
      }
    }
  };
  const add = (text: string) => {
    const found = wordsOf(text);
    // One at a time: spreading a block of 100,000 words into push() overflows the stack.
    if (found.length >= proseWords && leftoverOf(text)?.kind !== 'furniture')
      for (const word of found) words.push(word);
  };
  const top: string[] = [];
  visit(page, top);
  add(top.join(' '));
  return words;
}

/** How much of the page's prose the article holds, word for word (each article word counted once). */
export function proseKept(pageWords: readonly string[], articleText: string): ProseKept {
  const available = new Map<string, number>();
  for (const word of wordsOf(articleText)) available.set(word, (available.get(word) ?? 0) + 1);
  let kept = 0;
  for (const word of pageWords) {
    const left = available.get(word) ?? 0;
    if (left > 0) {
      available.set(word, left - 1);
      kept++;
    }
  }
  return { page: pageWords.length, kept };
}
