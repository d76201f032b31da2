import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { HandoutError } from '../errors.js';
import { type FaceId, type Font, faceFile, fontFile } from '../fonts/index.js';
import type { ShapedGlyph } from '../fonts/types.js';
import { encodeSimpleGlyph, type GlyphPath } from './simple-glyph.js';
import { subsetTrueType } from './truetype-subset.js';

/** Font programs already subset and compressed, by face (its file's content) and glyph list: the same glyphs give the same bytes. */
const programs = new Map<string, FontProgram>();

interface FontProgram {
  readonly compressed: Buffer;
  /** Uncompressed length (a TrueType program's /Length1). */
  readonly length: number;
  /** Compact Font Format outlines (embedded as FontFile3), not TrueType. */
  readonly cff: boolean;
}
const programsKept = 64;

/**
 * One face as embedded in one document: a Type 0 font whose character codes (CIDs) are allocated per
 * glyph *and* the text it stands for, so the ToUnicode map says exactly what each drawn glyph means in
 * this document (a line-end hyphen and a written hyphen are the same glyph but not the same text).
 * Nothing here outlives the document except the cache of identical font programs.
 */
export class DocumentFont {
  readonly ref: PDFKit.PDFKitReference;
  /** The glyph id behind each CID, in CID order (a glyph standing for two texts appears twice). */
  private readonly glyphs: number[] = [];
  /** CID of each glyph's first use, and of further uses standing for other texts (by glyph and text). */
  private readonly firstCid = new Map<number, number>();
  private readonly otherCids = new Map<string, number>();
  /** Per CID: the glyph's natural advance (thousandths of an em) and the text it stands for. */
  private readonly widths: number[] = [];
  private readonly texts: string[] = [];
  private readonly scale: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly font: Font,
    private readonly face: FaceId,
    readonly name: string,
  ) {
    this.ref = doc.ref({});
    this.scale = 1000 / font.unitsPerEm;
    // CID 0 is .notdef, as the font program's glyph 0.
    this.add(0, '');
  }

  /** The character code for a glyph standing for a text, allocated on first use. */
  cid(glyph: ShapedGlyph): number {
    // Most glyphs stand for one text in a document: that code is found by glyph id alone.
    const first = this.firstCid.get(glyph.id);
    if (first !== undefined && this.texts[first] === glyph.text) return first;
    const key = `${glyph.id}\u0000${glyph.text}`;
    const other = this.otherCids.get(key);
    if (other !== undefined) return other;
    const cid = this.add(glyph.id, glyph.text);
    // A glyph that already stands for another text here gets a second code of its own.
    if (first !== undefined) this.otherCids.set(key, cid);
    return cid;
  }

  private add(glyphId: number, text: string): number {
    // A damaged character map can name a glyph the font lacks: it would print as nothing.
    if (glyphId >= this.font.numGlyphs) throw missingGlyph(faceFile(this.face), glyphId, text);
    const cid = this.glyphs.length;
    this.glyphs.push(glyphId);
    if (!this.firstCid.has(glyphId)) this.firstCid.set(glyphId, cid);
    this.widths.push(round(this.font.getGlyph(glyphId).advanceWidth * this.scale));
    this.texts.push(text);
    return cid;
  }

  /** The advance the PDF's width array gives a CID: drawing adjusts from this to the shaped advance. */
  width(cid: number): number {
    return this.widths[cid] as number;
  }

  /** Write the font's objects. Called once, when the document's content is complete. */
  embed(): void {
    const program = this.program();
    const name = `${subsetTag(this.face, this.glyphs)}+${(this.font.postscriptName ?? 'Font').replaceAll(' ', '_')}`;
    const cff = program.cff;
    const fontFile = this.doc.ref({
      Filter: 'FlateDecode',
      ...(cff ? { Subtype: 'CIDFontType0C' } : { Length1: program.length }),
    });
    fontFile.end(program.compressed);
    const bbox = this.font.bbox;
    const descriptor = this.doc.ref({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: descriptorFlags(this.font),
      FontBBox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => round(v * this.scale)),
      ItalicAngle: this.font.italicAngle,
      Ascent: round(this.font.ascent * this.scale),
      Descent: round(this.font.descent * this.scale),
      CapHeight: round((this.font.capHeight || this.font.ascent) * this.scale),
      XHeight: round((this.font.xHeight || 0) * this.scale),
      StemV: 0,
      [cff ? 'FontFile3' : 'FontFile2']: fontFile,
    });
    descriptor.end(undefined);
    const descendant = this.doc.ref({
      Type: 'Font',
      Subtype: cff ? 'CIDFontType0' : 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: [0, this.widths.map(round)],
      ...(cff ? {} : { CIDToGIDMap: 'Identity' }),
    });
    descendant.end(undefined);
    const toUnicode = this.doc.ref({});
    toUnicode.end(toUnicodeCMap(this.texts));
    Object.assign(this.ref.data, {
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: name,
      Encoding: 'Identity-H',
      DescendantFonts: [descendant],
      ToUnicode: toUnicode,
    });
    this.ref.end(undefined);
  }

  /** The subset font program, compressed; identical glyph lists share one encoding. */
  private program(): FontProgram {
    const key = `${this.face}\u0000${this.glyphs.join(',')}`;
    let program = programs.get(key);
    if (!program) {
      const trueType = subsetTrueType(fontFile(this.face), this.glyphs);
      const bytes = trueType ?? this.fontkitSubset();
      program = { compressed: deflateSync(bytes), length: bytes.length, cff: trueType === null && this.isCff() };
      if (programs.size >= programsKept) programs.delete(programs.keys().next().value as string);
      programs.set(key, program);
    }
    return program;
  }

  private isCff(): boolean {
    return (this.font.createSubset() as unknown as FontSubset).cff !== undefined;
  }

  /** fontkit's subsetter, for outlines the TrueType one does not handle (CFF, variable fonts). */
  private fontkitSubset(): Uint8Array {
    const subset = this.font.createSubset() as unknown as FontSubset;
    // fontkit starts a subset with its own .notdef; ours is already glyph 0 (CID 0), and a second one
    // would shift every glyph by one: CID i must be subset glyph i.
    subset.glyphs = [...this.glyphs];
    subset.mapping = {};
    this.glyphs.forEach((id, index) => {
      subset.mapping[id] ??= index;
    });
    // A variable font's instance has its outlines re-encoded: by our encoder (fontkit's fails, see there).
    if (subset.glyphEncoder) subset.glyphEncoder = { encodeSimple: encodeSimpleGlyph };
    return subset.encode();
  }
}

function missingGlyph(path: string, glyphId: number, text: string): HandoutError {
  const code = text.codePointAt(0);
  const character =
    code === undefined ? 'a character' : `"${text}" (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return new HandoutError({
    code: 'font-invalid',
    message: `font ${path.split(/[\\/]/).pop()} is damaged: it draws ${character} with glyph ${glyphId}, which it does not have`,
    file: path,
    hint: 'Download or copy the font again, or use another font.',
  });
}

/** The parts of fontkit's subset object used here (its glyph list may hold one glyph more than once). */
interface FontSubset {
  glyphs: number[];
  /** Subset index of each glyph, which composite glyphs' parts are looked up in (and appended to when absent). */
  mapping: Record<number, number>;
  readonly cff?: unknown;
  /** TrueType subsets only: what writes a varied outline as a simple glyph. */
  glyphEncoder?: { encodeSimple(path: GlyphPath): Uint8Array };
  encode(): Uint8Array;
}

/** Six capital letters naming the subset (ISO 32000-1 §9.6.4), from its content: the face's hash and glyphs, no path. */
function subsetTag(face: FaceId, glyphs: readonly number[]): string {
  const digest = createHash('sha256')
    .update(`${face}:${glyphs.join(',')}`)
    .digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

function descriptorFlags(font: Font): number {
  const familyClass = ((font['OS/2'] as { sFamilyClass?: number } | undefined)?.sFamilyClass ?? 0) >> 8;
  let flags = 1 << 2; // symbolic: the glyphs are addressed by CID, not a standard encoding
  const tables = font as unknown as { post: { isFixedPitch?: number }; head: { macStyle?: { italic?: boolean } } };
  if (tables.post.isFixedPitch) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
  if (familyClass === 10) flags |= 1 << 3;
  if (tables.head.macStyle?.italic) flags |= 1 << 6;
  return flags;
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A ToUnicode CMap with one entry for every CID that stands for some text. */
function toUnicodeCMap(texts: readonly string[]): string {
  const entries: string[] = [];
  texts.forEach((text, cid) => {
    if (text !== '') entries.push(`<${hex4(cid)}> <${utf16Hex(text)}>`);
  });
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** Four hex digits, from a table for the codes a document commonly uses. */
const hexTable = Array.from({ length: 4096 }, (_, i) => i.toString(16).toUpperCase().padStart(4, '0'));
export const hex4 = (value: number): string =>
  value < 4096 ? (hexTable[value] as string) : value.toString(16).toUpperCase().padStart(4, '0');

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}
