import { readFileSync } from 'node:fs';
import type * as fontkit from 'fontkit';
import { HandoutError } from '../errors.js';
import { fileStamp, sha256 } from '../shared/confined-read.js';
import { openFace as parseFace, splitFaceRef } from '../shared/font-face.js';
import { shapeRun } from './shape.js';
import type { ShapedText } from './types.js';

export type { ShapedGlyph, ShapedText } from './types.js';

export type Font = fontkit.Font;

/** Vertical metrics of a face, per 1000 units of em. */
export interface FaceMetrics {
  readonly ascent: number;
  readonly descent: number;
}

/**
 * A face as the store knows it: the sha256 of its file's bytes. Layout and render name fonts by this, never
 * by path, so a file replaced between two builds in one process is a new face, and a face's identity (its
 * subset tag in a PDF) is the same in any folder.
 */
export type FaceId = string;

interface StoredFace {
  readonly bytes: Buffer;
  /** The file it was last opened from, for messages: files with the same bytes share the face. */
  file: string;
  /** The face of the file a reference chose after "#" (a collection's face, a variable font's instance). */
  readonly name: string | null;
  font?: Font;
}

/** Font files by content: parsing is the expensive part, so each distinct file is parsed once per process. */
const faces = new Map<FaceId, StoredFace>();
/** The face each path held when last looked at, kept while the file is unchanged: a batch reads each file once. */
const opened = new Map<string, { stamp: string; face: FaceId }>();
/** Shaped words by face: a batch shapes each word once. A hit returns exactly what shaping computes. */
const shapedWords = new Map<FaceId, Map<string, ShapedText>>();
/** Longer texts are not words (a URL, a run of letters): shaping them again is cheaper than keeping them. */
const longestCached = 48;
const coverage = new Map<FaceId, Map<number, boolean>>();

/**
 * The face a font file holds now (`file#Face` names one face of a collection or variable font). The file is
 * read only when its stamp (size, times, inode) changed since it was last opened; its bytes are then hashed
 * and kept under the hash, with the face's name after it.
 */
export function openFace(path: string): FaceId {
  const { file, face: name } = splitFaceRef(path);
  const stamp = stampOf(file);
  const known = opened.get(path);
  if (known && known.stamp === stamp) {
    stored(known.face).file = file;
    return known.face;
  }
  const bytes = readFont(file);
  const face = name === null ? sha256(bytes) : `${sha256(bytes)}#${name}`;
  const same = faces.get(face);
  if (same) same.file = file;
  else faces.set(face, { bytes, file, name });
  // The stamp taken before reading: a file changed while it was read is read again next time.
  opened.set(path, { stamp, face });
  return face;
}

function stampOf(path: string): string {
  try {
    return fileStamp(path);
  } catch (cause) {
    throw unloadable(path, cause);
  }
}

function readFont(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw unloadable(path, cause);
  }
}

function stored(face: FaceId): StoredFace {
  const found = faces.get(face);
  // Every face id comes from openFace in this process: an unknown one is a bug, not a user's mistake.
  if (!found) throw new Error(`font face ${face} was not opened in this process`);
  return found;
}

export function loadFont(face: FaceId): Font {
  const entry = stored(face);
  if (entry.font) return entry.font;
  try {
    entry.font = parseFace(entry.bytes, entry.name);
  } catch (cause) {
    throw unloadable(entry.file, cause);
  }
  return entry.font;
}

function unloadable(file: string, cause: unknown): HandoutError {
  return new HandoutError({
    code: 'font-invalid',
    message: `cannot load font: ${(cause as Error).message}`,
    file,
    hint: 'Use a TrueType (.ttf) or OpenType (.otf) font file; WOFF2 is not supported.',
    cause,
  });
}

/** The bytes of a face's file, for embedding (the whole collection, for a collection's face). */
export function fontFile(face: FaceId): Uint8Array {
  return stored(face).bytes;
}

/** The file a face was read from, for messages that name it. */
export function faceFile(face: FaceId): string {
  return stored(face).file;
}

/** Text shaped in a face (glyphs, advances, offsets, the text each glyph stands for), in thousandths of an em. */
export function shape(face: FaceId, text: string, rtl = false): ShapedText {
  if (text.length > longestCached) return shapeRun(loadFont(face), text, rtl);
  let cache = shapedWords.get(face);
  if (!cache) {
    cache = new Map();
    shapedWords.set(face, cache);
  }
  // A right-to-left run is shaped apart (mirrored brackets, marks placed for right-to-left drawing).
  const key = rtl ? `\u0001${text}` : text;
  let shaped = cache.get(key);
  if (shaped === undefined) {
    shaped = shapeRun(loadFont(face), text, rtl);
    cache.set(key, shaped);
  }
  return shaped;
}

/** Width of text in a face, in thousandths of the font size, exactly as it is drawn. */
export function measure(face: FaceId, text: string): number {
  return shape(face, text).width;
}

export function hasGlyph(face: FaceId, codePoint: number): boolean {
  let cache = coverage.get(face);
  if (!cache) {
    cache = new Map();
    coverage.set(face, cache);
  }
  let has = cache.get(codePoint);
  if (has === undefined) {
    has = loadFont(face).hasGlyphForCodePoint(codePoint);
    cache.set(codePoint, has);
  }
  return has;
}

export function faceMetrics(face: FaceId): FaceMetrics {
  const font = loadFont(face);
  const scale = 1000 / font.unitsPerEm;
  return { ascent: font.ascent * scale, descent: font.descent * scale };
}

/** Where and how thick an underline is drawn, per 1000 units of em (position is below the baseline when negative). */
export function underlineMetrics(face: FaceId): { position: number; thickness: number } {
  const font = loadFont(face);
  const scale = 1000 / font.unitsPerEm;
  const post = font as unknown as { underlinePosition?: number; underlineThickness?: number };
  return {
    position: (post.underlinePosition || -0.1 * font.unitsPerEm) * scale,
    thickness: (post.underlineThickness || 0.05 * font.unitsPerEm) * scale,
  };
}
