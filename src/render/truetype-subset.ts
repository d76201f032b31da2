/**
 * A TrueType font program holding only the given glyphs, in the given order (glyph i of the result is
 * `glyphs[i]` of the font; an id may repeat), for a CIDFontType2 with an identity CID-to-glyph map.
 * The tables PDF needs (ISO 32000-1 §9.9) are written: glyf, loca, hmtx, head, hhea, maxp, and cvt,
 * fpgm, prep as they are. Glyph outlines are copied byte for byte; composite glyphs bring their parts,
 * appended after the requested glyphs. Returns null for fonts it does not handle (CFF outlines, variable
 * fonts), which are left to fontkit's subsetter.
 */
export function subsetTrueType(font: Uint8Array, glyphs: readonly number[]): Uint8Array | null {
  const source = parseFont(font);
  if (!source) return null;
  const order = [...glyphs];
  const firstIndex = new Map<number, number>();
  order.forEach((id, index) => {
    if (!firstIndex.has(id)) firstIndex.set(id, index);
  });
  const indexOf = (id: number) => {
    let index = firstIndex.get(id);
    if (index === undefined) {
      index = order.length;
      order.push(id);
      firstIndex.set(id, index);
    }
    return index;
  };
  const outlines: Uint8Array[] = [];
  // The list grows while composites bring in their parts.
  for (let i = 0; i < order.length; i++) outlines.push(glyphData(source, order[i] as number, indexOf));

  const loca = new DataView(new ArrayBuffer((outlines.length + 1) * 4));
  let offset = 0;
  outlines.forEach((data, i) => {
    loca.setUint32(i * 4, offset);
    offset += padded(data.length);
  });
  loca.setUint32(outlines.length * 4, offset);
  const glyf = new Uint8Array(offset);
  let at = 0;
  for (const data of outlines) {
    glyf.set(data, at);
    at += padded(data.length);
  }
  const hmtx = new DataView(new ArrayBuffer(order.length * 4));
  order.forEach((id, i) => {
    const [advance, bearing] = horizontalMetrics(source, id);
    hmtx.setUint16(i * 4, advance);
    hmtx.setInt16(i * 4 + 2, bearing);
  });
  const head = copyTable(source, 'head');
  const hhea = copyTable(source, 'hhea');
  const maxp = copyTable(source, 'maxp');
  if (!head || !hhea || !maxp) return null;
  viewOf(head).setUint32(8, 0); // checkSumAdjustment, set below
  viewOf(head).setInt16(50, 1); // long loca offsets
  viewOf(hhea).setUint16(34, order.length);
  viewOf(maxp).setUint16(4, order.length);
  const tables: [string, Uint8Array][] = [
    ['cvt ', copyTable(source, 'cvt ')],
    ['fpgm', copyTable(source, 'fpgm')],
    ['glyf', glyf],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', new Uint8Array(hmtx.buffer)],
    ['loca', new Uint8Array(loca.buffer)],
    ['maxp', maxp],
    ['prep', copyTable(source, 'prep')],
  ].filter((entry): entry is [string, Uint8Array] => entry[1] !== null);
  return writeFont(tables);
}

interface SourceFont {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly tables: ReadonlyMap<string, { offset: number; length: number }>;
  readonly longLoca: boolean;
  readonly glyphCount: number;
  readonly horizontalMetricsCount: number;
}

const parsed = new WeakMap<Uint8Array, SourceFont | null>();

function parseFont(file: Uint8Array): SourceFont | null {
  if (parsed.has(file)) return parsed.get(file) ?? null;
  // A plain copy: a Node Buffer's slice() shares memory, and tables are copied and edited below.
  const bytes = Uint8Array.from(file);
  const view = new DataView(bytes.buffer);
  const tables = new Map<string, { offset: number; length: number }>();
  const version = view.getUint32(0);
  if (version === 0x00010000 || version === 0x74727565) {
    const count = view.getUint16(4);
    for (let i = 0; i < count; i++) {
      const entry = 12 + i * 16;
      const tag = String.fromCharCode(...bytes.subarray(entry, entry + 4));
      tables.set(tag, { offset: view.getUint32(entry + 8), length: view.getUint32(entry + 12) });
    }
  }
  const head = tables.get('head');
  const maxp = tables.get('maxp');
  const hhea = tables.get('hhea');
  const usable =
    head && maxp && hhea && tables.has('glyf') && tables.has('loca') && tables.has('hmtx') && !tables.has('gvar');
  const font = usable
    ? {
        bytes,
        view,
        tables,
        longLoca: view.getInt16(head.offset + 50) === 1,
        glyphCount: view.getUint16(maxp.offset + 4),
        horizontalMetricsCount: view.getUint16(hhea.offset + 34),
      }
    : null;
  parsed.set(file, font);
  return font;
}

function table(font: SourceFont, tag: string): { offset: number; length: number } {
  const entry = font.tables.get(tag);
  if (!entry) throw new Error(`font table ${tag} missing`);
  return entry;
}

function copyTable(font: SourceFont, tag: string): Uint8Array | null {
  const entry = font.tables.get(tag);
  return entry ? font.bytes.slice(entry.offset, entry.offset + entry.length) : null;
}

/** One glyph's outline, with the parts of a composite renumbered into the subset. */
function glyphData(font: SourceFont, id: number, indexOf: (id: number) => number): Uint8Array {
  if (id >= font.glyphCount) return new Uint8Array(0);
  const loca = table(font, 'loca').offset;
  const glyf = table(font, 'glyf').offset;
  const [start, end] = font.longLoca
    ? [font.view.getUint32(loca + id * 4), font.view.getUint32(loca + id * 4 + 4)]
    : [font.view.getUint16(loca + id * 2) * 2, font.view.getUint16(loca + id * 2 + 2) * 2];
  if (end <= start) return new Uint8Array(0);
  const data = font.bytes.slice(glyf + start, glyf + end);
  const view = viewOf(data);
  if (view.getInt16(0) >= 0) return data;
  // A composite glyph: flags, glyph index, then arguments and a transform whose sizes the flags give.
  let at = 10;
  for (;;) {
    const flags = view.getUint16(at);
    view.setUint16(at + 2, indexOf(view.getUint16(at + 2)));
    at += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) at += 2;
    else if (flags & 0x0040) at += 4;
    else if (flags & 0x0080) at += 8;
    if (!(flags & 0x0020)) break;
  }
  return data;
}

function horizontalMetrics(font: SourceFont, id: number): [number, number] {
  const hmtx = table(font, 'hmtx').offset;
  const count = font.horizontalMetricsCount;
  if (id < count) return [font.view.getUint16(hmtx + id * 4), font.view.getInt16(hmtx + id * 4 + 2)];
  const advance = font.view.getUint16(hmtx + (count - 1) * 4);
  const bearingAt = hmtx + count * 4 + (id - count) * 2;
  return [advance, bearingAt + 2 <= hmtx + table(font, 'hmtx').length ? font.view.getInt16(bearingAt) : 0];
}

const padded = (length: number) => (length + 3) & ~3;
const viewOf = (data: Uint8Array) => new DataView(data.buffer, data.byteOffset, data.byteLength);

function checksum(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let sum = 0;
  const whole = data.byteLength & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < data.byteLength) {
    let last = 0;
    for (let i = whole; i < data.byteLength; i++) last |= (data[i] as number) << (24 - 8 * (i - whole));
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** An sfnt file: the table directory (sorted by tag), then each table padded to four bytes. */
function writeFont(tables: readonly [string, Uint8Array][]): Uint8Array {
  const count = tables.length;
  const power = 2 ** Math.floor(Math.log2(count));
  let offset = 12 + count * 16;
  const size = offset + tables.reduce((sum, [, data]) => sum + padded(data.length), 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, count);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, count * 16 - power * 16);
  let headOffset = 0;
  tables.forEach(([tag, data], i) => {
    const entry = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[entry + k] = tag.charCodeAt(k);
    view.setUint32(entry + 4, checksum(data));
    view.setUint32(entry + 8, offset);
    view.setUint32(entry + 12, data.length);
    out.set(data, offset);
    if (tag === 'head') headOffset = offset;
    offset += padded(data.length);
  });
  view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
