import { bidi } from '../fonts/mirror.js';

/** Characters that can make a run right to left (Hebrew, Arabic and their presentation forms, other RTL blocks). */
const rightToLeftChars = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

const rightToLeftLetter =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
const leftToRightLetter =
  /(?![\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}])\p{L}/u;

/**
 * A paragraph's base direction: the document's, unless the paragraph's letters are all of the other
 * direction (an English label in an Arabic handout reads left to right, its full stop at its end). A
 * paragraph with letters of both keeps the document's, unlike UAX #9's first-letter rule (P2), which
 * would turn an Arabic sentence starting with a drug's Latin name around.
 */
export function baseDirection(text: string, rtl: boolean): 'ltr' | 'rtl' {
  if (rtl) return !rightToLeftLetter.test(text) && leftToRightLetter.test(text) ? 'ltr' : 'rtl';
  return rightToLeftLetter.test(text) && !leftToRightLetter.test(text) ? 'rtl' : 'ltr';
}

/**
 * The bidi embedding level of every UTF-16 unit of a paragraph (UAX #9, rules P–I), with the base direction
 * given (the document's, from its language or `dir`), or null when every unit is at level 0: a left-to-right
 * paragraph with no right-to-left character needs no reordering.
 */
export function paragraphLevels(
  text: string,
  rtl: boolean,
  leftToRight: readonly (readonly [number, number])[],
): Uint8Array | null {
  if (!rtl && !rightToLeftChars.test(text)) return null;
  // A phone number, web or e-mail address reads left to right as a whole: its units count as Latin letters
  // here, or "555-0142" after Arabic would show as "0142-555" (digits after Arabic letters are Arabic numbers, W2).
  let resolved = text;
  for (const [from, to] of [...leftToRight, ...numberRanges(text)])
    resolved = resolved.slice(0, from) + resolved.slice(from, to).replace(/\S/g, 'a') + resolved.slice(to);
  return bidi().getEmbeddingLevels(resolved, rtl ? 'rtl' : 'ltr').levels;
}

/** Phone numbers (seven digits or more, Western or Arabic-Indic, with their spaces, dots, dashes and brackets). */
const numberPattern =
  /\+?\(?[0-9\u0660-\u0669\u06F0-\u06F9][0-9\u0660-\u0669\u06F0-\u06F9 ().-]{5,}[0-9\u0660-\u0669\u06F0-\u06F9]/g;

function numberRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(numberPattern)) {
    if (match[0].replace(/[^0-9\u0660-\u0669\u06F0-\u06F9]/g, '').length >= 7)
      ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}

/** Pieces cut where the level changes, each with its level: every piece is then shaped in one direction. */
export function splitByLevel<T extends { readonly text: string }>(
  pieces: readonly T[],
  levels: Uint8Array,
): (T & { readonly level: number })[] {
  const out: (T & { level: number })[] = [];
  let at = 0;
  for (const piece of pieces) {
    let start = 0;
    for (let i = 1; i <= piece.text.length; i++) {
      if (i < piece.text.length && levels[at + i] === levels[at + start]) continue;
      // A surrogate pair shares one level (bidi-js gives both units the same), so a cut never splits one.
      out.push({ ...piece, text: piece.text.slice(start, i), level: levels[at + start] ?? 0 });
      start = i;
    }
    at += piece.text.length;
  }
  return out;
}

/**
 * The visual order of a line's runs, left to right, from their levels (UAX #9, rule L2): from the highest
 * level down to the lowest odd one, every stretch of runs at that level or higher is reversed.
 */
export function visualOrder(levels: readonly number[]): number[] {
  const order = levels.map((_, i) => i);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.map((l) => (l % 2 === 1 ? l : l + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length; ) {
      if ((levels[order[i] as number] as number) < level) {
        i++;
        continue;
      }
      let end = i;
      while (end < order.length && (levels[order[end] as number] as number) >= level) end++;
      order.splice(i, end - i, ...order.slice(i, end).reverse());
      i = end;
    }
  }
  return order;
}
