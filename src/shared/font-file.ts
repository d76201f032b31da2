import { HandoutError, type SourcePlace } from '../errors.js';
import { fileStamp, readConfined, resolveConfined } from './confined-read.js';
import { glyphDamage } from './font-damage.js';
import { FaceNotFound, openFace, splitFaceRef } from './font-face.js';
import { limits } from './limits.js';

/** Fonts already checked, by real path and stamp: a batch checks each file once. */
const checked = new Map<string, string>();

/**
 * Check a font file before anything uses it: inside its folder, a regular file, every table the file
 * lists really there (a truncated download fails here, not halfway through a PDF), and fontkit can
 * measure and shape with it. Returns the real path.
 */
export function checkFontFile(ref: string, roots: readonly string[], place?: SourcePlace): string {
  const { file: path, face } = splitFaceRef(ref);
  const read = { roots, what: 'font file', place, maxBytes: limits.binaryBytes };
  const real = resolveConfined(path, read);
  const stamp = `${fileStamp(real)}:${face ?? ''}`;
  if (checked.get(real) === stamp) return real;
  const { bytes } = readConfined(path, read);
  const file = path.split(/[\\/]/).pop();
  const format = unsupportedFormat(bytes, path);
  if (format) {
    throw new HandoutError({
      code: 'font-format',
      message: `cannot embed font ${file}: ${format.message}`,
      ...(place ?? { file: path }),
      hint: format.hint,
    });
  }
  const broken = tableDamage(bytes);
  const damage = broken ? { message: broken, unnamed: false } : faceDamage(bytes, face);
  if (damage) {
    throw new HandoutError({
      code: 'font-invalid',
      message: `cannot load font ${file}: ${damage.message}`,
      ...(place ?? { file: path }),
      hint: damage.unnamed
        ? 'Name one of the faces listed after "#", or leave "#..." out for the first face or the default instance.'
        : 'Download or copy the font again (the file may be cut short or damaged); use TrueType (.ttf) or OpenType (.otf).',
    });
  }
  checked.set(real, stamp);
  return real;
}

/** Formats no PDF font of this tool can carry, told by their first bytes (or, for Type 1, the name too). */
function unsupportedFormat(bytes: Buffer, path: string): { message: string; hint: string } | null {
  const start = bytes.toString('latin1', 0, 14);
  // PFB segments start 0x80 0x01; PFA (and .t1) files are PostScript text.
  const type1 = (bytes[0] === 0x80 && bytes[1] === 0x01) || /^%!(PS-AdobeFont|FontType1)/.test(start);
  if (type1 || /\.(pfb|pfa|t1)$/i.test(path))
    return {
      message: 'Type 1 fonts are not supported; use an OpenType version',
      hint: "Use the OpenType (.otf) or TrueType (.ttf) version of the font (Debian's fonts-urw-base35, for one, ships .otf).",
    };
  if (tableTags(bytes).includes('CFF2'))
    return {
      message: 'CFF2 outlines (OpenType variable fonts with CFF2) cannot be embedded yet',
      hint: 'Use a TrueType (.ttf, also variable) or OpenType/CFF (.otf) version of the font.',
    };
  if (start.startsWith('wOF2'))
    return {
      message: 'WOFF2 fonts cannot be embedded',
      hint: 'Use the TTF, OTF or WOFF version of the font.',
    };
  return null;
}

/** The table tags of a font file's (first) face, as far as its directory lies inside the file. */
function tableTags(bytes: Buffer): string[] {
  if (bytes.length < 16) return [];
  const woff = bytes.toString('latin1', 0, 4) === 'wOFF';
  const face = bytes.toString('latin1', 0, 4) === 'ttcf' ? bytes.readUInt32BE(12) : 0;
  if (face + 12 > bytes.length) return [];
  const count = bytes.readUInt16BE(face + (woff ? 12 : 4));
  const [first, entry] = woff ? [44, 20] : [face + 12, 16];
  const tags: string[] = [];
  for (let i = 0; i < count && first + i * entry + 4 <= bytes.length; i++)
    tags.push(bytes.toString('latin1', first + i * entry, first + i * entry + 4));
  return tags;
}

/** A font file is a directory of tables; each must lie inside the file. */
function tableDamage(bytes: Buffer): string | null {
  if (bytes.length < 12) return 'the file is too short to be a font';
  const tag = bytes.toString('latin1', 0, 4);
  if (tag === 'ttcf') return null; // collections: fontkit checks each face below
  const woff = tag === 'wOFF';
  const count = bytes.readUInt16BE(woff ? 12 : 4);
  const first = woff ? 44 : 12;
  const entry = woff ? 20 : 16;
  if (first + count * entry > bytes.length) return 'the file is cut short (its table directory is incomplete)';
  for (let i = 0; i < count; i++) {
    const at = first + i * entry;
    const offset = bytes.readUInt32BE(at + (woff ? 4 : 8));
    const length = bytes.readUInt32BE(at + (woff ? 8 : 12));
    if (offset + length > bytes.length) {
      return `the file is cut short (table "${bytes.toString('latin1', at, at + 4).trim()}" runs past its end)`;
    }
  }
  return null;
}

/** The face a template draws with (the one named, or a collection's first), loaded, shaping, and with sound glyphs. */
function faceDamage(bytes: Buffer, face: string | null): { message: string; unnamed: boolean } | null {
  try {
    const font = openFace(bytes, face);
    if (!(font.unitsPerEm > 0)) return { message: 'the font has no valid units per em', unnamed: false };
    font.layout('Aa 1');
    const glyphs = glyphDamage(font);
    return glyphs === null ? null : { message: glyphs, unnamed: false };
  } catch (error) {
    return { message: (error as Error).message, unnamed: error instanceof FaceNotFound };
  }
}
