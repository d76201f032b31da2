import { readFileSync } from 'node:fs';
import type * as fontkit from 'fontkit';
import { HandoutError } from '../errors.js';
import { openFace, splitFaceRef } from '../shared/font-face.js';
import { shapeRun } from './shape.js';
import type { ShapedText } from './types.js';

export type { ShapedGlyph, ShapedText } from './types.js';

export type Font = fontkit.Font;

/** Vertical metrics of a face, per 1000 units of em. */
export interface FaceMetrics {
  readonly ascent: number;
  readonly descent: number;
}

/** Parsed fonts by file: parsing is the expensive part, so each file is read once per process. */
const fonts = new Map<string, Font>();
/** Shaped words by face: a batch shapes each word once. A hit returns exactly what shaping computes. */
const shapedWords = new Map<string, Map<string, ShapedText>>();
/** Longer texts are not words (a URL, a run of letters): shaping them again is cheaper than keeping them. */
const longestCached = 48;
const coverage = new Map<string, Map<number, boolean>>();

/** The bytes of each font file loaded, for embedding. */
const files = new Map<string, Uint8Array>();

export function loadFont(path: string): Font {
  let font = fonts.get(path);
  if (font) return font;
  try {
    // A path may name one face of its file after "#" (a collection's face, a variable font's instance).
    const { file, face } = splitFaceRef(path);
    const bytes = readFileSync(file);
    files.set(path, bytes);
    font = openFace(bytes, face);
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

/** The file behind a loaded font (the whole collection, for a collection's face). */
export function fontFile(path: string): Uint8Array {
  loadFont(path);
  return files.get(path) as Uint8Array;
}

/** Text shaped in a face (glyphs, advances, offsets, the text each glyph stands for), in thousandths of an em. */
export function shape(path: string, text: string): ShapedText {
  if (text.length > longestCached) return shapeRun(loadFont(path), text);
  let cache = shapedWords.get(path);
  if (!cache) {
    cache = new Map();
    shapedWords.set(path, cache);
  }
  let shaped = cache.get(text);
  if (shaped === undefined) {
    shaped = shapeRun(loadFont(path), text);
    cache.set(text, shaped);
  }
  return shaped;
}

/** Width of text in a face, in thousandths of the font size, exactly as it is drawn. */
export function measure(path: string, text: string): number {
  return shape(path, text).width;
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

/** Where and how thick an underline is drawn, per 1000 units of em (position is below the baseline when negative). */
export function underlineMetrics(path: string): { position: number; thickness: number } {
  const font = loadFont(path);
  const scale = 1000 / font.unitsPerEm;
  const post = font as unknown as { underlinePosition?: number; underlineThickness?: number };
  return {
    position: (post.underlinePosition || -0.1 * font.unitsPerEm) * scale,
    thickness: (post.underlineThickness || 0.05 * font.unitsPerEm) * scale,
  };
}
