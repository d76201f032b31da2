import type { Article, Block, Inline } from '../content/types.js';
import { englishSyllables, spanishSyllables } from './syllables.js';
import type { ReadabilityReport, SentenceNote } from './types.js';

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
        if (!familiar.has(key)) longWords.set(key, (longWords.get(key) ?? 0) + 1);
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
    longestSentences: [...sentences]
      .map((sentence) => ({ ...sentence, words: wordsOf(sentence.text).length }))
      .sort((a, b) => b.words - a.words)
      .slice(0, 3),
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

export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{M}]+(?:['’][\p{L}]+)*/gu) ?? [];
}

/** Sentences with the line of their block. A list item or heading without a full stop is a sentence of its own. */
export function sentencesOf(article: Article): SentenceNote[] {
  const out: SentenceNote[] = [];
  const add = (text: string, line: number) => {
    for (const part of text.split(/(?<=[.!?…])\s+|(?<=[.!?…])$|\n/)) {
      const trimmed = part.trim();
      if (wordsOf(trimmed).length > 0) out.push({ text: trimmed, words: wordsOf(trimmed).length, line });
    }
  };
  add(article.title, 2);
  if (article.summary) add(article.summary, 2);
  const visit = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      if (block.type === 'heading' || block.type === 'paragraph') add(plain(block.inlines), block.line);
      else if (block.type === 'list') for (const item of block.items) visit(item.blocks);
      else if (block.type === 'quote' || block.type === 'callout') visit(block.blocks);
    }
  };
  visit(article.blocks);
  return out;
}

function plain(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.type === 'text' ? i.text : '\n')).join('');
}
