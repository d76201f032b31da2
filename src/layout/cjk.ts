import type { ShapedGlyph } from '../fonts/index.js';

/**
 * Characters set on the em square without spaces between words: Han, kana, Hangul, Bopomofo, CJK
 * punctuation (、。「」…), the prolonged sound mark and full-width forms.
 */
const squarePattern =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3001-\u303f\u30fb\u30fc\uff01-\uff60\uffe0-\uffe6]/u;

export const hasCjk = (text: string): boolean => squarePattern.test(text);

const hangul = /\p{Script=Hangul}/u;
const wordCharacter = /[\p{L}\p{N}]/u;

/**
 * Korean is broken between words, at its spaces, as Korean typesetting usually does (CSS `word-break:
 * keep-all`), not between any two syllables as UAX #14 allows: whether `position` in `text` falls between
 * Hangul and a letter or digit. A word longer than a line is still cut (see cutWord).
 */
export function insideKoreanWord(text: string, position: number): boolean {
  if (position === 0 || position >= text.length) return false;
  const [before, after] = [text[position - 1] as string, text[position] as string];
  // Letters and digits next to Hangul belong to the same word ("15분씩").
  return (hangul.test(before) && wordCharacter.test(after)) || (wordCharacter.test(before) && hangul.test(after));
}

/** Whether a line may break next to this text's character (Chinese and Japanese between any two; Korean at spaces). */
export const breaksBeside = (char: string): boolean => hasCjk(char) && !hangul.test(char);

/** Languages written in Chinese characters, kana or Hangul. */
const cjkLanguages = new Set(['zh', 'ja', 'ko', 'yue', 'cmn']);

export const isCjkLanguage = (lang: string): boolean => cjkLanguages.has(lang.toLowerCase().split('-')[0] ?? '');

/**
 * Line spacing for the language: CJK characters fill the em square where Latin lowercase fills about half,
 * so the same leading looks cramped; JLREQ (W3C) asks for a line gap of half to a whole character, and
 * 1.15 times a Latin body's 1.4 to 1.5 gives 1.6 to 1.7.
 */
export function leadingFor(leading: number, lang: string): number {
  return isCjkLanguage(lang) ? leading * 1.15 : leading;
}

/**
 * How far the space between two CJK characters may stretch in a justified line, in ems per unit of the
 * style's max-stretch: a tenth of an em lets a line take up almost two missing characters.
 */
export const cjkGapStretch = 0.1;

/** The inter-character gaps in a word (one after each character but its last), for the line breaker's stretch. */
export function cjkGapsInWord(text: string): number {
  let gaps = 0;
  let previous = '';
  for (const char of text) {
    if (previous && !/\s/.test(char) && (hasCjk(previous) || hasCjk(char))) gaps++;
    previous = char;
  }
  return gaps;
}

/**
 * The glyphs of a line after which a justified line adds inter-character space: the end of each cluster
 * that has CJK text on either side of it, never next to a word space (that stretches by itself) and never
 * after the line's last glyph.
 */
export function cjkGapsAfter(glyphs: readonly ShapedGlyph[]): ReadonlySet<number> {
  const gaps = new Set<number>();
  // Most lines have no CJK at all: one scan of the line's text settles that.
  if (!hasCjk(glyphs.map((glyph) => glyph.text).join(''))) return gaps;
  let clusterText = '';
  for (let i = 0; i < glyphs.length - 1; i++) {
    const glyph = glyphs[i] as ShapedGlyph;
    if (glyph.text !== '') clusterText = glyph.text;
    const next = (glyphs[i + 1] as ShapedGlyph).text;
    // The next glyph continues this cluster (a mark): the gap comes after it.
    if (next === '') continue;
    if (clusterText.trim() === '' || next.trim() === '') continue;
    if (hasCjk(clusterText) || hasCjk(next)) gaps.add(i);
  }
  return gaps;
}
