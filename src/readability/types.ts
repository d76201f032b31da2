import type { FormulaId } from './formulas.js';

export interface SentenceNote {
  readonly text: string;
  readonly words: number;
  /** Line in the article where the sentence starts (the title and summary: their front-matter lines). */
  readonly line: number;
}

/** How hard an article is to read, by the formulas patient-education guidance uses. */
export interface ReadabilityReport {
  readonly file: string;
  readonly lang: string;
  readonly words: number;
  readonly sentences: number;
  readonly syllables: number;
  readonly wordsPerSentence: number;
  /** Chinese, Japanese and Korean: letters and ideographs per sentence (their words are not spaced), else null. */
  readonly charactersPerSentence: number | null;
  /** Flesch–Kincaid grade (English). */
  readonly fleschKincaidGrade: number | null;
  /** SMOG grade (English, 30 sentences or more). */
  readonly smogGrade: number | null;
  /** Fernández-Huerta reading ease, 0–100 (Spanish); the same as `ease` there. */
  readonly fernandezHuerta: number | null;
  /** The reading ease of the language's formula (higher is easier), where it has one; null for English and the rest. */
  readonly ease: number | null;
  /** The grade the gate compares: FK for English; elsewhere the school grade the formula's own scale gives its ease. */
  readonly grade: number | null;
  /**
   * Which formula gave the grade: Flesch–Kincaid (en), Fernández-Huerta (es), Kandel–Moles (fr), Amstad (de),
   * Gulpease (it), Flesch–Douma (nl), Flesch as adapted by Martins et al. (pt); null where none is published.
   */
  readonly formula: FormulaId | null;
  readonly longestSentences: readonly SentenceNote[];
  /** Words of three or more syllables, most frequent first, names left out: candidates for a glossary or plainer words. */
  readonly longWords: readonly string[];
}
