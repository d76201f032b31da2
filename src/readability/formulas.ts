import {
  dutchSyllables,
  englishSyllables,
  frenchSyllables,
  germanSyllables,
  portugueseSyllables,
  spanishSyllables,
} from './syllables.js';

/** What a formula reads from a text. */
export interface TextCounts {
  readonly words: number;
  readonly sentences: number;
  readonly syllables: number;
  /** Letters of the words (Gulpease counts these instead of syllables). */
  readonly letters: number;
}

export type FormulaId =
  | 'flesch-kincaid'
  | 'fernandez-huerta'
  | 'kandel-moles'
  | 'amstad'
  | 'gulpease'
  | 'flesch-douma'
  | 'flesch-martins';

/** A language's published reading-ease formula, and the school grade its own scale gives a score. */
interface EaseFormula {
  readonly id: FormulaId;
  /** Named as the report and the README name it. */
  readonly name: string;
  readonly syllables: (word: string) => number;
  readonly ease: (c: TextCounts) => number;
  readonly grade: (ease: number) => number;
}

const perWord = (c: TextCounts) => c.syllables / c.words;
const perSentence = (c: TextCounts) => c.words / c.sentences;

/** The first grade whose floor the score reaches; below every floor, the last grade. */
const scale =
  (steps: readonly (readonly [number, number])[], below: number) =>
  (ease: number): number =>
    steps.find(([floor]) => ease >= floor)?.[1] ?? below;

/**
 * Flesch's own scale (1948), which the German, French and Dutch adaptations were fitted to: 90+ is 5th grade,
 * 80 6th, 70 7th, 60 8th–9th, 50 10th–12th, 30 college; the lower grade of each band.
 */
const fleschScale = scale(
  [
    [90, 5],
    [80, 6],
    [70, 7],
    [60, 8],
    [50, 10],
    [30, 13],
  ],
  16,
);

/** The reading-ease formulas by language (the base subtag); English has its grade formulas instead. */
export const easeFormulas: Readonly<Record<string, EaseFormula>> = {
  // Fernández-Huerta (1959): 206.84 − 0.60 × syllables per 100 words − 1.02 × sentences per 100 words.
  es: {
    id: 'fernandez-huerta',
    name: 'Fernández-Huerta',
    syllables: spanishSyllables,
    ease: (c) => 206.84 - 0.6 * (100 * perWord(c)) - 1.02 * ((100 * c.sentences) / c.words),
    // Its own scale: 90+ 4th grade, 80 5th, 70 6th, 60 7th–8th, 50 some secondary, 30 pre-university.
    grade: scale(
      [
        [90, 4],
        [80, 5],
        [70, 6],
        [60, 8],
        [50, 10],
        [30, 13],
      ],
      16,
    ),
  },
  // Kandel & Moles (1958): 207 − 1.015 × words per sentence − 73.6 × syllables per word.
  fr: {
    id: 'kandel-moles',
    name: 'Kandel–Moles',
    syllables: frenchSyllables,
    ease: (c) => 207 - 1.015 * perSentence(c) - 73.6 * perWord(c),
    grade: fleschScale,
  },
  // Amstad (1978): 180 − words per sentence − 58.5 × syllables per word.
  de: {
    id: 'amstad',
    name: 'Amstad',
    syllables: germanSyllables,
    ease: (c) => 180 - perSentence(c) - 58.5 * perWord(c),
    grade: fleschScale,
  },
  // Flesch–Douma (1960): 206.84 − 0.93 × words per sentence − 77 × syllables per word.
  nl: {
    id: 'flesch-douma',
    name: 'Flesch–Douma',
    syllables: dutchSyllables,
    ease: (c) => 206.84 - 0.93 * perSentence(c) - 77 * perWord(c),
    grade: fleschScale,
  },
  // Martins et al. (1996), Flesch for Brazilian Portuguese: 248.835 − 1.015 × words per sentence − 84.6 × syllables per word.
  pt: {
    id: 'flesch-martins',
    name: 'Flesch (Martins et al., Portuguese)',
    syllables: portugueseSyllables,
    ease: (c) => 248.835 - 1.015 * perSentence(c) - 84.6 * perWord(c),
    // Its own bands: 75–100 very easy (1st–4th grade), 50–75 easy (5th–8th), 25–50 hard (secondary), below 25 university.
    grade: scale(
      [
        [75, 4],
        [50, 8],
        [25, 11],
      ],
      16,
    ),
  },
  // Gulpease (Lucisano & Piemontese, 1988): 89 + (300 × sentences − 10 × letters) / words; letters, not syllables.
  it: {
    id: 'gulpease',
    name: 'Gulpease',
    syllables: vowelGroups,
    ease: (c) => 89 + (300 * c.sentences - 10 * c.letters) / c.words,
    // Easy to read at 80+ with primary school, 60+ with middle school, 40+ with secondary school.
    grade: scale(
      [
        [80, 5],
        [60, 8],
        [40, 13],
      ],
      16,
    ),
  },
};

/** Syllables as vowel groups: for long words in languages without a counter of their own. */
export function vowelGroups(word: string): number {
  return Math.max(1, (word.toLowerCase().match(/[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœаеёиоуыэюяіїєąęó]+/g) ?? []).length);
}

export const englishCount = englishSyllables;
