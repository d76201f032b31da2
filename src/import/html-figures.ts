import type { Element } from 'hast';
import { select } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { findAll, namesOf, tagIn } from './hast-find.js';
import { detach } from './html-furniture.js';

/**
 * A figure's caption travels with its image (as the image's title, which articles print as the caption), so
 * it is never left behind as a stray line when the image is dropped, nor lost when the image is kept.
 */
export function joinCaptions(content: Element): void {
  for (const figure of findAll(content, (e) => e.tagName === 'figure' || /(^| )wp-caption( |$)/.test(namesOf(e)))) {
    const image = select('img', figure);
    const caption = select('figcaption, .wp-caption-text', figure);
    if (!image || !caption) continue;
    const text = toText(caption).replace(/\s+/g, ' ').trim();
    if (text) image.properties.title = text;
    detach(figure, caption);
  }
}

const superscripts: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '+': '⁺',
  '-': '⁻',
  '−': '⁻',
  '=': '⁼',
  '(': '⁽',
  ')': '⁾',
};
const subscripts: Record<string, string> = {
  '0': '₀',
  '1': '₁',
  '2': '₂',
  '3': '₃',
  '4': '₄',
  '5': '₅',
  '6': '₆',
  '7': '₇',
  '8': '₈',
  '9': '₉',
  '+': '₊',
  '-': '₋',
  '−': '₋',
  '=': '₌',
  '(': '₍',
  ')': '₎',
};

/**
 * Articles have no superscript or subscript: digits and signs become their Unicode forms (10³, CO₂) so the
 * meaning survives; anything else stays plain text, with a warning (10<sup>th</sup> reads as "10th").
 */
export function flattenScripts(content: Element, warnings: string[]): void {
  for (const element of findAll(content, tagIn('sup', 'sub'))) {
    const table = element.tagName === 'sup' ? superscripts : subscripts;
    const text = toText(element);
    const mapped = [...text].every((char) => table[char] !== undefined);
    if (!mapped && text.trim())
      warnings.push(
        `<${element.tagName}>${text}</${element.tagName}> is written as plain "${text}": check that it still reads right`,
      );
    element.tagName = 'span';
    element.children = [{ type: 'text', value: mapped ? [...text].map((char) => table[char]).join('') : text }];
  }
}
