import type * as fontkit from 'fontkit';

/** The parts of a parsed fontkit face read here (fontkit decompresses WOFF tables behind `_getTableStream`). */
interface FaceTables {
  readonly numGlyphs: number;
  readonly directory: { readonly tables: Record<string, { readonly length: number } | undefined> };
  readonly head: { readonly indexToLocFormat: number };
  _getTableStream(tag: string): { readonly buffer: Uint8Array; readonly pos: number } | null;
}

/**
 * What makes a TrueType face draw wrong or not at all although it loads: a glyph outside the glyph table,
 * a composite glyph made of a glyph the font does not have, or made (through its parts) of itself. A PDF
 * viewer draws such glyphs as nothing, or never finishes drawing them. Null when the outlines are sound;
 * CFF outlines are not walked here (fontkit reads them when shaping).
 */
export function glyphDamage(face: fontkit.Font): string | null {
  const font = face as unknown as FaceTables;
  if (!font.directory.tables.glyf) return null;
  const glyf = tableView(font, 'glyf');
  const loca = tableView(font, 'loca');
  if (!glyf || !loca) return 'its glyph table or glyph index (loca) cannot be read';
  const long = font.head.indexToLocFormat === 1;
  const count = font.numGlyphs;
  const listed = loca.byteLength / (long ? 4 : 2) - 1;
  if (listed < count) return `its glyph index (loca) lists ${listed} of ${count} glyphs`;
  // Read in place: fontkit's own loca array costs more than the whole check.
  const offset = (id: number) => (long ? loca.getUint32(id * 4) : loca.getUint16(id * 2) * 2);
  // Only composite glyphs have parts; most glyphs are simple.
  const parts = new Map<number, number[]>();
  let start = offset(0);
  for (let id = 0; id < count; id++) {
    const end = offset(id + 1);
    if (start > end || end > glyf.byteLength) return `glyph ${id} lies outside the glyph table`;
    if (end - start >= 10 && glyf.getInt16(start) < 0) {
      const found = componentsOf(glyf, start, end);
      if (found === null) return `composite glyph ${id} is cut short`;
      const missing = found.find((part) => part >= count);
      if (missing !== undefined)
        return `composite glyph ${id} is made of glyph ${missing}, which the font does not have`;
      parts.set(id, found);
    }
    start = end;
  }
  const cycle = firstCycle(parts);
  return cycle === null ? null : `composite glyph ${cycle} is made of itself (through its parts)`;
}

function tableView(font: FaceTables, tag: string): DataView | null {
  const entry = font.directory.tables[tag];
  const stream = entry ? font._getTableStream(tag) : null;
  if (!entry || !stream) return null;
  const start = stream.buffer.byteOffset + stream.pos;
  if (stream.pos + entry.length > stream.buffer.byteLength) return null;
  return new DataView(stream.buffer.buffer, start, entry.length);
}

/** The glyph ids a composite glyph is made of (OpenType glyf: flags, glyph index, arguments, transform). */
function componentsOf(glyf: DataView, start: number, end: number): number[] | null {
  const ids: number[] = [];
  let at = start + 10;
  for (;;) {
    if (at + 4 > end) return null;
    const flags = glyf.getUint16(at);
    ids.push(glyf.getUint16(at + 2));
    at += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) at += 2;
    else if (flags & 0x0040) at += 4;
    else if (flags & 0x0080) at += 8;
    if (!(flags & 0x0020)) return ids;
  }
}

/** A glyph on a cycle of the "is made of" graph, or null (depth-first, without recursion: fonts are deep). */
function firstCycle(parts: ReadonlyMap<number, readonly number[]>): number | null {
  const done = new Set<number>();
  for (const root of parts.keys()) {
    if (done.has(root)) continue;
    const onPath = new Set<number>([root]);
    const path: [number, number][] = [[root, 0]];
    while (path.length > 0) {
      const top = path[path.length - 1] as [number, number];
      const [id, next] = top;
      const children = parts.get(id) ?? [];
      if (next === children.length) {
        done.add(id);
        onPath.delete(id);
        path.pop();
        continue;
      }
      top[1] = next + 1;
      const child = children[next] as number;
      if (onPath.has(child)) return child;
      if (!done.has(child)) {
        onPath.add(child);
        path.push([child, 0]);
      }
    }
  }
  return null;
}
