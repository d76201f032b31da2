import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const softHyphen = '\u00AD';

type Hyphenate = (text: string, options?: { minWordLength?: number }) => string;

/** The `hyphen` package's pattern sets for living languages, by the folder they sit in. */
const patternFolders = new Set(
  (
    'af as be bg bn ca cs cy da de de-ch-1901 el-monoton en-gb en-us es et eu fi fr fur ga gl gu hi hr hsb hu hy ' +
    'ia id is it ka kmr kn lt lv mk ml mn-cyrl mr nb nl nn oc or pa pl pms pt rm ro ru sh-latn sk sl sq sr-cyrl ' +
    'sv ta te tk tr uk'
  ).split(' '),
);
/** Tags whose patterns sit under another name: the unmarked variety of a language, or its other script. */
const folderAliases: Record<string, string> = {
  en: 'en-us',
  el: 'el-monoton',
  mn: 'mn-cyrl',
  sr: 'sr-cyrl',
  'sr-latn': 'sh-latn',
  no: 'nb',
};
const hyphenators = new Map<string, Hyphenate | null>();
const points = new Map<string, readonly number[]>();

/**
 * The pattern folder for a language tag, the most specific that exists: en-GB → en-gb, de-AT → de,
 * sr-Latn-RS → sh-latn; null where the package has none (Chinese, Japanese, Korean, Vietnamese, Thai: scripts
 * or languages that break lines without a hyphen).
 */
export function patternFolderFor(lang: string): string | null {
  let tag: string;
  try {
    tag = (Intl.getCanonicalLocales(lang)[0] ?? lang).toLowerCase();
  } catch {
    tag = lang.toLowerCase();
  }
  const parts = tag.split('-');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('-');
    const folder = folderAliases[candidate] ?? candidate;
    if (patternFolders.has(folder)) return folder;
  }
  return null;
}

function hyphenatorFor(lang: string): Hyphenate | null {
  const folder = patternFolderFor(lang);
  if (folder === null) return null;
  if (!hyphenators.has(folder))
    hyphenators.set(folder, (require(`hyphen/${folder}`) as { hyphenateSync: Hyphenate }).hyphenateSync);
  return hyphenators.get(folder) ?? null;
}

/**
 * Where a word may break, as offsets into `word`: after each soft hyphen written in the content and,
 * when `usePatterns`, at the hyphenation points of the word's own language. At least two letters stay
 * on each side.
 */
export function breakPoints(word: string, lang: string, usePatterns: boolean): readonly number[] {
  const key = `${usePatterns ? lang : ''}\0${word}`;
  const cached = points.get(key);
  if (cached) return cached;
  const found = new Set<number>();
  for (let i = 0; i < word.length; i++) if (word[i] === softHyphen) found.add(i + 1);
  // A word the author marked with soft hyphens breaks only there (as in TeX): a medicine's name kept whole, say.
  const hyphenate = usePatterns && found.size === 0 ? hyphenatorFor(lang) : null;
  const letters = word.replaceAll(softHyphen, '');
  // Only the word itself counts: "treated." must not break as "treat-ed.".
  const core = letters.replace(/[\s.,;:!?)"”’»]+$/u, '');
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
