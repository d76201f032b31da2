import type { TextBox } from '../layout/types.js';
import type { DocumentFont } from './document-font.js';

/** A number as content-stream text: at most three decimals, never exponent notation or "-0". */
export function num(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return rounded === 0 ? '0' : String(rounded);
}

/**
 * The text object drawing a box's glyphs exactly where layout placed them. Page space is y-down (PDFKit
 * flips it), so the text matrix flips back. Each glyph is shown by its CID; where its shaped advance
 * differs from the font's width (kerning, a justified space) a TJ adjustment moves the pen; a glyph with
 * an offset (a positioned mark) gets its own text matrix.
 */
export function glyphRunOperators(box: TextBox, font: DocumentFont, fill: string): string {
  if (box.rtl) return rightToLeftOperators(box, font, fill);
  const scale = box.size / 1000;
  const ops: string[] = [fill, 'BT', `/${font.name} ${num(box.size)} Tf`, `1 0 0 -1 ${num(box.x)} ${num(box.y)} Tm`];
  let shown: string[] = [];
  let codes = '';
  const flush = () => {
    if (codes) shown.push(`(${codes})`);
    codes = '';
    if (shown.length > 0) ops.push(`[${shown.join(' ')}] TJ`);
    shown = [];
  };
  let pen = box.x;
  let moved = false;
  for (const glyph of box.glyphs) {
    const cid = font.cid(glyph);
    const offset = glyph.dx !== 0 || glyph.dy !== 0;
    if (offset || moved) {
      flush();
      ops.push(`1 0 0 -1 ${num(pen + glyph.dx * scale)} ${num(box.y - glyph.dy * scale)} Tm`);
      moved = offset;
    }
    codes += twoBytes(cid);
    const adjustment = font.width(cid) - glyph.advance;
    if (offset) flush();
    else if (Math.abs(adjustment) >= 0.0005) {
      shown.push(`(${codes})`, num(adjustment));
      codes = '';
    }
    pen += glyph.advance * scale;
  }
  flush();
  ops.push('ET');
  return ops.join('\n');
}

/**
 * A right-to-left run: glyphs shown in reading order (what text extraction and the tags follow), each
 * placed left of the one before, starting from the box's right end. A TJ adjustment takes the pen back
 * over the glyph just shown and the next one's advance; a glyph with an offset gets its own text matrix.
 */
function rightToLeftOperators(box: TextBox, font: DocumentFont, fill: string): string {
  const scale = box.size / 1000;
  const ops: string[] = [fill, 'BT', `/${font.name} ${num(box.size)} Tf`];
  let shown: string[] = [];
  const flush = () => {
    if (shown.length > 0) ops.push(`[${shown.join(' ')}] TJ`);
    shown = [];
  };
  // Where the pen is after the last glyph shown, in thousandths of an em from the right end (null: set it).
  let pen: number | null = null;
  let left = 0;
  for (const glyph of box.glyphs) {
    const cid = font.cid(glyph);
    left -= glyph.advance;
    const offset = glyph.dx !== 0 || glyph.dy !== 0;
    if (offset || pen === null) {
      flush();
      const x = box.x + box.width + (left + glyph.dx) * scale;
      ops.push(`1 0 0 -1 ${num(x)} ${num(box.y - glyph.dy * scale)} Tm`);
    } else if (Math.abs(pen - left) >= 0.0005) shown.push(num(pen - left));
    shown.push(`(${twoBytes(cid)})`);
    pen = offset ? null : left + font.width(cid);
  }
  flush();
  ops.push('ET');
  return ops.join('\n');
}

/**
 * A CID as the two bytes of a literal string (half the size of hex): parentheses and backslash escaped,
 * and CR and LF too, which a reader would otherwise take as a line end.
 */
function twoBytes(cid: number): string {
  return byteText[cid >> 8] + (byteText[cid & 255] as string);
}

const byteText = Array.from({ length: 256 }, (_, byte) => {
  switch (byte) {
    case 0x28:
      return '\\(';
    case 0x29:
      return '\\)';
    case 0x5c:
      return '\\\\';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    default:
      return String.fromCharCode(byte);
  }
});

/** The operator setting the fill colour for text: `r g b rg`, or `c m y k k` in CMYK (0–100 given). */
export function fillOperator(paint: string | readonly number[]): string {
  if (typeof paint !== 'string') return `${paint.map((v) => num(v / 100)).join(' ')} k`;
  const n = Number.parseInt(paint.slice(1), 16);
  return `${num(((n >> 16) & 255) / 255)} ${num(((n >> 8) & 255) / 255)} ${num((n & 255) / 255)} rg`;
}
