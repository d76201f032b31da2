import LineBreaker from 'linebreak';
import { type FaceId, type ShapedGlyph, type ShapedText, shape } from '../fonts/index.js';
import type { SpecInline, TextStyle } from '../spec/types.js';
import { baseDirection, paragraphLevels, splitByLevel, visualOrder } from './bidi.js';
import { forbidden, forced, type Item, optimalBreaks } from './breaking.js';
import { cjkGapStretch, cjkGapsAfter, cjkGapsInWord, hasCjk, insideKoreanWord, leadingFor } from './cjk.js';
import { faceRuns } from './fallback.js';
import { breakPoints, stripSoftHyphens } from './hyphenation.js';
import { quantityRanges } from './quantities.js';
import { repeatsHyphen } from './repeated-hyphen.js';
import type { TextBox } from './types.js';

/** A family's four faces, each named by the content of its file (see openFace). */
export type FamilyFaces = Readonly<Record<'regular' | 'bold' | 'italic' | 'boldItalic', FaceId>>;

/** A stretch of source text in one face, color and link. */
interface Piece {
  readonly text: string;
  readonly face: string;
  readonly color: string;
  readonly href: string | null;
  /** Bold or italic: a key term, never hyphenated. */
  readonly emphasis: boolean;
  /** The language of a phrase in another language than its paragraph, else null. */
  readonly lang: string | null;
  /** Superscript (a note's number): smaller, on a raised baseline. */
  readonly sup?: boolean | undefined;
  /** The bidi embedding level (UAX #9): odd is right to left. Absent in a paragraph with none but level 0. */
  readonly level?: number | undefined;
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
  /** A piece of an address cut at its own breaks ("knee-" | "exercises"): never hyphenated, as its whole. */
  readonly address?: boolean;
}

export interface SetLine {
  readonly boxes: readonly TextBox[];
  readonly height: number;
  /** Baseline offset from the line's top. */
  readonly baseline: number;
  readonly width: number;
}

export interface TextContext {
  readonly fonts: ReadonlyMap<string, FamilyFaces>;
  readonly fallbackFonts: readonly string[];
  readonly fieldValues: Readonly<Record<string, string>> | null;
  /** Characters no font has, reported by the caller with its own place. */
  readonly missing: Set<string>;
  readonly ascentOf: (face: string) => { ascent: number; descent: number };
  /** The document's language: it picks the hyphenation patterns. */
  readonly lang: string;
  /** The document is right to left (Arabic, Hebrew…): its lines are laid out in a mirrored frame, see placeLine. */
  readonly rtl: boolean;
  /** One paragraph's base direction, set while it is broken: the document's, unless all its letters are of the other. */
  readonly paragraphRtl?: boolean | undefined;
}

const softHyphen = '\u00AD';
/** A superscript is drawn at 70% of the size (never below 9 pt, the smallest type a handout uses), raised by a third. */
const supRise = 0.33;
const scaleOf = (piece: Piece, size: number) => (piece.sup ? Math.min(1, Math.max(0.7, 9 / size)) : 1);
/** Hyphenation patterns are for words; a longer run of letters (a pasted code, a hostile title) is cut instead. */
const longestHyphenatedWord = 64;

/** Paragraphs already set, by everything that decides their lines: many clinics' handouts share an article. */
const setParagraphs = new Map<string, { lines: SetLine[]; missing: string[] }>();
/** The same paragraphs' line breaks, which do not depend on line spacing (fitting tries tighter spacing). */
const brokenParagraphs = new Map<string, BrokenInColor>();

/** Lines broken (boxes on a baseline at 0), at the size they were set in (display text may be set smaller). */
interface Broken {
  readonly lines: SetLine[];
  readonly size: number;
}
/** Broken lines with the colors they were set in: color never moves a break, so each clinic's colors reuse them. */
interface BrokenInColor extends Broken {
  readonly missing: string[];
  readonly color: string;
  readonly linkColor: string | null;
}
const paragraphsKept = 4000;

/** Break a paragraph's inlines into lines of positioned text boxes, x from `left`, y from 0 at the first line's top. */
export function setParagraph(
  inlines: readonly SpecInline[],
  style: TextStyle,
  left: number,
  width: number,
  context: TextContext,
): SetLine[] {
  const breaks = paragraphKey(inlines, style, left, width, context);
  const key = `${style.leading}|${style.color}|${style.linkColor}|${breaks}`;
  let set = setParagraphs.get(key);
  if (!set) {
    let broken = brokenParagraphs.get(breaks);
    if (!broken) {
      const missing = new Set<string>();
      broken = {
        ...breakParagraph(inlines, style, left, width, { ...context, missing }),
        missing: [...missing],
        color: style.color,
        linkColor: style.linkColor,
      };
      remember(brokenParagraphs, breaks, broken);
    }
    const lines = spaced(recolored(broken, style), { ...style, size: broken.size }, context);
    set = { lines, missing: broken.missing };
    remember(setParagraphs, key, set);
  }
  for (const char of set.missing) context.missing.add(char);
  return set.lines;
}

function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= paragraphsKept) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}

/** The broken lines in the style's colors: a link's text in the link color, the rest in the text color. */
function recolored(broken: BrokenInColor, style: TextStyle): readonly SetLine[] {
  if (broken.color === style.color && broken.linkColor === style.linkColor) return broken.lines;
  const linkColor = style.linkColor ?? style.color;
  return broken.lines.map((line) => ({
    ...line,
    boxes: line.boxes.map((box) => ({ ...box, color: box.href ? linkColor : style.color })),
  }));
}

/** Lines with their height and baseline for the style's line spacing (broken lines sit on a baseline at 0). */
function spaced(lines: readonly SetLine[], style: TextStyle, context: TextContext): SetLine[] {
  const metrics = context.ascentOf(faceFor(context.fonts.get(style.font), style.bold, style.italic));
  const height = style.size * leadingFor(style.leading, context.lang);
  const contentHeight = ((metrics.ascent - metrics.descent) / 1000) * style.size;
  const baseline = (height - contentHeight) / 2 + (metrics.ascent / 1000) * style.size;
  return lines.map((line) => ({
    ...line,
    height,
    baseline,
    boxes: line.boxes.map((box) => ({ ...box, y: box.y + baseline })),
  }));
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
  let key = `${left}|${width}|${context.lang}|${context.rtl}|${s.font}|${s.size}|${s.align}|${s.bold}|${s.italic}|${s.hyphenate}|${s.maxStretch}|${s.balance}|${s.maxLines}|${s.fitLines}|${facesKey(context)}`;
  for (const inline of inlines) {
    if (inline.kind === 'break') key += '\u0001b';
    else if (inline.kind === 'field')
      key += `\u0001f${inline.bold}${inline.italic}${context.fieldValues?.[inline.name]}`;
    else
      key += `\u0001t${inline.bold ? 1 : 0}${inline.italic ? 1 : 0}${inline.sup ? 1 : 0}${inline.lang ?? ''}|${inline.href ?? ''}\u0002${inline.text}`;
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
): Broken {
  const resolved = resolvePieces(inlines, style, context);
  const paragraphRtl = baseDirection(resolved.map((p) => p.text).join(''), context.rtl) === 'rtl';
  const pieces = leveled(resolved, paragraphRtl);
  const paragraph = { ...context, paragraphRtl };
  if (style.fitLines === null) return { lines: breakPieces(pieces, style, left, width, paragraph), size: style.size };
  // Display text: smaller, half a point at a time, until it takes the lines allowed and every word fits.
  const floor = Math.max(minimumSize, style.size * 0.6);
  for (let size = style.size; ; size -= 0.5) {
    const sized = { ...style, size };
    const words = splitWords(pieces, size);
    const lines = breakPieces(pieces, sized, left, width, paragraph, words);
    const fits = lines.length <= style.fitLines && words.every((w) => w.width <= width + 0.001);
    if (fits || size - 0.5 < floor) return { lines, size };
  }
}

const minimumSize = 9;

/** Pieces cut into runs of one bidi level (UAX #9 over the whole paragraph), or as they are when all is left to right. */
function leveled(pieces: Piece[], rtl: boolean): Piece[] {
  const full = pieces.map((p) => p.text).join('');
  const levels = paragraphLevels(full, rtl, [...addressRanges(full), ...emailRanges(full), ...bareAddressRanges(full)]);
  return levels ? splitByLevel(pieces, levels) : pieces;
}

function breakPieces(
  pieces: Piece[],
  style: TextStyle,
  left: number,
  width: number,
  context: TextContext,
  words: Word[] = splitWords(pieces, style.size),
): SetLine[] {
  let lines = fillLines([...words], width, style, context);
  if (style.balance && lines.length > 1) lines = balancedLines([...words], lines.length, width, style, context);
  if (style.maxLines !== null && lines.length > style.maxLines)
    lines = cutWithEllipsis(lines, style.maxLines, width, style.size);
  lines = lines.map((line, index) => (index < lines.length - 1 ? withoutDanglingSeparator(line, style.size) : line));
  return lines.map((line, index) => {
    const last = index === lines.length - 1 || line[line.length - 1]?.forcedBreakAfter === true;
    const hyphen = repeatedHyphen(lines[index - 1]?.at(-1), style, context.lang);
    const rtl = context.paragraphRtl ?? context.rtl;
    if (!hyphen || line.length === 0)
      return { ...placeLine(line, style, left, width, last, 0, rtl, context.rtl), height: 0, baseline: 0 };
    const placed = placeLine(line, style, left + hyphen.width, width - hyphen.width, last, 0, rtl, context.rtl);
    const x = (placed.boxes[0]?.x ?? left + hyphen.width) - hyphen.width;
    return {
      boxes: [{ ...hyphen.box, x }, ...placed.boxes],
      width: placed.width + hyphen.width,
      height: 0,
      baseline: 0,
    };
  });
}

/** A separator between items of a line ("phone · site"), with the spaces around it, at a line's end. */
const danglingSeparator = /[\s\u00A0]*[·•|][\s\u00A0]*$/u;

/**
 * A line that ends in a separator ("+44 … 4417 ·") without it: the line break separates the items, and a
 * dot left at the margin reads as part of the number or address before it.
 */
function withoutDanglingSeparator(line: Word[], size: number): Word[] {
  const last = line.at(-1);
  if (!last || last.forcedBreakAfter) return line;
  const text = last.segments.map((s) => s.text).join('');
  const match = danglingSeparator.exec(text);
  if (!match) return line;
  if (match.index === 0) return line.length > 1 ? withoutDanglingSeparator(line.slice(0, -1), size) : line;
  return [...line.slice(0, -1), measureWord(splitSegments(last.segments, match.index)[0], size, false)];
}

/** The width of the hyphen a line after this word would start with, or 0. */
function repeatedHyphenWidth(word: Word, size: number, lang: string): number {
  const segment = word.segments.at(-1);
  const glyph = segment?.glyphs.at(-1);
  if (!segment || !glyph || !repeatsHyphen(segment.text, segment.lang ?? lang)) return 0;
  return (glyph.advance * size * scaleOf(segment, size)) / 1000;
}

/**
 * The hyphen repeated at the start of a line after a compound broken at its hyphen (Portuguese, Spanish,
 * Catalan, Galician): drawn, but standing for no text (no ToUnicode entry, as a ligature's second glyph),
 * so the text layer reads the word once ("Segunda-feira") within the paragraph's own marked content.
 */
function repeatedHyphen(
  previous: Word | undefined,
  style: TextStyle,
  lang: string,
): { box: TextBox; width: number } | null {
  const size = style.size;
  const segment = previous?.segments.at(-1);
  const glyph = segment?.glyphs.at(-1);
  if (!segment || !glyph || previous?.trailing !== 0) return null;
  const width = repeatedHyphenWidth(previous, size, lang);
  if (width === 0) return null;
  const word = wordOf([{ ...segment, text: '', glyphs: [{ ...glyph, text: '' }], width }], size, false);
  const { boxes } = placeLine([word], { ...style, align: 'left' }, 0, width, true, 0);
  const box = boxes[0];
  return box ? { box: { ...box, href: null }, width } : null;
}

function faceFor(family: FamilyFaces | undefined, bold: boolean, italic: boolean): string {
  if (!family) throw new Error('font family missing after spec validation');
  if (bold && italic) return family.boldItalic;
  if (bold) return family.bold;
  return italic ? family.italic : family.regular;
}

/** Inlines → pieces in concrete faces: each word in the first face of the chain that has all of it (fallback.ts). */
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
      pieces.push({
        text: '\n',
        face: faces[0] as string,
        color: style.color,
        href: null,
        emphasis: false,
        lang: null,
      });
      continue;
    }
    const text = inline.kind === 'field' ? (context.fieldValues?.[inline.name] ?? '?') : inline.text;
    const href = inline.kind === 'text' ? inline.href : null;
    const lang = inline.kind === 'text' ? inline.lang : null;
    const sup = inline.kind === 'text' && inline.sup === true;
    const color = href ? (style.linkColor ?? style.color) : style.color;
    // Emphasis against the paragraph's own style: a bold heading's words are not key terms.
    const emphasis = (inline.bold && !style.bold) || (inline.italic && !style.italic);
    for (const run of faceRuns(text, faces, lang ?? context.lang, context.missing))
      pieces.push({ text: run.text, face: run.face, color, href, emphasis, lang, sup });
  }
  return pieces;
}

/** Cut pieces at Unicode line-break opportunities (UAX #14) into words. */
function splitWords(pieces: Piece[], size: number): Word[] {
  const full = pieces.map((p) => p.text).join('');
  // Soft hyphens are hyphenation points, used only when a line needs one: hide them from UAX #14 (U+2060 joins).
  const breaker = new LineBreaker(full.replaceAll(softHyphen, '\u2060'));
  const inside = unbreakableRanges(full, pieces);
  const words: Word[] = [];
  let start = 0;
  let pieceIndex = 0;
  let pieceStart = 0;
  for (let brk = breaker.nextBreak(); brk; brk = breaker.nextBreak()) {
    const end = brk.position;
    if (!brk.required && (inside(end) || insideKoreanWord(full, end))) continue;
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

/** A phone number's extension ("ext. 4417", "x 12", "Durchwahl 3"): dialled with the number, so kept with it. */
const extension = String.raw`(?:,?\s?(?:[Ee]xt\.?|[Ee]xtension|x|Durchwahl|DW|ramal)\s?\d{1,6}(?!\d))?`;
/** Web addresses and phone numbers (seven digits or more, with an extension): a line never breaks inside one (nor a quantity). */
const unbreakablePattern = new RegExp(
  String.raw`(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)\]»”’]|\+?\(?\d[\d\s().-]{5,}\d${extension}`,
  'gu',
);
/** A match of the pattern above that is a phone number rather than an address. */
const phoneShape = new RegExp(String.raw`^[\d\s().+-]+${extension}$`, 'u');
/** The longest an e-mail address may be (RFC 5321): it bounds the scan around each "@". */
const longestAddress = 254;

/**
 * Whether a break position falls inside an address or a number (found in the text) or inside a link
 * whose text has no space (an address written as the link). Every scan is linear in the text's length.
 */
/** Web addresses with a scheme or "www.". */
function addressRanges(full: string): [number, number][] {
  return [...full.matchAll(unbreakablePattern)]
    .filter((match) => !phoneShape.test(match[0]))
    .map((match) => [match.index, match.index + match[0].length]);
}

/** Addresses, phone numbers, quantities and units in a text: a line never breaks inside one (table cells are measured so too). */
export function unbreakableSpans(full: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const match of full.matchAll(unbreakablePattern)) {
    const digits = match[0].replace(/\D/g, '').length;
    if (phoneShape.test(match[0]) && digits < 7) continue;
    ranges.push([match.index, match.index + match[0].length]);
  }
  ranges.push(...emailRanges(full), ...bareAddressRanges(full), ...quantityRanges(full));
  return ranges;
}

function unbreakableRanges(full: string, pieces: readonly Piece[]): (position: number) => boolean {
  const ranges = unbreakableSpans(full);
  let at = 0;
  for (const piece of pieces) {
    if (piece.href && !/\s/.test(piece.text.trim())) ranges.push([at, at + piece.text.trimEnd().length]);
    at += piece.text.length;
  }
  return insideAny(ranges);
}

/** A lookup of "inside one of the ranges" in logarithmic time (a text may hold thousands of addresses). */
function insideAny(ranges: [number, number][]): (position: number) => boolean {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const starts = sorted.map(([start]) => start);
  // The furthest end of any range starting at or before each one.
  const reach: number[] = [];
  for (const [i, [, end]] of sorted.entries()) reach.push(Math.max(end, reach[i - 1] ?? 0));
  return (position) => {
    let [low, high] = [0, starts.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((starts[middle] as number) < position) low = middle + 1;
      else high = middle;
    }
    return low > 0 && (reach[low - 1] as number) > position;
  };
}

/** The longest bare address looked at ("example.org/knee-exercises"); a longer run is cut like any word. */
const longestBareAddress = 2048;

/** Addresses printed without a scheme: a site name with a dot, then a path. Checked per word, in linear time. */
function bareAddressRanges(full: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const word of full.matchAll(/\S+/g)) {
    const token = word[0];
    if (token.length > longestBareAddress) continue;
    let start = 0;
    while (start < token.length && '([«"“‘\''.includes(token[start] as string)) start++;
    let end = token.length;
    while (end > start && '.,;:!?)]»”’"\''.includes(token[end - 1] as string)) end--;
    const slash = token.indexOf('/', start);
    if (slash <= start || slash >= end) continue;
    if (!/^[\w-]+(?:\.[\w-]+)*\.\p{L}[\w-]*$/u.test(token.slice(start, slash))) continue;
    ranges.push([word.index + start, word.index + end]);
  }
  return ranges;
}

/** E-mail addresses, found from each "@" outwards (a regular expression would backtrack on long words). */
function emailRanges(full: string): [number, number][] {
  const ranges: [number, number][] = [];
  const local = /[\w.+-]/;
  const domain = /[\w.-]/;
  for (let at = full.indexOf('@'); at >= 0; at = full.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < longestAddress && local.test(full[start - 1] as string)) start--;
    let end = at + 1;
    while (end < full.length && end - at < longestAddress && domain.test(full[end] as string)) end++;
    while (end > at + 1 && full[end - 1] === '.') end--;
    if (start < at && full.slice(at + 1, end).includes('.')) ranges.push([start, end]);
  }
  return ranges;
}

function shapedSegment(
  piece: Piece,
  size: number,
  shaped: ShapedText = shape(piece.face, stripSoftHyphens(piece.text), isRtl(piece)),
): Segment {
  return { ...piece, glyphs: shaped.glyphs, width: (shaped.width * size * scaleOf(piece, size)) / 1000 };
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
      trailing += ((last.glyphs[i] as ShapedGlyph).advance * size * scaleOf(last, size)) / 1000;
    }
  }
  return { segments, width: total - trailing, trailing, forcedBreakAfter };
}

const isRtl = (piece: Piece) => (piece.level ?? 0) % 2 === 1;

const isSpace = (glyph: ShapedGlyph) => glyph.text !== '' && glyph.text.trim() === '';

/** Cost of breaking at a hyphenation point: justified text may use one to avoid a loose line; ragged text rarely. */
const hyphenCost = { justified: 50, ragged: 300 };
/** Cost of breaking after a hyphen written in the text ("check-|up"). */
const explicitHyphenCost = 50;
/** The same in balanced display text (titles, subtitles): only when nothing else will do. */
const displayHyphenCost = 2000;

/**
 * Choose the paragraph's line breaks together (total fit, see breaking.ts): justified lines as even as
 * their spaces allow, ragged lines of similar length; hyphenation only where it makes the paragraph
 * better. A word wider than a whole line is first cut into line-wide pieces.
 */
function fillLines(words: Word[], width: number, style: TextStyle, context: TextContext, hyphens = true): Word[][] {
  const fitted = words.flatMap((whole) => {
    const word = whole.width > width + 0.001 ? (shortenedLink(whole, style.size) ?? whole) : whole;
    if (word.width <= width + 0.001 || (hyphens && fitsWhenHyphenated(word, width, style, context))) return [word];
    return (
      cutAddress(word, width, style.size) ??
      atSpaces(word, style.size).flatMap((part) =>
        part.width > width + 0.001 ? cutWord(part, width, style.size) : [part],
      )
    );
  });
  if (fitted.length === 0) return [[]];
  const { items, origins } = breakItems(fitted, width, style, hyphens ? context : null, context.lang);
  const justified = style.align === 'justify';
  const ragged = justified ? null : width * 0.25;
  const breaks =
    optimalBreaks(items, { lineWidth: width, tolerance: justified ? 1 : Number.POSITIVE_INFINITY, ragged }) ??
    optimalBreaks(items, { lineWidth: width, tolerance: Number.POSITIVE_INFINITY, ragged });
  // Without hyphenation every piece fits a line by itself, so that always has an answer; a line narrower
  // than one letter (a table refused as too wide is still set) takes a piece per line.
  if (!breaks) return hyphens ? fillLines(words, width, style, context, false) : fitted.map((word) => [word]);
  return linesAt(breaks, origins, fitted, style.size);
}

/**
 * The same number of lines, as even as they can be: the narrowest measure that still needs no more lines
 * (found by halving), so a title never ends on one short word.
 */
function balancedLines(words: Word[], count: number, width: number, style: TextStyle, context: TextContext): Word[][] {
  let best = fillLines(words, width, style, context);
  // Never narrower than the widest word: balancing must not cut or hyphenate one.
  let [low, high] = [Math.max(width / count, ...words.map((w) => w.width)), width];
  for (let step = 0; step < 10 && high - low > 1; step++) {
    const middle = (low + high) / 2;
    const lines = fillLines(words, middle, style, context);
    if (lines.length <= count && lines.every((line) => lineWidth(line) <= middle + 0.001)) {
      best = lines;
      high = middle;
    } else low = middle;
  }
  return best;
}

function lineWidth(line: readonly Word[]): number {
  return line.reduce((sum, w, i) => sum + w.width + (i < line.length - 1 ? w.trailing : 0), 0);
}

/** The first `count` lines, the last ending in an ellipsis that fits (a running head keeps to its line). */
function cutWithEllipsis(lines: Word[][], count: number, width: number, size: number): Word[][] {
  const kept = lines.slice(0, count);
  const last = [...(kept[count - 1] as Word[])];
  const face = last[last.length - 1]?.segments.at(-1);
  if (!face) return kept;
  const ellipsis = measureWord([{ ...face, text: '…' }], size, false);
  while (last.length > 1 && lineWidth(last) + (last[last.length - 1] as Word).trailing + ellipsis.width > width)
    last.pop();
  const end = last[last.length - 1] as Word;
  // The ellipsis follows the last word kept without its space, as "Acupuncture for…".
  last[last.length - 1] = wordOf(
    [...end.segments.slice(0, -1), trimmedSegment(end.segments.at(-1) as Segment, size)],
    size,
    false,
  );
  kept[count - 1] = [...last, ellipsis];
  return kept;
}

function trimmedSegment(segment: Segment, size: number): Segment {
  const text = segment.text.trimEnd();
  return text === segment.text ? segment : shapedSegment({ ...segment, text }, size);
}

/** Where an item comes from: a word, and for a hyphenation point the offset in the word's text. */
interface Origin {
  readonly word: number;
  readonly offset: number | null;
}

/** The paragraph as boxes, glue and penalties; without a context (hyphenation off), no hyphenation points. */
function breakItems(
  words: readonly Word[],
  width: number,
  style: TextStyle,
  context: TextContext | null,
  lang: string,
): { items: Item[]; origins: Origin[] } {
  const items: Item[] = [];
  const origins: Origin[] = [];
  const push = (item: Item, origin: Origin) => {
    items.push(item);
    origins.push(origin);
  };
  const justified = style.align === 'justify';
  words.forEach((word, index) => {
    const lastWord = index === words.length - 1;
    let done = 0;
    for (const point of context ? hyphenationPoints(word, width, style, context) : []) {
      push({ kind: 'box', width: point.headWidth - done }, { word: index, offset: null });
      push(
        {
          kind: 'penalty',
          width: point.hyphenWidth,
          cost: justified ? hyphenCost.justified : hyphenCost.ragged,
          flagged: true,
        },
        { word: index, offset: point.offset },
      );
      done = point.headWidth;
    }
    push({ kind: 'box', width: word.width - done }, { word: index, offset: null });
    const end = { word: index, offset: null };
    if (lastWord || word.forcedBreakAfter) push({ kind: 'penalty', width: 0, cost: forced, flagged: false }, end);
    else if (word.trailing > 0) {
      push(
        { kind: 'glue', width: word.trailing, stretch: word.trailing * style.maxStretch, shrink: word.trailing * 0.2 },
        end,
      );
    } else {
      const text = word.segments.map((s) => s.text).join('');
      const hyphen = /[-\u2010\u2013]$/.test(text);
      // A title reads better broken before "long-lasting" than inside it.
      const cost = hyphen ? (style.balance ? displayHyphenCost : explicitHyphenCost) : 0;
      const repeated = hyphen ? repeatedHyphenWidth(word, style.size, lang) : 0;
      if (repeated > 0) {
        // The break's width is the next line's: -h, then a break of width h, then +h kept after it (see repeatedHyphen).
        push({ kind: 'penalty', width: 0, cost: forbidden, flagged: false }, end);
        push({ kind: 'glue', width: -repeated, stretch: 0, shrink: 0 }, end);
        push({ kind: 'penalty', width: repeated, cost, flagged: true }, end);
        push({ kind: 'box', width: 0 }, end);
        push({ kind: 'penalty', width: 0, cost: forbidden, flagged: false }, end);
        push({ kind: 'glue', width: repeated, stretch: 0, shrink: 0 }, end);
        return;
      }
      // Between CJK characters a justified line stretches the spacing of every character (see placeLine).
      const nextText = words[index + 1]?.segments[0]?.text ?? '';
      if (!hyphen && (hasCjk(text.slice(-1)) || hasCjk(nextText.slice(0, 1)))) {
        const stretch = style.size * cjkGapStretch * style.maxStretch * (cjkGapsInWord(text) + 1);
        push({ kind: 'glue', width: 0, stretch, shrink: 0 }, end);
      } else push({ kind: 'penalty', width: 0, cost, flagged: hyphen }, end);
    }
  });
  return { items, origins };
}

/**
 * The places a word may be hyphenated, with the width of the head up to each and of the hyphen added
 * there. Never in emphasis (bold or italic key terms are read whole) and only in words of letters.
 */
function hyphenationPoints(
  word: Word,
  width: number,
  style: TextStyle,
  context: TextContext,
): { offset: number; headWidth: number; hyphenWidth: number }[] {
  // A word wider than the whole line is hyphenated in any style: that beats cutting it anywhere.
  const overWide = word.width > width + 0.001;
  if (word.address || (word.segments.some((s) => s.emphasis) && !overWide)) return [];
  const text = word.segments.map((s) => s.text).join('');
  // An address ("example.org/knee-exercises", an e-mail) is never hyphenated: a reader would type the hyphen.
  if (/\p{L}[./@]\p{L}|\/\//u.test(text)) return [];
  const patterns = (style.hyphenate || overWide) && text.length <= longestHyphenatedWord;
  if (!patterns && !text.includes(softHyphen)) return [];
  const lang = word.segments[0]?.lang ?? context.lang;
  const points = breakPoints(text, lang, patterns);
  return points.flatMap((offset) => {
    const head = measureWord(splitSegments(word.segments, offset)[0], style.size, false);
    const hyphenated = hyphenatedHead(word, offset, style.size);
    // A word wider than the line keeps every point: a narrow table column may need it on three lines or more.
    if (!hyphenated || (hyphenated.width > width && !overWide)) return [];
    return [{ offset, headWidth: head.width, hyphenWidth: hyphenated.width - head.width }];
  });
}

/**
 * A link whose text is a web address too long for a line shows just the site's name (the link itself keeps
 * the whole address): a reader can type "example.org" from paper, not a wrapped path.
 */
function shortenedLink(word: Word, size: number): Word | null {
  const first = word.segments[0];
  if (!first?.href) return null;
  // The link, then at most some punctuation after it ("…/path.").
  const end = word.segments.findIndex((s) => s.href !== first.href);
  const linked = end < 0 ? word.segments : word.segments.slice(0, end);
  const after = end < 0 ? [] : word.segments.slice(end);
  if (after.some((s) => s.href !== null || !/^[\p{P}\s]*$/u.test(s.text))) return null;
  const text = linked.map((s) => s.text).join('');
  const match = /^(?:https?:\/\/)?(?:www\.)?([^/\s?#]+\.[^/\s?#]+)[/?#]\S*$/.exec(text.trimEnd());
  if (!match) return null;
  const site = { ...first, text: `${match[1]}${text.slice(text.trimEnd().length)}` };
  return measureWord([site, ...after], size, word.forcedBreakAfter);
}

/**
 * An e-mail or web address too long for a line is broken where typesetters break addresses, never with a
 * hyphen: after "@" or "//", before a dot, slash, hyphen or the query. Null for anything else.
 */
function cutAddress(word: Word, width: number, size: number): Word[] | null {
  const text = word.segments.map((s) => s.text).join('');
  const linkedAddress =
    word.segments[0]?.href !== null && word.segments[0]?.href !== undefined && /\.\p{L}/u.test(text);
  const bare = text.length <= longestBareAddress && bareAddressRanges(text).length > 0;
  if (!/@|:\/\/|^www\./i.test(text) && !linkedAddress && !bare) return null;
  const points = addressBreaks(text);
  const pieces = splitSegments(word.segments, 0)[1];
  const headAt = (from: number, to: number) =>
    measureWord(piecesBetween(pieces, from, to), size, to === text.length && word.forcedBreakAfter);
  const fits = (head: Word) => head.width <= width + 0.001;
  // The end of the text is the last candidate: when the rest fits from there, the address is done.
  const candidates = [...points, text.length];
  const chunks: Word[] = [];
  let at = 0;
  let next = 0;
  while (at < text.length) {
    while (next < candidates.length && (candidates[next] as number) <= at) next++;
    // Gallop then bisect for the last candidate that fits, so each line measures only a few heads.
    let fitting = -1;
    let step = 1;
    let high = next;
    while (high < candidates.length && fits(headAt(at, candidates[high] as number))) {
      fitting = high;
      high = next + step;
      step *= 2;
    }
    let low = fitting + 1;
    high = Math.min(high, candidates.length);
    while (low < high) {
      const middle = (low + high) >> 1;
      if (fits(headAt(at, candidates[middle] as number))) {
        fitting = middle;
        low = middle + 1;
      } else high = middle;
    }
    if (fitting < 0) return null;
    const to = candidates[fitting] as number;
    chunks.push({ ...headAt(at, to), address: true });
    at = to;
  }
  return chunks;
}

/**
 * Where an address may break: after "@", a slash (not inside "//"), a dot, a hyphen or a query's "?&=#", so
 * no line starts with a dot or a hyphen a reader could take for the end of the address or a hyphenation;
 * never inside the host's last two names ("example.co.uk" stays whole) and never before more punctuation.
 */
export function addressBreaks(text: string): number[] {
  const scheme = text.indexOf('://');
  const hostStart = scheme >= 0 ? scheme + 3 : text.lastIndexOf('@') + 1;
  const hostStop = text.slice(hostStart).search(/[/?#]/);
  const hostEnd = hostStop < 0 ? text.length : hostStart + hostStop;
  const points: number[] = [];
  for (let i = 1; i < text.length; i++) {
    const [before, here] = [text[i - 1] as string, text[i] as string];
    if (!/[@/.\-?#&=_]/.test(before) || /[@/.\-?#&=_:]/.test(here)) continue;
    if (before === '.' && i > hostStart && i <= hostEnd && text.slice(i, hostEnd).split('.').length < 3) continue;
    points.push(i);
  }
  return points;
}

/** The pieces covering text offsets [from, to) of a word. */
function piecesBetween(pieces: readonly Piece[], from: number, to: number): Piece[] {
  const between: Piece[] = [];
  let at = 0;
  for (const piece of pieces) {
    const end = at + piece.text.length;
    if (end > from && at < to)
      between.push({ ...piece, text: piece.text.slice(Math.max(0, from - at), Math.min(piece.text.length, to - at)) });
    at = end;
  }
  return between;
}

/** Can a word wider than the line be set by hyphenating it, every piece within the line? */
function fitsWhenHyphenated(word: Word, width: number, style: TextStyle, context: TextContext): boolean {
  const points = hyphenationPoints(word, width, style, context);
  if (points.length === 0) return false;
  let done = 0;
  for (const point of points) {
    if (point.headWidth + point.hyphenWidth - done > width + 0.001) return false;
    done = point.headWidth;
  }
  return word.width - done <= width;
}

/** The lines between the chosen breaks, cutting words at the hyphenation points chosen. */
function linesAt(
  breaks: readonly number[],
  origins: readonly Origin[],
  words: readonly Word[],
  size: number,
): Word[][] {
  const lines: Word[][] = [];
  let word = 0;
  let offset = 0;
  for (const b of breaks) {
    const origin = origins[b] as Origin;
    const line: Word[] = [];
    for (let i = word; i < origin.word; i++)
      line.push(i === word ? tailOf(words[i] as Word, offset, size) : (words[i] as Word));
    const last = words[origin.word] as Word;
    const from = origin.word === word ? offset : 0;
    if (origin.offset === null) {
      line.push(tailOf(last, from, size));
      word = origin.word + 1;
      offset = 0;
    } else {
      const cut = tailOf(last, from, size);
      line.push(hyphenatedHead(cut, origin.offset - from, size) as Word);
      word = origin.word;
      offset = origin.offset;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * A phone number or reading kept whole but wider than the line: parted at its own spaces ("+44 (0)1969 555 |
 * 0123 ext. 4417") rather than cut inside a group of digits or a unit.
 */
function atSpaces(word: Word, size: number): Word[] {
  const text = word.segments.map((s) => s.text).join('');
  // An extension stays with its number: "… 0123 | ext. 4417", never "ext. | 4417".
  const cuts = [...text.matchAll(/ (?=\S)/g)]
    .filter((match) => !/(?:ext\.?|extension|x|Durchwahl|DW|ramal)$/i.test(text.slice(0, match.index)))
    .map((match) => match.index + 1);
  if (cuts.length === 0) return [word];
  const words: Word[] = [];
  let rest: readonly Piece[] = word.segments;
  let done = 0;
  for (const cut of cuts) {
    const [head, tail] = splitSegments(rest as Segment[], cut - done);
    words.push(measureWord(head, size, false));
    [rest, done] = [tail, cut];
  }
  words.push(measureWord(rest, size, word.forcedBreakAfter));
  return words;
}

/** The word from `offset` on (the whole word at 0). */
function tailOf(word: Word, offset: number, size: number): Word {
  return offset === 0 ? word : measureWord(splitSegments(word.segments, offset)[1], size, word.forcedBreakAfter);
}

/** The word's head up to `offset`, ending in a drawn hyphen that stands for a soft hyphen in the text. */
function hyphenatedHead(word: Word, offset: number, size: number): Word | null {
  const [head] = splitSegments(word.segments, offset);
  const last = head[head.length - 1];
  if (!last) return null;
  const visible = stripSoftHyphens(last.text);
  if (visible.endsWith('-')) return measureWord(head, size, false);
  const shaped = shape(last.face, `${visible}-`, isRtl(last));
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
      const advance = (cluster.reduce((sum, g) => sum + g.advance, 0) * size * scaleOf(segment, size)) / 1000;
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
  return {
    ...piece,
    text: glyphs.map((g) => g.text).join(''),
    glyphs,
    width: (width * size * scaleOf(piece, size)) / 1000,
  };
}

function splitSegments(segments: readonly Segment[], offset: number): [Piece[], Piece[]] {
  const head: Piece[] = [];
  const tail: Piece[] = [];
  let at = 0;
  for (const segment of segments) {
    const piece: Piece = {
      text: segment.text,
      face: segment.face,
      color: segment.color,
      href: segment.href,
      emphasis: segment.emphasis,
      lang: segment.lang,
      sup: segment.sup,
      level: segment.level,
    };
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

/** How many times the style's stretch a justified line's spaces may take when line breaking found no better. */
const looseLineLimit = 3;

/** A stretch of a line in one face, color, link and bidi level, at its place when laid out in logical order. */
interface Run {
  readonly piece: Piece;
  readonly glyphs: ShapedGlyph[];
  readonly x: number;
  /** Where the pen ends, and where its last visible glyph ends (trailing spaces are not seen). */
  stop: number;
  end: number;
}

/**
 * Position one line's words as text boxes, merging neighbours that share a face, color, link and level.
 * A line with right-to-left text has its runs reordered for display (UAX #9, L1–L2), `rtl` being the
 * paragraph's direction; in a right-to-left document (`mirrored`) they are placed in a mirrored frame, start at the left, which layout mirrors with the
 * whole page: a start-aligned line ends up right-aligned, its first word at the right edge.
 */
function placeLine(
  words: Word[],
  style: TextStyle,
  left: number,
  width: number,
  lastLine: boolean,
  baseline: number,
  rtl = false,
  mirrored = rtl,
): { boxes: TextBox[]; width: number } {
  const natural = words.reduce((sum, w, i) => sum + w.width + (i < words.length - 1 ? w.trailing : 0), 0);
  // Real spaces stretch, and the gaps between CJK characters: a break after a hyphen has none.
  const interCharacter = cjkGapsAfter(words.flatMap((w) => w.segments.flatMap((s) => s.glyphs)));
  const gaps = words.slice(0, -1).filter((w) => w.trailing > 0).length + interCharacter.size;
  const naturalSpace = words.find((w) => w.trailing > 0)?.trailing ?? style.size * 0.25;
  // Line breaking keeps spaces within the style's stretch where the paragraph allows; where it cannot (few
  // spaces, a long word) a loose line is still justified, up to three times that, as a ragged line inside a
  // justified paragraph reads as a mistake; only beyond is a line set ragged rather than leave a river.
  const justify =
    style.align === 'justify' &&
    !lastLine &&
    gaps > 0 &&
    (width - natural) / gaps <= naturalSpace * style.maxStretch * looseLineLimit;
  // The stretch of each word space, in the glyph units of the line's size.
  const stretch = justify ? (((width - natural) / gaps) * 1000) / style.size : 0;
  let x = left;
  if (style.align === 'center') x += (width - natural) / 2;
  else if (style.align === 'right') x += width - natural;

  const runs: Run[] = [];
  let open: Run | null = null;
  let glyphIndex = -1;
  words.forEach((word, wordIndex) => {
    const stretched = stretch !== 0 && wordIndex < words.length - 1 && word.trailing > 0;
    word.segments.forEach((segment, segmentIndex) => {
      if (
        !open ||
        open.piece.face !== segment.face ||
        open.piece.color !== segment.color ||
        open.piece.href !== segment.href ||
        open.piece.lang !== segment.lang ||
        open.piece.sup !== segment.sup ||
        open.piece.level !== segment.level
      ) {
        open = { x, stop: x, end: x, glyphs: [], piece: segment };
        runs.push(open);
      }
      const run: Run = open;
      const lastSegment = segmentIndex === word.segments.length - 1;
      segment.glyphs.forEach((glyph, index) => {
        glyphIndex++;
        // The word's last glyph is its last trailing space: it carries the justification stretch.
        const widened =
          (stretched && lastSegment && index === segment.glyphs.length - 1) ||
          (stretch !== 0 && interCharacter.has(glyphIndex));
        const drawn = widened ? { ...glyph, advance: glyph.advance + stretch / scaleOf(segment, style.size) } : glyph;
        run.glyphs.push(drawn);
        x += (drawn.advance * style.size * scaleOf(segment, style.size)) / 1000;
        run.stop = x;
        if (!isSpace(glyph)) run.end = x;
      });
    });
  });
  const filled = runs.filter((run) => run.glyphs.length > 0);
  const bidi = mirrored || filled.some((run) => (run.piece.level ?? 0) > 0);
  const boxes = (bidi ? reordered(filled, rtl, mirrored) : filled).map((run) => textBox(run, style, baseline));
  return { boxes, width: justify ? width : natural };
}

/**
 * Runs moved to their visual places, in logical order still (so the content stream, and every reader
 * that follows it, gets the text in reading order). Spaces ending the line take the paragraph's level
 * (rule L1), so they fall past the line's end.
 */
function reordered(runs: readonly Run[], rtl: boolean, mirrored: boolean): Run[] {
  const line = withTrailingSpacesApart(runs, rtl ? 1 : 0);
  let order = visualOrder(line.map((run) => run.piece.level ?? 0));
  // The mirrored frame reads from the right edge: the page's mirror puts the first run back there.
  if (mirrored) order = order.reverse();
  const placed = [...line];
  let x = runs[0]?.x ?? 0;
  for (const index of order) {
    const run = line[index] as Run;
    const advance = run.stop - run.x;
    const visible = run.end - run.x;
    // A run drawn against the frame's direction has its unseen trailing spaces on its near side.
    const from = isRtl(run.piece) !== mirrored ? x + advance - visible : x;
    placed[index] = { ...run, x: from, stop: x + advance, end: from + visible };
    x += advance;
  }
  return placed;
}

/** The line's runs with the spaces ending the last one made a run of the paragraph's level. */
function withTrailingSpacesApart(runs: readonly Run[], level: number): Run[] {
  const last = runs.at(-1);
  if (!last || (last.piece.level ?? 0) === level) return [...runs];
  let cut = last.glyphs.length;
  while (cut > 0 && isSpace(last.glyphs[cut - 1] as ShapedGlyph)) cut--;
  if (cut === last.glyphs.length) return [...runs];
  const spaces: Run = { ...last, piece: { ...last.piece, level }, glyphs: last.glyphs.slice(cut), x: last.end };
  const head: Run[] = cut > 0 ? [{ ...last, glyphs: last.glyphs.slice(0, cut), stop: last.end }] : [];
  return [...runs.slice(0, -1), ...head, spaces];
}

function textBox(run: Run, style: TextStyle, baseline: number): TextBox {
  return {
    kind: 'text',
    x: run.x,
    y: baseline - (run.piece.sup ? style.size * supRise : 0),
    font: run.piece.face,
    size: style.size * scaleOf(run.piece, style.size),
    color: run.piece.color,
    glyphs: run.glyphs,
    text: run.glyphs.map((g) => g.text).join(''),
    width: run.end - run.x,
    href: run.piece.href,
    lang: run.piece.lang,
    ...(isRtl(run.piece) ? { rtl: true } : {}),
    block: 0,
    heading: null,
    artifact: false,
    node: null,
  };
}
