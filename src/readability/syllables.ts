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

/**
 * Syllables as units of a word's vowels: the longest written unit that is one sound (a diphthong, a long
 * vowel written twice) counts once, every other vowel once more. `units` lists them longest first.
 */
function countUnits(word: string, vowels: RegExp, units: readonly string[]): number {
  let count = 0;
  for (const group of word.match(vowels) ?? []) {
    let rest = group;
    while (rest.length > 0) {
      const unit = units.find((u) => rest.startsWith(u)) ?? (rest[0] as string);
      rest = rest.slice(unit.length);
      count++;
    }
  }
  return count;
}

const germanUnits = ['äu', 'au', 'eu', 'ei', 'ai', 'ey', 'ay', 'ie', 'aa', 'ee', 'oo'];

/** German syllables: each vowel group, diphthongs (au, ei, eu, äu) and long vowels (ie, aa) counting once. */
export function germanSyllables(word: string): number {
  const w = word.toLowerCase().replace(/qu/g, 'q');
  return Math.max(1, countUnits(w, /[aeiouyäöü]+/g, germanUnits));
}

const dutchUnits = [
  'eeu',
  'ieu',
  'oei',
  'ooi',
  'aai',
  'aa',
  'ee',
  'oo',
  'uu',
  'ie',
  'oe',
  'eu',
  'ui',
  'ij',
  'ei',
  'ou',
  'au',
];

/** Dutch syllables: ij, oe, ui, eeuw's eeu and the other vowel digraphs count once; ë and ï begin a new one. */
export function dutchSyllables(word: string): number {
  const w = word
    .toLowerCase()
    .replace(/ij/g, 'ĳ')
    // A diaeresis starts a new syllable: ge|eerd, ko|ieen.
    .replace(/ë/g, '|e')
    .replace(/ï/g, '|i');
  const units = dutchUnits.map((u) => u.replace('ij', 'ĳ'));
  return Math.max(1, countUnits(w, /[aeiouyĳéèêöüáó]+/g, units));
}

const frenchUnits = ['eau', 'oeu', 'œu', 'ou', 'oi', 'ai', 'ei', 'au', 'eu', 'ui', 'ie', 'io', 'ue', 'ay', 'oy', 'uy'];

/**
 * French syllables as spoken (not as sung): eau, ou, oi, ai, and i before e or o (pa-tient, na-tion) count
 * once; é before another vowel is a syllable of its own (ré-ac-tion); a final mute e (-e, -es after a
 * consonant, in a word of more than one vowel group) is not counted. A final -ent is counted: it is sounded in
 * the nouns and adverbs of patient texts (traitement, souvent), silent only in verbs (ils parlent).
 */
export function frenchSyllables(word: string): number {
  let w = word
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/qu|gu(?=[eiéèêy])/g, 'q');
  const groups = (w.match(/[aeiouyàâäéèêëîïôöùûüœ]+/g) ?? []).length;
  if (groups > 1) w = w.replace(/([^aeiouyàâäéèêëîïôöùûüœ])es?$/, '$1');
  return Math.max(1, countUnits(w, /[aeiouyàâäéèêëîïôöùûüœ]+/g, frenchUnits));
}

const portugueseUnits = ['ãe', 'ão', 'õe', 'ãi', 'ai', 'ei', 'oi', 'ui', 'au', 'eu', 'iu', 'ou', 'éi', 'éu', 'ói'];

/**
 * Portuguese syllables: each vowel, with the falling diphthongs (ai, ei, oi, ui, au, eu, ou) and the nasal
 * ones (ão, ãe, õe) counting once; qu, and gu before a vowel (á-gua), are consonants. Two other vowels side by side
 * (di-a, sa-ú-de) are two syllables.
 */
export function portugueseSyllables(word: string): number {
  const w = word.toLowerCase().replace(/qu|gu(?=[eiéêíaoáó])/g, 'q');
  return Math.max(1, countUnits(w, /[aeiouáéíóúâêôãõàü]+/g, portugueseUnits));
}
