import type { Article } from '../content/types.js';
import { easeFormulas, vowelGroups } from './formulas.js';
import { charactersOf, type Sentence, sentencesOf, wordsOf } from './sentences.js';
import { englishSyllables } from './syllables.js';
import type { ReadabilityReport, SentenceNote } from './types.js';

export type { FormulaId } from './formulas.js';
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

/** Languages measured in characters per sentence: written without spaces between words. */
const measuredInCharacters = new Set(['zh', 'ja', 'ko']);

/**
 * Measure an article's reading level (title, summary and body; headings included as sentences) by its
 * language's published formula: Flesch–Kincaid and SMOG for English, a reading-ease formula where one exists
 * (see formulas.ts), characters per sentence for Chinese, Japanese and Korean; no grade elsewhere.
 */
export function assessReadability(article: Article): ReadabilityReport {
  const base = article.lang.toLowerCase().split('-')[0] ?? '';
  const english = base === 'en';
  const formula = easeFormulas[base] ?? null;
  const count = english ? englishSyllables : (formula?.syllables ?? vowelGroups);
  const sentences = sentencesOf(article);
  const names = properNames(sentences, article.lang);
  let words = 0;
  let syllables = 0;
  let letters = 0;
  let characters = 0;
  let polysyllables = 0;
  const longWords = new Map<string, number>();
  const cjk = measuredInCharacters.has(base);
  for (const sentence of sentences) {
    characters += charactersOf(sentence.text);
    for (const word of wordsOf(sentence.text)) {
      const n = cjk ? 1 : count(word);
      words++;
      syllables += n;
      letters += [...word].filter((c) => /\p{L}/u.test(c)).length;
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
  const ease = formula ? round(formula.ease({ words: w, sentences: s, syllables, letters })) : null;
  return {
    file: article.file,
    lang: article.lang,
    words,
    sentences: sentences.length,
    syllables,
    wordsPerSentence: round(w / s),
    charactersPerSentence: cjk ? round(characters / s) : null,
    fleschKincaidGrade: fk,
    smogGrade: smog,
    fernandezHuerta: formula?.id === 'fernandez-huerta' ? ease : null,
    ease,
    grade: fk ?? (formula && ease !== null ? formula.grade(ease) : null),
    formula: english ? 'flesch-kincaid' : (formula?.id ?? null),
    longestSentences: longest(sentences, 3),
    longWords: [...longWords.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 15)
      .map(([word]) => word),
  };
}

/** The formula's name as reports print it, or null for a language without one. */
export function formulaName(formula: ReadabilityReport['formula']): string | null {
  if (formula === null) return null;
  if (formula === 'flesch-kincaid') return 'Flesch–Kincaid';
  return Object.values(easeFormulas).find((f) => f.id === formula)?.name ?? null;
}

/**
 * The score in words: "Flesch–Kincaid grade 6.2, SMOG 7.1", "Amstad 64.3 (about grade 8)", or null for an
 * article in a language no formula grades (the report says so once, for all of them).
 */
export function describeScore(report: ReadabilityReport): string | null {
  if (report.fleschKincaidGrade !== null)
    return `Flesch–Kincaid grade ${report.fleschKincaidGrade}${report.smogGrade !== null ? `, SMOG ${report.smogGrade}` : ''}`;
  const name = formulaName(report.formula);
  if (name === null || report.ease === null) return null;
  return `${name} ${report.ease} (about grade ${report.grade})`;
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
