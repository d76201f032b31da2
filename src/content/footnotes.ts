import type { Problem } from '../errors.js';
import type { Block, Footnote } from './types.js';

/** Footnotes met while converting an article: numbers given at the first reference, definitions as found. */
export interface FootnoteState {
  readonly numbers: Map<string, number>;
  readonly definitions: {
    readonly identifier: string;
    readonly label: string;
    readonly blocks: readonly Block[];
    readonly line: number;
    readonly column: number | undefined;
  }[];
}

export function footnoteState(): FootnoteState {
  return { numbers: new Map(), definitions: [] };
}

/** The number of the note a reference points to: notes are numbered in the order the text first refers to them. */
export function footnoteNumber(state: FootnoteState, identifier: string): number {
  let number = state.numbers.get(identifier);
  if (number === undefined) {
    number = state.numbers.size + 1;
    state.numbers.set(identifier, number);
  }
  return number;
}

/** The article's notes in number order; a note defined twice or never referred to is an error, never dropped quietly. */
export function numberedNotes(state: FootnoteState, file: string, problems: Problem[]): Footnote[] {
  const notes: Footnote[] = [];
  const seen = new Map<string, number>();
  for (const definition of state.definitions) {
    const where = { file, line: definition.line, column: definition.column };
    const first = seen.get(definition.identifier);
    if (first !== undefined) {
      problems.push({
        severity: 'error',
        code: 'footnote-duplicate',
        message: `footnote [^${definition.label}] is defined twice (lines ${first} and ${definition.line})`,
        ...where,
        hint: 'Give each note its own label, e.g. [^2], and refer to it where it belongs.',
      });
      continue;
    }
    seen.set(definition.identifier, definition.line);
    const number = state.numbers.get(definition.identifier);
    if (number === undefined) {
      problems.push({
        severity: 'error',
        code: 'footnote-unused',
        message: `footnote [^${definition.label}] is never referred to in the text`,
        ...where,
        hint: `Put [^${definition.label}] after the words the note explains, or delete the note.`,
      });
      continue;
    }
    notes.push({
      number,
      identifier: definition.identifier,
      label: definition.label,
      blocks: definition.blocks,
      line: definition.line,
    });
  }
  return notes.sort((a, b) => a.number - b.number);
}

/**
 * `[^x]` with no `[^x]: …` anywhere stays literal text in Markdown, and would be printed as typed: an error
 * at its place. `start` is where the text node begins.
 */
export function undefinedReferences(text: string, start: { line: number; column: number }, file: string): Problem[] {
  const problems: Problem[] = [];
  for (const match of text.matchAll(/\[\^([^\]\s]+)\]/g)) {
    const before = text.slice(0, match.index);
    const lineBreaks = before.split('\n').length - 1;
    const column =
      lineBreaks === 0 ? start.column + [...before].length : [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    problems.push({
      severity: 'error',
      code: 'footnote-missing',
      message: `footnote [^${match[1]}] has no note: it would be printed as typed`,
      file,
      line: start.line + lineBreaks,
      column,
      hint: `Add the note on a line of its own, e.g. at the end: [^${match[1]}]: The text of the note.`,
    });
  }
  return problems;
}
