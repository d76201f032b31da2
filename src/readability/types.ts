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
  /** Flesch–Kincaid grade (English). */
  readonly fleschKincaidGrade: number | null;
  /** SMOG grade (English, 30 sentences or more). */
  readonly smogGrade: number | null;
  /** Fernández-Huerta reading ease, 0–100 (Spanish). */
  readonly fernandezHuerta: number | null;
  /** The grade the gate compares: FK for English; for Spanish, the school grade Fernández-Huerta's scale gives. */
  readonly grade: number | null;
  /** Which formula gave the grade: Flesch–Kincaid (English), Fernández-Huerta (Spanish), or none yet. */
  readonly formula: 'flesch-kincaid' | 'fernandez-huerta' | null;
  readonly longestSentences: readonly SentenceNote[];
  /** Words of three or more syllables, most frequent first, names left out: candidates for a glossary or plainer words. */
  readonly longWords: readonly string[];
}
