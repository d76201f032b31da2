import { statSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { HandoutError, type SourcePlace } from '../errors.js';
import { readConfined, resolveConfined } from './confined-read.js';
import { limits } from './limits.js';

/** Fonts already checked, by real path and stamp: a batch checks each file once. */
const checked = new Map<string, string>();

/**
 * Check a font file before anything uses it: inside its folder, a regular file, every table the file
 * lists really there (a truncated download fails here, not halfway through a PDF), and fontkit can
 * measure and shape with it. Returns the real path.
 */
export function checkFontFile(path: string, roots: readonly string[], place?: SourcePlace): string {
  const read = { roots, what: 'font file', place, maxBytes: limits.binaryBytes };
  const real = resolveConfined(path, read);
  const stat = statSync(real);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  if (checked.get(real) === stamp) return real;
  const { bytes } = readConfined(path, read);
  const damage = tableDamage(bytes) ?? shapingFailure(bytes);
  if (damage) {
    throw new HandoutError({
      code: 'font-invalid',
      message: `cannot load font ${path.split(/[\\/]/).pop()}: ${damage}`,
      ...(place ?? { file: path }),
      hint: 'Download or copy the font again (the file may be cut short); use TrueType (.ttf) or OpenType (.otf).',
    });
  }
  checked.set(real, stamp);
  return real;
}

/** A font file is a directory of tables; each must lie inside the file. */
function tableDamage(bytes: Buffer): string | null {
  if (bytes.length < 12) return 'the file is too short to be a font';
  const tag = bytes.toString('latin1', 0, 4);
  if (tag === 'ttcf') return null; // collections: fontkit checks each face below
  const woff = tag === 'wOFF';
  if (tag === 'wOF2') return 'WOFF2 fonts cannot be embedded';
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

function shapingFailure(bytes: Buffer): string | null {
  try {
    const parsed = fontkit.create(bytes);
    const font = 'fonts' in parsed ? parsed.fonts[0] : parsed;
    if (!font) return 'the collection holds no font';
    if (!(font.unitsPerEm > 0)) return 'the font has no valid units per em';
    font.layout('Aa 1');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
