import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { HandoutError } from '../errors.js';

export type Font = fontkit.Font;

/** Vertical metrics of a face, per 1000 units of em. */
export interface FaceMetrics {
  readonly ascent: number;
  readonly descent: number;
}

/** Parsed fonts by file: parsing is the expensive part, so each file is read once per process. */
const fonts = new Map<string, Font>();
/** Advance widths (per 1000 em) by face and text: a batch measures each word once. */
const widths = new Map<string, Map<string, number>>();
const coverage = new Map<string, Map<number, boolean>>();

export function loadFont(path: string): Font {
  let font = fonts.get(path);
  if (font) return font;
  try {
    const parsed = fontkit.create(readFileSync(path));
    font = 'fonts' in parsed ? (parsed.fonts[0] as Font) : parsed;
  } catch (cause) {
    throw new HandoutError({
      code: 'font-invalid',
      message: `cannot load font: ${(cause as Error).message}`,
      file: path,
      hint: 'Use a TrueType (.ttf) or OpenType (.otf) font file; WOFF2 is not supported.',
      cause,
    });
  }
  fonts.set(path, font);
  return font;
}

/** Width of text in a face, in thousandths of the font size, measured as PDFKit will draw it (shaped, kerned). */
export function measure(path: string, text: string): number {
  let cache = widths.get(path);
  if (!cache) {
    cache = new Map();
    widths.set(path, cache);
  }
  let width = cache.get(text);
  if (width === undefined) {
    const font = loadFont(path);
    width = (font.layout(text).advanceWidth * 1000) / font.unitsPerEm;
    cache.set(text, width);
  }
  return width;
}

export function hasGlyph(path: string, codePoint: number): boolean {
  let cache = coverage.get(path);
  if (!cache) {
    cache = new Map();
    coverage.set(path, cache);
  }
  let has = cache.get(codePoint);
  if (has === undefined) {
    has = loadFont(path).hasGlyphForCodePoint(codePoint);
    cache.set(codePoint, has);
  }
  return has;
}

export function faceMetrics(path: string): FaceMetrics {
  const font = loadFont(path);
  const scale = 1000 / font.unitsPerEm;
  return { ascent: font.ascent * scale, descent: font.descent * scale };
}
