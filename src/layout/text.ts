import LineBreaker from 'linebreak';
import { hasGlyph, measure } from '../fonts/index.js';
import type { FontFamily, SpecInline, TextStyle } from '../spec/types.js';
import { breakPoints, stripSoftHyphens } from './hyphenation.js';
import type { TextBox } from './types.js';

/** A stretch of text in one face, size, color and link. */
interface Piece {
  readonly text: string;
  readonly face: string;
  readonly color: string;
  readonly href: string | null;
  readonly width: number;
}

/** The text between two break opportunities; trailing spaces are measured apart so lines end flush. */
interface Word {
  readonly pieces: Piece[];
  readonly width: number;
  readonly trailing: number;
  readonly forcedBreakAfter: boolean;
}

export interface SetLine {
  readonly boxes: readonly TextBox[];
  readonly height: number;
  /** Baseline offset from the line's top. */
  readonly baseline: number;
  readonly width: number;
}

export interface TextContext {
  readonly fonts: ReadonlyMap<string, FontFamily>;
  readonly fallbackFonts: readonly string[];
  readonly fieldValues: Readonly<Record<string, string>> | null;
  /** Characters no font has, reported by the caller with its own place. */
  readonly missing: Set<string>;
  readonly ascentOf: (face: string) => { ascent: number; descent: number };
  /** The document's language: it picks the hyphenation patterns. */
  readonly lang: string;
}

/** Break a paragraph's inlines into lines of positioned text boxes, x from `left`, y from 0 at the first line's top. */
export function setParagraph(
  inlines: readonly SpecInline[],
  style: TextStyle,
  left: number,
  width: number,
  context: TextContext,
): SetLine[] {
  const pieces = resolvePieces(inlines, style, context);
  const words = splitWords(pieces, style.size);
  const lines = fillLines(words, width, style, context);
  const metrics = context.ascentOf(faceFor(context.fonts.get(style.font), style.bold, style.italic));
  const height = style.size * style.leading;
  const contentHeight = ((metrics.ascent - metrics.descent) / 1000) * style.size;
  const baseline = (height - contentHeight) / 2 + (metrics.ascent / 1000) * style.size;
  return lines.map((line, index) => {
    const last = index === lines.length - 1 || line[line.length - 1]?.forcedBreakAfter === true;
    return { ...placeLine(line, style, left, width, last, baseline), height, baseline };
  });
}

function faceFor(family: FontFamily | undefined, bold: boolean, italic: boolean): string {
  if (!family) throw new Error('font family missing after spec validation');
  if (bold && italic) return family.boldItalic;
  if (bold) return family.bold;
  return italic ? family.italic : family.regular;
}

/** Inlines → pieces in concrete faces, each character in the first face of the chain that has it. */
function resolvePieces(inlines: readonly SpecInline[], style: TextStyle, context: TextContext): Piece[] {
  const pieces: Piece[] = [];
  const chain = [style.font, ...context.fallbackFonts.filter((f) => f !== style.font)];
  for (const inline of inlines) {
    if (inline.kind === 'break') {
      pieces.push({ text: '\n', face: '', color: style.color, href: null, width: 0 });
      continue;
    }
    const text = inline.kind === 'field' ? (context.fieldValues?.[inline.name] ?? '?') : inline.text;
    const href = inline.kind === 'text' ? inline.href : null;
    const faces = chain.map((name) => faceFor(context.fonts.get(name), inline.bold, inline.italic));
    let current = '';
    let currentFace = faces[0] as string;
    for (const char of text) {
      const code = char.codePointAt(0) as number;
      // A soft hyphen is never drawn as such: it stays in the face around it.
      let face = char === '\u00AD' ? currentFace : faces.find((f) => hasGlyph(f, code));
      if (!face) {
        if (!/\s/.test(char)) context.missing.add(char);
        face = faces[0] as string;
      }
      if (face !== currentFace && current) {
        pieces.push({ text: current, face: currentFace, color: style.color, href, width: 0 });
        current = '';
      }
      currentFace = face;
      current += char;
    }
    if (current) pieces.push({ text: current, face: currentFace, color: style.color, href, width: 0 });
  }
  return pieces;
}

/** Cut pieces at Unicode line-break opportunities (UAX #14) into words. */
function splitWords(pieces: Piece[], size: number): Word[] {
  const full = pieces.map((p) => p.text).join('');
  // Soft hyphens are hyphenation points, used only when a line needs one: hide them from UAX #14 (U+2060 joins).
  const breaker = new LineBreaker(full.replaceAll('\u00AD', '\u2060'));
  const words: Word[] = [];
  let start = 0;
  let pieceIndex = 0;
  let pieceStart = 0;
  for (let brk = breaker.nextBreak(); brk; brk = breaker.nextBreak()) {
    const end = brk.position;
    const wordPieces: Piece[] = [];
    // Walk the pieces that overlap [start, end).
    while (pieceIndex < pieces.length) {
      const piece = pieces[pieceIndex] as Piece;
      const pieceEnd = pieceStart + piece.text.length;
      const from = Math.max(start, pieceStart);
      const to = Math.min(end, pieceEnd);
      if (to > from) {
        const text = piece.text.slice(from - pieceStart, to - pieceStart);
        if (text !== '\n') wordPieces.push({ ...piece, text: text.replace(/\n/g, '') });
      }
      if (pieceEnd <= end) {
        pieceIndex++;
        pieceStart = pieceEnd;
      } else break;
    }
    words.push(
      measureWord(wordPieces, size, full.slice(start, end).endsWith('\n') || (brk.required && end < full.length)),
    );
    start = end;
  }
  return words;
}

function measureWord(pieces: Piece[], size: number, forcedBreakAfter: boolean): Word {
  const measured = pieces.map((p) => ({ ...p, width: (measure(p.face, stripSoftHyphens(p.text)) * size) / 1000 }));
  let trailing = 0;
  const last = measured[measured.length - 1];
  if (last) {
    const bare = stripSoftHyphens(last.text).replace(/\s+$/, '');
    if (bare !== stripSoftHyphens(last.text)) trailing = last.width - (measure(last.face, bare) * size) / 1000;
  }
  const total = measured.reduce((sum, p) => sum + p.width, 0);
  return { pieces: measured, width: total - trailing, trailing, forcedBreakAfter };
}

/**
 * Greedy line filling. When the next word does not fit and the line would be left short (or, justified,
 * stretched too far), the word is hyphenated if it can be; a word wider than the whole line is hyphenated
 * or, failing that, cut between characters.
 */
function fillLines(words: Word[], width: number, style: TextStyle, context: TextContext): Word[][] {
  const { size } = style;
  const lines: Word[][] = [];
  let line: Word[] = [];
  let lineWidth = 0;
  const queue = [...words];
  const endLine = () => {
    lines.push(line);
    line = [];
    lineWidth = 0;
  };
  while (queue.length > 0) {
    const word = queue.shift() as Word;
    const before = line.length > 0 ? lineWidth + (line[line.length - 1] as Word).trailing : 0;
    if (before + word.width > width + 0.001) {
      const room = width - before;
      const short = line.length === 0 || room > width * 0.15 || tooLoose(line, width, room, style);
      const split = short ? hyphenateToFit(word, room, size, style, context) : null;
      if (split) {
        line.push(split[0]);
        queue.unshift(split[1]);
        endLine();
        continue;
      }
      if (line.length > 0) {
        endLine();
        queue.unshift(word);
        continue;
      }
      const [head, rest] = cutWord(word, width, size);
      queue.unshift(rest);
      line.push(head);
      endLine();
      continue;
    }
    line.push(word);
    lineWidth = before + word.width;
    if (word.forcedBreakAfter) endLine();
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

/** Would justifying this line stretch its spaces past the style's limit? */
function tooLoose(line: Word[], width: number, room: number, style: TextStyle): boolean {
  if (style.align !== 'justify') return false;
  const spaces = line.filter((w) => w.trailing > 0).length - (line[line.length - 1]?.trailing ? 1 : 0);
  const space = line.find((w) => w.trailing > 0)?.trailing ?? style.size * 0.25;
  return spaces <= 0 || room / spaces > space * style.maxStretch || room > width * 0.05;
}

/** The longest head of the word, up to a hyphenation point, that fits in `room` with its hyphen. */
function hyphenateToFit(
  word: Word,
  room: number,
  size: number,
  style: TextStyle,
  context: TextContext,
): [Word, Word] | null {
  const text = word.pieces.map((p) => p.text).join('');
  const candidates = breakPoints(text, context.lang, style.hyphenate);
  for (let i = candidates.length - 1; i >= 0; i--) {
    const [head, tail] = splitPieces(word.pieces, candidates[i] as number);
    const lastHead = head[head.length - 1];
    if (!lastHead) continue;
    const visible = stripSoftHyphens(lastHead.text);
    const withHyphen = visible.endsWith('-') ? head : [...head.slice(0, -1), { ...lastHead, text: `${visible}-` }];
    const measured = measureWord(withHyphen, size, false);
    if (measured.width <= room + 0.001) return [measured, measureWord(tail, size, word.forcedBreakAfter)];
  }
  return null;
}

/** The last resort for a word wider than the line: cut it between characters. */
function cutWord(word: Word, width: number, size: number): [Word, Word] {
  const head: Piece[] = [];
  let used = 0;
  const rest: Piece[] = [];
  for (const piece of word.pieces) {
    if (rest.length > 0) {
      rest.push(piece);
      continue;
    }
    const text = stripSoftHyphens(piece.text);
    let taken = '';
    for (const char of text) {
      const next = (measure(piece.face, taken + char) * size) / 1000;
      if (used + next > width && (taken || head.length > 0)) break;
      taken += char;
    }
    if (taken) head.push({ ...piece, text: taken });
    used += (measure(piece.face, taken) * size) / 1000;
    if (taken.length < text.length) rest.push({ ...piece, text: text.slice(taken.length) });
  }
  return [measureWord(head, size, false), measureWord(rest, size, word.forcedBreakAfter)];
}

function splitPieces(pieces: readonly Piece[], offset: number): [Piece[], Piece[]] {
  const head: Piece[] = [];
  const tail: Piece[] = [];
  let at = 0;
  for (const piece of pieces) {
    const end = at + piece.text.length;
    if (end <= offset) head.push(piece);
    else if (at >= offset) tail.push(piece);
    else {
      head.push({ ...piece, text: piece.text.slice(0, offset - at) });
      tail.push({ ...piece, text: piece.text.slice(offset - at) });
    }
    at = end;
  }
  return [head, tail];
}

/** Position one line's words as text boxes, merging neighbours that share a face, color and link. */
function placeLine(
  words: Word[],
  style: TextStyle,
  left: number,
  width: number,
  lastLine: boolean,
  baseline: number,
): { boxes: TextBox[]; width: number } {
  const natural = words.reduce((sum, w, i) => sum + w.width + (i < words.length - 1 ? w.trailing : 0), 0);
  // Only real spaces stretch: a break after a hyphen has none, and PDFKit spaces words at whitespace only.
  const gaps = words.slice(0, -1).filter((w) => w.trailing > 0).length;
  const naturalSpace = words.find((w) => w.trailing > 0)?.trailing ?? style.size * 0.25;
  // A line that would need spaces wider than the style allows is set ragged rather than leave a river.
  const justify =
    style.align === 'justify' && !lastLine && gaps > 0 && (width - natural) / gaps <= naturalSpace * style.maxStretch;
  const extra = justify ? (width - natural) / gaps : 0;
  let x = left;
  if (style.align === 'center') x += (width - natural) / 2;
  else if (style.align === 'right') x += width - natural;

  const boxes: TextBox[] = [];
  // `end` is where the box's last visible character stops: trailing spaces and stretch are not part of it.
  let open: { x: number; end: number; text: string; face: string; color: string; href: string | null } | null = null;
  const close = () => {
    if (!open) return;
    const text = open.text.replace(/\s+$/, '');
    if (text) {
      boxes.push({
        kind: 'text',
        x: open.x,
        y: baseline,
        text,
        font: open.face,
        size: style.size,
        color: open.color,
        wordSpacing: extra,
        width: open.end - open.x,
        href: open.href,
        block: 0,
        heading: null,
        artifact: false,
        node: null,
        spaceAfter: text !== open.text,
      });
    }
    open = null;
  };
  const spaceWidth = (piece: Piece, spaces: string) => (spaces ? (measure(piece.face, spaces) * style.size) / 1000 : 0);
  words.forEach((word, index) => {
    for (const piece of word.pieces) {
      let text = stripSoftHyphens(piece.text);
      if (!open || open.face !== piece.face || open.color !== piece.color || open.href !== piece.href) {
        close();
        // A box never starts with a space: PDFKit would drop it when spacing words, so step over it here.
        const lead = text.length - text.trimStart().length;
        x += spaceWidth(piece, text.slice(0, lead));
        text = text.slice(lead);
        open = { x, end: x, text: '', face: piece.face, color: piece.color, href: piece.href };
      }
      const pieceWidth =
        text === stripSoftHyphens(piece.text) ? piece.width : (measure(piece.face, text) * style.size) / 1000;
      open.text += text;
      x += pieceWidth;
      if (text.trim()) open.end = x - spaceWidth(piece, text.slice(text.trimEnd().length));
    }
    if (index < words.length - 1 && word.trailing > 0) x += extra;
  });
  close();
  return { boxes, width: justify ? width : natural };
}
