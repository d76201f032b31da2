import type { Article } from '../content/types.js';
import { type Sentence, sentencesOf, wordsOf } from './sentences.js';
import { englishSyllables, spanishSyllables } from './syllables.js';
import type { ReadabilityReport, SentenceNote } from './types.js';

export { sentencesOf, wordsOf } from './sentences.js';
export type { ReadabilityReport, SentenceNote } from './types.js';

/** Common words of three syllables or more that need no explaining. */
const familiar = new Set(
  [
    'everyone everything everybody anything anyone another already usually especially different important family',
    'together however several remember exercises exercise yesterday tomorrow beautiful medicine medicines',
    'possible whatever whenever interest general',
    'durante personas minutos también después semana semanas persona pregunta preguntas ejercicios',
  ]
    .join(' ')
    .split(' '),
);

/** Measure an article's reading level (title, summary and body; headings included as sentences). */
export function assessReadability(article: Article): ReadabilityReport {
  const spanish = article.lang.toLowerCase().startsWith('es');
  const english = article.lang.toLowerCase().startsWith('en');
  const count = spanish ? spanishSyllables : englishSyllables;
  const sentences = sentencesOf(article);
  const names = properNames(sentences, article.lang);
  let words = 0;
  let syllables = 0;
  let polysyllables = 0;
  const longWords = new Map<string, number>();
  for (const sentence of sentences) {
    for (const word of wordsOf(sentence.text)) {
      const n = count(word);
      words++;
      syllables += n;
      if (n >= 3) {
        polysyllables++;
        const key = word.toLowerCase();
        if (!familiar.has(key) && !names.has(key)) longWords.set(key, (longWords.get(key) ?? 0) + 1);
      }
    }
  }
  const s = Math.max(1, sentences.length);
  const w = Math.max(1, words);
  const round = (value: number) => Math.round(value * 10) / 10;
  const fk = english ? round(0.39 * (w / s) + 11.8 * (syllables / w) - 15.59) : null;
  const smog = english && sentences.length >= 30 ? round(1.043 * Math.sqrt(polysyllables * (30 / s)) + 3.1291) : null;
  const fh = spanish ? round(206.84 - 0.6 * ((syllables / w) * 100) - 1.02 * ((s / w) * 100)) : null;
  return {
    file: article.file,
    lang: article.lang,
    words,
    sentences: sentences.length,
    syllables,
    wordsPerSentence: round(w / s),
    fleschKincaidGrade: fk,
    smogGrade: smog,
    fernandezHuerta: fh,
    grade: fk ?? (fh === null ? null : gradeOfEase(fh)),
    formula: fk !== null ? 'flesch-kincaid' : fh !== null ? 'fernandez-huerta' : null,
    longestSentences: longest(sentences, 3),
    longWords: [...longWords.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 15)
      .map(([word]) => word),
  };
}

/** Fernández-Huerta's published scale, as the school grade it names (90+ is 4th grade … under 30 is university). */
function gradeOfEase(ease: number): number {
  const scale: [number, number][] = [
    [90, 4],
    [80, 5],
    [70, 6],
    [60, 8],
    [50, 10],
    [30, 13],
  ];
  return scale.find(([floor]) => ease >= floor)?.[1] ?? 16;
}

/** The longest sentences, each once (a sentence repeated, say in the summary and the body, at its first line). */
function longest(sentences: readonly Sentence[], count: number): SentenceNote[] {
  const seen = new Set<string>();
  const unique: SentenceNote[] = [];
  for (const { text, words, line } of sentences) {
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push({ text, words, line });
  }
  return unique.sort((a, b) => b.words - a.words || a.line - b.line).slice(0, count);
}

/**
 * Words written with a capital wherever they appear, and at least once inside a sentence of running text (not
 * its first word, not a heading): names of people, places and brands, which no plainer word replaces. German
 * capitalises every noun, so there a capital says nothing and no word is taken for a name.
 */
function properNames(sentences: readonly Sentence[], lang: string): Set<string> {
  if (lang.toLowerCase().startsWith('de')) return new Set();
  const lowerSeen = new Set<string>();
  const capitalInside = new Set<string>();
  for (const sentence of sentences) {
    wordsOf(sentence.text).forEach((word, index) => {
      const key = word.toLowerCase();
      if (word === key) lowerSeen.add(key);
      else if (index > 0 && !sentence.heading) capitalInside.add(key);
    });
  }
  return new Set([...capitalInside].filter((key) => !lowerSeen.has(key)));
}
