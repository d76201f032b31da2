/** Words the vowel-group rule miscounts. A Map: a word such as "constructor" must not find Object's function. */
const exceptions = new Map<string, number>([
  ['people', 2],
  ['every', 2],
  ['business', 2],
  ['different', 3],
  ['area', 3],
  ['idea', 3],
  ['being', 2],
  ['doing', 2],
  ['going', 2],
  ['quiet', 2],
  ['science', 2],
  ['create', 2],
  ['created', 3],
  ['ideas', 3],
  ['areas', 3],
  ['toward', 2],
  ['doesnt', 2],
]);

/** English syllables by vowel groups, with the usual corrections (silent final e, -le, -ed, y as a vowel). */
export function englishSyllables(word: string): number {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return 0;
  if (w.length <= 3) return 1;
  const known = exceptions.get(w);
  if (known !== undefined) return known;
  // Silent endings: "-es"/"-ed" after most consonants, and a final "e" (but not "-le" after a consonant).
  w = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, (m) => m.slice(0, 1)).replace(/^y/, '');
  const groups = w.match(/[aeiouy]{1,2}/g);
  // "ia"/"io" are two syllables (Austral-i-an, radi-o) except in -cia, -tia, -sia, -gio (special, initial).
  const hiatus = (w.match(/[^cgst]i[ao]/g) ?? []).length;
  return Math.max(1, (groups ? groups.length : 1) + hiatus);
}

const strong = new Set('aeoáéó');
const accentedWeak = new Set('íú');

/**
 * Spanish syllables: one per vowel nucleus; two strong vowels side by side (or a strong vowel beside
 * an accented í or ú) are a hiatus and count twice.
 */
export function spanishSyllables(word: string): number {
  const w = word
    .toLowerCase()
    .replace(/[^a-záéíóúüñ]/g, '')
    .replace(/qu|gu(?=[eéií])/g, 'q');
  if (!w) return 0;
  let count = 0;
  for (const group of w.match(/[aeiouáéíóúü]+/g) ?? []) {
    count++;
    for (let i = 1; i < group.length; i++) {
      const [a, b] = [group[i - 1] as string, group[i] as string];
      if (
        (strong.has(a) && strong.has(b)) ||
        (strong.has(a) && accentedWeak.has(b)) ||
        (accentedWeak.has(a) && strong.has(b))
      )
        count++;
    }
  }
  return Math.max(1, count);
}
