import { deflateSync } from 'node:zlib';

// Font files in other wrappings, made in the test from an OpenType file (nothing large is committed).

interface TableEntry {
  readonly tag: string;
  readonly checksum: number;
  readonly offset: number;
  readonly length: number;
}

function tablesOf(sfnt: Buffer): TableEntry[] {
  return Array.from({ length: sfnt.readUInt16BE(4) }, (_, i) => {
    const at = 12 + i * 16;
    return {
      tag: sfnt.toString('latin1', at, at + 4),
      checksum: sfnt.readUInt32BE(at + 4),
      offset: sfnt.readUInt32BE(at + 8),
      length: sfnt.readUInt32BE(at + 12),
    };
  });
}

const padded = (length: number) => (length + 3) & ~3;

/** The same font as WOFF 1.0: each table zlib-compressed when that makes it smaller (W3C WOFF §5, §6). */
export function toWoff(sfnt: Buffer): Buffer {
  const tables = tablesOf(sfnt);
  const bodies = tables.map((table) => {
    const raw = sfnt.subarray(table.offset, table.offset + table.length);
    const packed = deflateSync(raw);
    return packed.length < raw.length ? packed : raw;
  });
  const header = Buffer.alloc(44 + tables.length * 20);
  let offset = header.length;
  tables.forEach((table, i) => {
    const at = 44 + i * 20;
    header.write(table.tag, at, 'latin1');
    header.writeUInt32BE(offset, at + 4);
    header.writeUInt32BE((bodies[i] as Buffer).length, at + 8);
    header.writeUInt32BE(table.length, at + 12);
    header.writeUInt32BE(table.checksum, at + 16);
    offset += padded((bodies[i] as Buffer).length);
  });
  header.write('wOFF', 0, 'latin1');
  sfnt.copy(header, 4, 0, 4); // flavour: TrueType or OpenType/CFF
  header.writeUInt32BE(offset, 8);
  header.writeUInt16BE(tables.length, 12);
  header.writeUInt32BE(12 + tables.length * 16 + tables.reduce((sum, t) => sum + padded(t.length), 0), 16);
  header.writeUInt16BE(1, 20);
  return Buffer.concat([
    header,
    ...bodies.map((body) => Buffer.concat([body, Buffer.alloc(padded(body.length) - body.length)])),
  ]);
}

/** A font collection (.ttc, or .otc for CFF faces) holding the given fonts whole, their table offsets moved. */
export function toCollection(fonts: readonly Buffer[]): Buffer {
  const header = Buffer.alloc(12 + fonts.length * 4);
  header.write('ttcf', 0, 'latin1');
  header.writeUInt16BE(1, 4);
  header.writeUInt32BE(fonts.length, 8);
  let base = header.length;
  const moved = fonts.map((font, i) => {
    const copy = Buffer.concat([font, Buffer.alloc(padded(font.length) - font.length)]);
    for (const [index, table] of tablesOf(font).entries()) copy.writeUInt32BE(table.offset + base, 12 + index * 16 + 8);
    header.writeUInt32BE(base, 12 + i * 4);
    base += copy.length;
    return copy;
  });
  return Buffer.concat([header, ...moved]);
}
