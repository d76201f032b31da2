import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const softHyphen = '\u00AD';

type Hyphenate = (text: string, options?: { minWordLength?: number }) => string;

/** Pattern sets of the `hyphen` package by base language; languages without patterns are not hyphenated. */
const patternFolders: Record<string, string> = {
  en: 'en-us',
  es: 'es',
  fr: 'fr',
  de: 'de',
  it: 'it',
  pt: 'pt',
  nl: 'nl',
};
const hyphenators = new Map<string, Hyphenate | null>();
const points = new Map<string, readonly number[]>();

function hyphenatorFor(lang: string): Hyphenate | null {
  const base = lang.toLowerCase().split('-')[0] ?? 'en';
  if (!hyphenators.has(base)) {
    const folder = patternFolders[base];
    hyphenators.set(base, folder ? (require(`hyphen/${folder}`) as { hyphenateSync: Hyphenate }).hyphenateSync : null);
  }
  return hyphenators.get(base) ?? null;
}

/**
 * Where a word may break, as offsets into `word`: after each soft hyphen written in the content and,
 * when `usePatterns`, at the language's hyphenation points. At least two letters stay on each side.
 */
export function breakPoints(word: string, lang: string, usePatterns: boolean): readonly number[] {
  const key = `${usePatterns ? lang : ''}\0${word}`;
  const cached = points.get(key);
  if (cached) return cached;
  const found = new Set<number>();
  for (let i = 0; i < word.length; i++) if (word[i] === softHyphen) found.add(i + 1);
  const hyphenate = usePatterns ? hyphenatorFor(lang) : null;
  const letters = word.replaceAll(softHyphen, '');
  // Only the word itself counts: "treated." must not break as "treat-ed.".
  const core = letters.replace(/[\s.,;:!?)"”’]+$/u, '');
  if (hyphenate && /^[\p{L}\p{M}'’]+$/u.test(core)) {
    const marked = hyphenate(core, { minWordLength: 6 });
    // Map positions in the plain word back to the word as written (which may hold soft hyphens).
    let plain = 0;
    const originalIndex: number[] = [];
    for (let i = 0; i < word.length; i++) if (word[i] !== softHyphen) originalIndex[plain++] = i;
    let position = 0;
    for (const char of marked) {
      if (char === softHyphen) {
        if (position >= 2 && core.length - position >= 3) found.add(originalIndex[position] as number);
      } else position++;
    }
  }
  const result = [...found].sort((a, b) => a - b);
  points.set(key, result);
  return result;
}

export const stripSoftHyphens = (text: string): string =>
  text.includes(softHyphen) ? text.replaceAll(softHyphen, '') : text;
