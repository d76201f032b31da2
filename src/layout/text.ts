import LineBreaker from 'linebreak';
import { hasGlyph, type ShapedGlyph, type ShapedText, shape } from '../fonts/index.js';
import type { FontFamily, SpecInline, TextStyle } from '../spec/types.js';
import { breakPoints, stripSoftHyphens } from './hyphenation.js';
import type { TextBox } from './types.js';

/** A stretch of source text in one face, color and link. */
interface Piece {
  readonly text: string;
  readonly face: string;
  readonly color: string;
  readonly href: string | null;
}

/** A piece shaped: the glyphs that will be drawn for it, and their width in points. */
interface Segment extends Piece {
  readonly glyphs: readonly ShapedGlyph[];
  readonly width: number;
}

/** The text between two break opportunities; trailing spaces are measured apart so lines end flush. */
interface Word {
  readonly segments: readonly Segment[];
  /** Width without the trailing spaces, in points. */
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

const softHyphen = '\u00AD';
/** Hyphenation patterns are for words; a longer run of letters (a pasted code, a hostile title) is cut instead. */
const longestHyphenatedWord = 64;

/** Paragraphs already set, by everything that decides their lines: many clinics' handouts share an article. */
const setParagraphs = new Map<string, { lines: SetLine[]; missing: string[] }>();
const paragraphsKept = 4000;

/** Break a paragraph's inlines into lines of positioned text boxes, x from `left`, y from 0 at the first line's top. */
export function setParagraph(
  inlines: readonly SpecInline[],
  style: TextStyle,
  left: number,
  width: number,
  context: TextContext,
): SetLine[] {
  const key = paragraphKey(inlines, style, left, width, context);
  let set = setParagraphs.get(key);
  if (!set) {
    const missing = new Set<string>();
    set = { lines: breakParagraph(inlines, style, left, width, { ...context, missing }), missing: [...missing] };
    if (setParagraphs.size >= paragraphsKept) setParagraphs.delete(setParagraphs.keys().next().value as string);
    setParagraphs.set(key, set);
  }
  for (const char of set.missing) context.missing.add(char);
  return set.lines;
}

/** Everything a paragraph's lines depend on, as one string (faster to build than JSON of the same). */
function paragraphKey(
  inlines: readonly SpecInline[],
  style: TextStyle,
  left: number,
  width: number,
  context: TextContext,
): string {
  const s = style;
  let key = `${left}|${width}|${context.lang}|${s.font}|${s.size}|${s.leading}|${s.color}|${s.align}|${s.bold}|${s.italic}|${s.hyphenate}|${s.maxStretch}|${facesKey(context)}`;
  for (const inline of inlines) {
    if (inline.kind === 'break') key += '\u0001b';
    else if (inline.kind === 'field')
      key += `\u0001f${inline.bold}${inline.italic}${context.fieldValues?.[inline.name]}`;
    else key += `\u0001t${inline.bold ? 1 : 0}${inline.italic ? 1 : 0}${inline.href ?? ''}\u0002${inline.text}`;
  }
  return key;
}

/** The font families and fallback chain of a document, once per document. */
const facesKeys = new WeakMap<TextContext['fonts'], string>();
function facesKey(context: TextContext): string {
  let key = facesKeys.get(context.fonts);
  if (key === undefined) {
    key = JSON.stringify([[...context.fonts.values()], context.fallbackFonts]);
    facesKeys.set(context.fonts, key);
  }
  return key;
}

function breakParagraph(
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

/** A base character with the combining marks that follow it: drawn in one face, so marks sit on their letter. */
const clusterPattern = /\P{M}\p{M}*|\p{M}+/gu;

/** Inlines → pieces in concrete faces: each cluster in the first face of the chain that has all of it. */
function resolvePieces(inlines: readonly SpecInline[], style: TextStyle, context: TextContext): Piece[] {
  const pieces: Piece[] = [];
  const chain = [style.font, ...context.fallbackFonts.filter((f) => f !== style.font)];
  for (const inline of inlines) {
    const faces = chain.map((name) =>
      faceFor(
        context.fonts.get(name),
        inline.kind === 'break' ? style.bold : inline.bold,
        inline.kind !== 'break' && inline.italic,
      ),
    );
    if (inline.kind === 'break') {
      pieces.push({ text: '\n', face: faces[0] as string, color: style.color, href: null });
      continue;
    }
    const text = inline.kind === 'field' ? (context.fieldValues?.[inline.name] ?? '?') : inline.text;
    const href = inline.kind === 'text' ? inline.href : null;
    let current = '';
    let currentFace = faces[0] as string;
    for (const [cluster] of text.matchAll(clusterPattern)) {
      // A soft hyphen is never drawn as such: it stays in the face around it.
      const face =
        cluster === softHyphen
          ? currentFace
          : cluster.length === 1 && currentFace === faces[0] && hasGlyph(currentFace, cluster.charCodeAt(0))
            ? currentFace
            : faceForCluster(cluster, faces, context.missing);
      if (face !== currentFace && current) {
        pieces.push({ text: current, face: currentFace, color: style.color, href });
        current = '';
      }
      currentFace = face;
      current += cluster;
    }
    if (current) pieces.push({ text: current, face: currentFace, color: style.color, href });
  }
  return pieces;
}

function faceForCluster(cluster: string, faces: readonly string[], missing: Set<string>): string {
  const codePoints = [...cluster].map((char) => char.codePointAt(0) as number);
  const whole = faces.find((face) => codePoints.every((cp) => hasGlyph(face, cp)));
  if (whole) return whole;
  // No face has the whole cluster: the base decides, and whatever no face has at all is reported.
  for (const char of cluster) {
    if (!/\s/.test(char) && !faces.some((face) => hasGlyph(face, char.codePointAt(0) as number))) missing.add(char);
  }
  return faces.find((face) => hasGlyph(face, codePoints[0] as number)) ?? (faces[0] as string);
}

/** Cut pieces at Unicode line-break opportunities (UAX #14) into words. */
function splitWords(pieces: Piece[], size: number): Word[] {
  const full = pieces.map((p) => p.text).join('');
  // Soft hyphens are hyphenation points, used only when a line needs one: hide them from UAX #14 (U+2060 joins).
  const breaker = new LineBreaker(full.replaceAll(softHyphen, '\u2060'));
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
      // A forced line break is kept as a space, so the words on either side stay apart in the text.
      if (to > from)
        wordPieces.push({ ...piece, text: piece.text.slice(from - pieceStart, to - pieceStart).replace(/\n/g, ' ') });
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

function shapedSegment(
  piece: Piece,
  size: number,
  shaped: ShapedText = shape(piece.face, stripSoftHyphens(piece.text)),
): Segment {
  return { ...piece, glyphs: shaped.glyphs, width: (shaped.width * size) / 1000 };
}

function measureWord(pieces: readonly Piece[], size: number, forcedBreakAfter: boolean): Word {
  return wordOf(
    pieces.map((p) => shapedSegment(p, size)),
    size,
    forcedBreakAfter,
  );
}

function wordOf(segments: readonly Segment[], size: number, forcedBreakAfter: boolean): Word {
  const total = segments.reduce((sum, s) => sum + s.width, 0);
  const last = segments[segments.length - 1];
  let trailing = 0;
  if (last) {
    for (let i = last.glyphs.length - 1; i >= 0 && isSpace(last.glyphs[i] as ShapedGlyph); i--) {
      trailing += ((last.glyphs[i] as ShapedGlyph).advance * size) / 1000;
    }
  }
  return { segments, width: total - trailing, trailing, forcedBreakAfter };
}

const isSpace = (glyph: ShapedGlyph) => glyph.text !== '' && glyph.text.trim() === '';

/**
 * Greedy line filling. When the next word does not fit and the line would be left short (or, justified,
 * stretched too far), the word is hyphenated if it can be; a word wider than the whole line is hyphenated
 * or, failing that, cut between characters.
 */
function fillLines(words: Word[], width: number, style: TextStyle, context: TextContext): Word[][] {
  const lines: Word[][] = [];
  let line: Word[] = [];
  let lineWidth = 0;
  const queue = words.reverse();
  const endLine = () => {
    lines.push(line);
    line = [];
    lineWidth = 0;
  };
  while (queue.length > 0) {
    const word = queue.pop() as Word;
    const before = line.length > 0 ? lineWidth + (line[line.length - 1] as Word).trailing : 0;
    if (before + word.width > width + 0.001) {
      const room = width - before;
      const short = line.length === 0 || room > width * 0.15 || tooLoose(line, width, room, style);
      const split = short ? hyphenateToFit(word, room, style, context) : null;
      if (split) {
        line.push(split[0]);
        queue.push(split[1]);
        endLine();
        continue;
      }
      if (line.length > 0) {
        endLine();
        queue.push(word);
        continue;
      }
      // Wider than a whole line: every full line's worth at once, so a long word costs time in proportion to its length.
      const chunks = cutWord(word, width, style.size);
      queue.push(chunks.pop() as Word);
      for (const chunk of chunks) {
        line.push(chunk);
        endLine();
      }
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
function hyphenateToFit(word: Word, room: number, style: TextStyle, context: TextContext): [Word, Word] | null {
  const text = word.segments.map((s) => s.text).join('');
  const candidates = breakPoints(text, context.lang, style.hyphenate && text.length <= longestHyphenatedWord);
  const fits = (index: number) => {
    const head = hyphenatedHead(word, candidates[index] as number, style.size);
    return head && head.width <= room + 0.001 ? head : null;
  };
  // Heads grow with the break point: search for the last one that fits.
  let low = 0;
  let high = candidates.length - 1;
  let best: { head: Word; at: number } | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const head = fits(middle);
    if (head) {
      best = { head, at: candidates[middle] as number };
      low = middle + 1;
    } else high = middle - 1;
  }
  if (!best) return null;
  const tail = splitSegments(word.segments, best.at)[1];
  return [best.head, measureWord(tail, style.size, word.forcedBreakAfter)];
}

/** The word's head up to `offset`, ending in a drawn hyphen that stands for a soft hyphen in the text. */
function hyphenatedHead(word: Word, offset: number, size: number): Word | null {
  const [head] = splitSegments(word.segments, offset);
  const last = head[head.length - 1];
  if (!last) return null;
  const visible = stripSoftHyphens(last.text);
  if (visible.endsWith('-')) return measureWord(head, size, false);
  const shaped = shape(last.face, `${visible}-`);
  const glyphs = shaped.glyphs.map((glyph, i) =>
    i === shaped.glyphs.length - 1 ? { ...glyph, text: glyph.text.replace(/-$/, softHyphen) } : glyph,
  );
  const hyphenated = shapedSegment({ ...last, text: `${visible}${softHyphen}` }, size, { glyphs, width: shaped.width });
  return wordOf([...head.slice(0, -1).map((p) => shapedSegment(p, size)), hyphenated], size, false);
}

/**
 * The last resort for a word wider than the line: cut between clusters (a letter and its marks stay
 * together) into pieces that each fill a line; the last piece carries on with the words after it.
 */
function cutWord(word: Word, width: number, size: number): Word[] {
  const chunks: Word[] = [];
  let segments: Segment[] = [];
  let glyphs: ShapedGlyph[] = [];
  let used = 0;
  let current: Segment | null = null;
  const closeSegment = () => {
    if (current && glyphs.length > 0) segments.push(segmentOf(current, glyphs, size));
    glyphs = [];
  };
  for (const segment of word.segments) {
    closeSegment();
    current = segment;
    const all = segment.glyphs;
    for (let i = 0; i < all.length; ) {
      // A cluster: a glyph and the zero-width or text-less glyphs that belong to it.
      let end = i + 1;
      while (end < all.length && ((all[end] as ShapedGlyph).text === '' || (all[end] as ShapedGlyph).advance === 0))
        end++;
      const cluster = all.slice(i, end);
      const advance = (cluster.reduce((sum, g) => sum + g.advance, 0) * size) / 1000;
      if (used + advance > width && (glyphs.length > 0 || segments.length > 0)) {
        closeSegment();
        chunks.push(wordOf(segments, size, false));
        segments = [];
        used = 0;
      }
      glyphs.push(...cluster);
      used += advance;
      i = end;
    }
  }
  closeSegment();
  chunks.push(wordOf(segments, size, word.forcedBreakAfter));
  return chunks;
}

function segmentOf(piece: Piece, glyphs: readonly ShapedGlyph[], size: number): Segment {
  const width = glyphs.reduce((sum, g) => sum + g.advance, 0);
  return { ...piece, text: glyphs.map((g) => g.text).join(''), glyphs, width: (width * size) / 1000 };
}

function splitSegments(segments: readonly Segment[], offset: number): [Piece[], Piece[]] {
  const head: Piece[] = [];
  const tail: Piece[] = [];
  let at = 0;
  for (const segment of segments) {
    const piece: Piece = { text: segment.text, face: segment.face, color: segment.color, href: segment.href };
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
  // Only real spaces stretch: a break after a hyphen has none.
  const gaps = words.slice(0, -1).filter((w) => w.trailing > 0).length;
  const naturalSpace = words.find((w) => w.trailing > 0)?.trailing ?? style.size * 0.25;
  // A line that would need spaces wider than the style allows is set ragged rather than leave a river.
  const justify =
    style.align === 'justify' && !lastLine && gaps > 0 && (width - natural) / gaps <= naturalSpace * style.maxStretch;
  // The stretch of each word space, in the glyph units of the line's size.
  const stretch = justify ? (((width - natural) / gaps) * 1000) / style.size : 0;
  let x = left;
  if (style.align === 'center') x += (width - natural) / 2;
  else if (style.align === 'right') x += width - natural;

  const boxes: TextBox[] = [];
  let open: { x: number; end: number; glyphs: ShapedGlyph[]; piece: Piece } | null = null;
  const close = () => {
    if (open && open.glyphs.length > 0) {
      boxes.push({
        kind: 'text',
        x: open.x,
        y: baseline,
        font: open.piece.face,
        size: style.size,
        color: open.piece.color,
        glyphs: open.glyphs,
        text: open.glyphs.map((g) => g.text).join(''),
        width: open.end - open.x,
        href: open.piece.href,
        block: 0,
        heading: null,
        artifact: false,
        node: null,
      });
    }
    open = null;
  };
  words.forEach((word, wordIndex) => {
    const stretched = stretch > 0 && wordIndex < words.length - 1 && word.trailing > 0;
    word.segments.forEach((segment, segmentIndex) => {
      if (
        !open ||
        open.piece.face !== segment.face ||
        open.piece.color !== segment.color ||
        open.piece.href !== segment.href
      ) {
        close();
        open = { x, end: x, glyphs: [], piece: segment };
      }
      const box: { x: number; end: number; glyphs: ShapedGlyph[] } = open;
      const lastSegment = segmentIndex === word.segments.length - 1;
      segment.glyphs.forEach((glyph, glyphIndex) => {
        // The word's last glyph is its last trailing space: it carries the justification stretch.
        const widened = stretched && lastSegment && glyphIndex === segment.glyphs.length - 1;
        const drawn = widened ? { ...glyph, advance: glyph.advance + stretch } : glyph;
        box.glyphs.push(drawn);
        x += (drawn.advance * style.size) / 1000;
        if (!isSpace(glyph)) box.end = x;
      });
    });
  });
  close();
  return { boxes, width: justify ? width : natural };
}
