import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { fileStamp } from './confined-read.js';
import type { FaceFamily, FontFace } from './font-types.js';
import { scripts } from './scripts.js';

export type { FaceFamily, FontFace } from './font-types.js';

/** Faces by file and stamp: reading a CJK font's character map costs tens of milliseconds, once per process. */
const known = new Map<string, { stamp: string; faces: readonly FontFace[] }>();

/** Every face of a font file (each face of a collection); a file fontkit cannot read has none. */
export function facesOf(file: string): readonly FontFace[] {
  const stamp = existsSync(file) ? fileStamp(file) : 'gone';
  const cached = known.get(file);
  if (cached?.stamp === stamp) return cached.faces;
  let faces: FontFace[] = [];
  try {
    const parsed = fontkit.create(readFileSync(file));
    const list = 'fonts' in parsed ? (parsed.fonts as fontkit.Font[]) : [parsed];
    faces = list.map((font, index) => describe(font, file, index));
  } catch {
    // Unreadable files are diagnosed where they are used (checkFontFile); a listing just leaves them out.
  }
  known.set(file, { stamp, faces });
  return faces;
}

function describe(font: fontkit.Font, file: string, index: number): FontFace {
  const style = font.subfamilyName || 'Regular';
  const os2 = (font as unknown as { 'OS/2'?: { usWeightClass?: number } })['OS/2'];
  const bold = /bold|black|heavy/i.test(style) || (os2?.usWeightClass ?? 400) >= 600;
  const italic = /italic|oblique/i.test(style) || font.italicAngle !== 0;
  return {
    family: font.familyName,
    style,
    bold,
    italic,
    format: formatOf(font),
    file,
    index,
    embeddable: embeddingAllowed(font),
    scripts: scripts.filter((s) => s.sample.every((cp) => font.hasGlyphForCodePoint(cp))).map((s) => s.name),
  };
}

function formatOf(font: fontkit.Font): FontFace['format'] {
  const type = (font as unknown as { type?: string }).type;
  if (type === 'WOFF2') return 'WOFF2';
  if (type === 'WOFF') return 'WOFF';
  const tables = (font as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables;
  return 'CFF ' in tables || 'CFF2' in tables ? 'OpenType/CFF' : 'TrueType';
}

/**
 * OS/2 fsType: bit 1 alone is "restricted licence embedding" (the font must not leave the machine); bits 2
 * and 3 (preview & print, editable) allow embedding and win over it, as the OpenType spec says.
 */
/** The OS/2 fsType licence flags allow embedding (fontkit reads them as named flags, not a number). */
export function embeddingAllowed(font: fontkit.Font): boolean {
  const flags = (font as unknown as { 'OS/2'?: { fsType?: Record<string, boolean> } })['OS/2']?.fsType;
  if (!flags) return true;
  return !(flags.noEmbedding && !flags.viewOnly && !flags.editable);
}

/**
 * Faces grouped into families by name, each style picked from what there is (a family with only a regular
 * face draws bold in it too). Only faces a document can embed: the first of a collection, embedding allowed.
 */
export function familiesOf(faces: readonly FontFace[]): FaceFamily[] {
  const byName = new Map<string, FontFace[]>();
  for (const face of faces) {
    if (face.index !== 0 || !face.embeddable) continue;
    byName.set(face.family, [...(byName.get(face.family) ?? []), face]);
  }
  const families: FaceFamily[] = [];
  for (const [name, members] of byName) {
    const pick = (bold: boolean, italic: boolean) => members.find((f) => f.bold === bold && f.italic === italic)?.file;
    const regular = pick(false, false) ?? (members[0] as FontFace).file;
    const bold = pick(true, false) ?? regular;
    const italic = pick(false, true) ?? regular;
    families.push({ name, regular, bold, italic, boldItalic: pick(true, true) ?? bold });
  }
  return families;
}
