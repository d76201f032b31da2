import type { Article, Block, Inline } from '../content/types.js';
import type { SentenceNote } from './types.js';

/** A sentence with where it starts, and whether it came from a heading or the title (written in title case). */
export interface Sentence extends SentenceNote {
  readonly heading: boolean;
}

/** Text with the line of each character, so a sentence knows the line it starts on. */
interface LinedText {
  readonly text: string;
  readonly lines: readonly number[];
}

/** A hard line break ends a sentence; a line end in the source is only a space. */
const hardBreak = '\u2029';

const ideographic = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Words: runs of letters; Chinese and Japanese, written without spaces, by ICU's dictionary segmentation. */
export function wordsOf(text: string): string[] {
  if (!ideographic.test(text)) return text.match(/[\p{L}\p{M}]+(?:['’][\p{L}]+)*/gu) ?? [];
  return [...wordSegmenter.segment(text)].filter((s) => s.isWordLike && /\p{L}/u.test(s.segment)).map((s) => s.segment);
}

/** Letters and ideographs (not punctuation, digits or spaces): what a CJK text is measured in. */
export function charactersOf(text: string): number {
  return (text.match(/[\p{L}\p{M}]/gu) ?? []).length;
}

/**
 * Every sentence of the article with the line it starts on: the title and summary on their own front-matter
 * lines, body text by its runs' lines. A heading or list item without a full stop is a sentence of its own.
 */
export function sentencesOf(article: Article): Sentence[] {
  const out: Sentence[] = [];
  const add = (lined: LinedText, heading: boolean) => out.push(...split(lined, heading));
  add(lined(article.title, article.lines.title), true);
  if (article.summary) add(lined(article.summary, article.lines.summary ?? article.lines.title), false);
  const visit = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      if (block.type === 'heading' || block.type === 'paragraph')
        add(fromInlines(block.inlines, block.line), block.type === 'heading');
      else if (block.type === 'list') for (const item of block.items) visit(item.blocks);
      else if (block.type === 'quote' || block.type === 'callout') visit(block.blocks);
      else if (block.type === 'table')
        for (const row of [block.header, ...block.rows])
          for (const cell of row.cells) add(fromInlines(cell.inlines, row.line), false);
    }
  };
  visit(article.blocks);
  for (const note of article.notes) visit(note.blocks);
  return out;
}

function lined(text: string, line: number): LinedText {
  const lines: number[] = [];
  let current = line;
  for (const char of text) {
    lines.push(current);
    if (char === '\n') current++;
  }
  return { text: [...text].join(''), lines };
}

function fromInlines(inlines: readonly Inline[], blockLine: number): LinedText {
  let text = '';
  const lines: number[] = [];
  let last = blockLine;
  for (const run of inlines) {
    const part = run.type === 'text' ? lined(run.text, run.line) : lined(run.type === 'break' ? hardBreak : '', last);
    text += part.text;
    lines.push(...part.lines);
    last = part.lines[part.lines.length - 1] ?? last;
  }
  return { text, lines };
}

/** Split at sentence-ending punctuation followed by a space (a CJK full stop needs none), and at hard line breaks. */
function split({ text, lines }: LinedText, heading: boolean): Sentence[] {
  const chars = [...text];
  const sentences: Sentence[] = [];
  let start = 0;
  const flush = (end: number) => {
    const body = chars.slice(start, end).join('');
    const lead = body.length - body.trimStart().length;
    const trimmed = body.replace(/\s+/g, ' ').trim();
    const words = wordsOf(trimmed).length;
    if (words > 0) sentences.push({ text: trimmed, words, line: lines[start + lead] ?? lines[0] ?? 1, heading });
  };
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    // Chinese and Japanese full stops end a sentence with no space after them.
    const ends =
      char === hardBreak || /[。！？]/.test(char) || (/[.!?…؟]/.test(char) && /\s/.test(chars[i + 1] ?? ' '));
    if (!ends) continue;
    flush(char === hardBreak ? i : i + 1);
    start = i + 1;
  }
  flush(chars.length);
  return sentences;
}
