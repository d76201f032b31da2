/*
 * A JPEG's structure, walked before the file is embedded: a PDF viewer is handed the bytes as they are, so a
 * file it cannot draw (two colour components, a cut-off scan with an end marker put back) must be refused here.
 * No library does this cheaply: decoders (jpeg-js) build every pixel, 1.5 s and 160 MB for a 6-megapixel photo,
 * where counting a baseline scan's blocks through its Huffman codes costs a fraction of that and no pixel memory.
 */

export interface JpegProblem {
  /** image-invalid: a JPEG a PDF cannot show; image-damaged: one cut short or broken. */
  readonly code: 'image-invalid' | 'image-damaged';
  readonly problem: string;
}

interface Component {
  readonly id: number;
  readonly h: number;
  readonly v: number;
}

interface Frame {
  readonly progressive: boolean;
  readonly width: number;
  readonly height: number;
  readonly components: readonly Component[];
}

/** Huffman table in the form of the JPEG standard's DECODE procedure (F.2.2.3): per code length, codes and values. */
interface Huffman {
  /** By the next 9 bits: the code's length × 256 + its value, or 0 for a longer code. */
  readonly fast: Uint16Array;
  readonly maxCode: Int32Array;
  readonly valPtr: Int32Array;
  readonly minCode: Int32Array;
  readonly values: Uint8Array;
}

class Damaged extends Error {}

/** Codes up to this many bits are found with one look-up. */
const fastBits = 9;

const damaged = (problem: string): JpegProblem => ({ code: 'image-damaged', problem: `the JPEG is ${problem}` });
const invalid = (problem: string): JpegProblem => ({ code: 'image-invalid', problem });

/** Null for a JPEG a PDF can show whole; otherwise what is wrong with it. */
export function jpegProblem(bytes: Uint8Array): JpegProblem | null {
  try {
    return walk(bytes);
  } catch (error) {
    if (error instanceof Damaged) return damaged(error.message);
    throw error;
  }
}

function walk(bytes: Uint8Array): JpegProblem | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return damaged('missing its start marker');
  const tables = new Map<number, Huffman>();
  let frame: Frame | null = null;
  let restartInterval = 0;
  let scans = 0;
  /** For a progressive file: per component, the coefficients its scans have brought to full precision. */
  const finished = new Map<number, Set<number>>();
  let at = 2;
  for (;;) {
    // Fill bytes (0xFF) may come before a marker.
    while (bytes[at] === 0xff && bytes[at + 1] === 0xff) at++;
    if (at + 1 >= bytes.length) return damaged('cut short (no end-of-image marker)');
    if (bytes[at] !== 0xff) throw new Damaged(`damaged (no marker at byte ${at})`);
    const marker = bytes[at + 1] as number;
    if (marker === 0xd9) break;
    // Markers without a length (restart, TEM) carry nothing between scans.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    const start = at + 4;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) return damaged('cut short (a segment runs past the end of the file)');
    const segment = bytes.subarray(start, end);
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      if (frame) throw new Damaged('damaged (two frame headers)');
      const read = readFrame(segment, marker === 0xc2);
      if ('problem' in read) return read;
      frame = read;
    } else if (isOtherFrame(marker)) {
      return invalid(
        'is a JPEG coded in a way PDF viewers do not draw (lossless, hierarchical or arithmetic); save it as a standard JPEG',
      );
    } else if (marker === 0xc4) readHuffman(segment, tables);
    else if (marker === 0xdd) restartInterval = ((segment[0] ?? 0) << 8) | (segment[1] ?? 0);
    else if (marker === 0xda) {
      if (!frame) throw new Damaged('damaged (image data before the frame header)');
      scans++;
      if (frame.progressive) recordScan(segment, finished);
      at = frame.progressive ? skipScan(bytes, end) : decodeScan(bytes, end, segment, frame, tables, restartInterval);
      continue;
    }
    at = end;
  }
  if (!frame) return damaged('without a frame header');
  if (scans === 0) return damaged('without image data');
  // A progressive file cut short and closed again lacks its last scans: some coefficient is never finished.
  if (frame.progressive && frame.components.some((c) => (finished.get(c.id)?.size ?? 0) < 64))
    return damaged('cut short (its progressive scans stop before the picture is complete)');
  return null;
}

/** Start-of-frame markers other than baseline, extended and progressive Huffman (C4, C8 and CC are not frames). */
function isOtherFrame(marker: number): boolean {
  return marker >= 0xc3 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function readFrame(segment: Uint8Array, progressive: boolean): Frame | JpegProblem {
  const precision = segment[0];
  const height = ((segment[1] ?? 0) << 8) | (segment[2] ?? 0);
  const width = ((segment[3] ?? 0) << 8) | (segment[4] ?? 0);
  const count = segment[5] ?? 0;
  if (segment.length < 6 + 3 * count) throw new Damaged('damaged (a frame header cut short)');
  if (precision !== 8) return invalid(`is a ${precision}-bit JPEG; PDF viewers draw 8-bit JPEGs`);
  if (width === 0 || height === 0) return invalid('is a JPEG without a width or height');
  if (count !== 1 && count !== 3 && count !== 4)
    return invalid(`is a JPEG with ${count} colour components; a PDF shows 1 (grey), 3 (colour) or 4 (CMYK)`);
  const components: Component[] = [];
  for (let i = 0; i < count; i++) {
    const sampling = segment[7 + 3 * i] ?? 0;
    const component = { id: segment[6 + 3 * i] ?? 0, h: sampling >> 4, v: sampling & 15 };
    if (component.h < 1 || component.h > 4 || component.v < 1 || component.v > 4)
      throw new Damaged('damaged (a sampling factor out of range)');
    components.push(component);
  }
  return { progressive, width, height, components };
}

function readHuffman(segment: Uint8Array, tables: Map<number, Huffman>): void {
  let at = 0;
  while (at < segment.length) {
    const key = segment[at] as number;
    const counts = segment.subarray(at + 1, at + 17);
    const total = counts.reduce((sum, n) => sum + n, 0);
    if (counts.length < 16 || at + 17 + total > segment.length)
      throw new Damaged('damaged (a Huffman table cut short)');
    tables.set(key, huffman(counts, segment.subarray(at + 17, at + 17 + total)));
    at += 17 + total;
  }
}

function huffman(counts: Uint8Array, values: Uint8Array): Huffman {
  const maxCode = new Int32Array(18).fill(-1);
  const valPtr = new Int32Array(17);
  const minCode = new Int32Array(17);
  const fast = new Uint16Array(1 << fastBits);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1] as number;
    if (n > 0) {
      valPtr[length] = k;
      minCode[length] = code;
      for (let i = 0; i < n && length <= fastBits; i++) {
        const first = (code + i) << (fastBits - length);
        fast.fill((length << 8) | (values[k + i] ?? 0), first, first + (1 << (fastBits - length)));
      }
      code += n;
      k += n;
      maxCode[length] = code - 1;
    }
    code <<= 1;
  }
  return { fast, maxCode, valPtr, minCode, values };
}

/** Note the coefficients (Ss to Se) a progressive scan finishes: those it codes down to the last bit (Al 0). */
function recordScan(header: Uint8Array, finished: Map<number, Set<number>>): void {
  const count = header[0] ?? 0;
  const first = header[1 + 2 * count] ?? 0;
  const last = Math.min(63, header[2 + 2 * count] ?? 0);
  if (((header[3 + 2 * count] ?? 0) & 15) !== 0) return;
  for (let i = 0; i < count; i++) {
    const id = header[1 + 2 * i] ?? 0;
    const done = finished.get(id) ?? new Set<number>();
    for (let k = first; k <= last; k++) done.add(k);
    finished.set(id, done);
  }
}

/** A progressive scan's data is not decoded (its blocks are spread over many scans): only its end is found. */
function skipScan(bytes: Uint8Array, from: number): number {
  for (let at = from; at + 1 < bytes.length; at++) {
    if (bytes[at] !== 0xff) continue;
    const next = bytes[at + 1] as number;
    if (next !== 0 && (next < 0xd0 || next > 0xd7) && next !== 0xff) return at;
  }
  throw new Damaged('cut short in its image data');
}

/**
 * Read a baseline scan's Huffman codes block by block (no pixel is computed): a scan cut short and closed
 * with an end marker runs out of data before its last block. Returns where the data ends.
 */
function decodeScan(
  bytes: Uint8Array,
  from: number,
  header: Uint8Array,
  frame: Frame,
  tables: Map<number, Huffman>,
  restartInterval: number,
): number {
  const count = header[0] ?? 0;
  const members = [];
  for (let i = 0; i < count; i++) {
    const id = header[1 + 2 * i];
    const selectors = header[2 + 2 * i] ?? 0;
    const component = frame.components.find((c) => c.id === id);
    const dc = tables.get(selectors >> 4);
    const ac = tables.get(0x10 | (selectors & 15));
    if (!component || !dc || !ac) throw new Damaged('damaged (a scan names a component or table it lacks)');
    members.push({ component, dc, ac });
  }
  if (members.length === 0) throw new Damaged('damaged (a scan without components)');
  const hMax = Math.max(...frame.components.map((c) => c.h));
  const vMax = Math.max(...frame.components.map((c) => c.v));
  const single = members.length === 1 ? members[0] : undefined;
  // One component alone is coded block by block over its own size; several are interleaved in MCUs.
  const units = single
    ? Math.ceil(Math.ceil((frame.width * single.component.h) / hMax) / 8) *
      Math.ceil(Math.ceil((frame.height * single.component.v) / vMax) / 8)
    : Math.ceil(frame.width / (8 * hMax)) * Math.ceil(frame.height / (8 * vMax));
  const reader = new BitReader(bytes, from);
  for (let unit = 0; unit < units; unit++) {
    if (restartInterval > 0 && unit > 0 && unit % restartInterval === 0) reader.restart();
    for (const { component, dc, ac } of members) {
      const blocks = single ? 1 : component.h * component.v;
      for (let b = 0; b < blocks; b++) readBlock(reader, dc, ac);
    }
  }
  return reader.end();
}

function readBlock(reader: BitReader, dc: Huffman, ac: Huffman): void {
  reader.skip(reader.decode(dc));
  for (let k = 1; k < 64; k++) {
    const rs = reader.decode(ac);
    const run = rs >> 4;
    const size = rs & 15;
    if (size === 0) {
      if (run !== 15) return;
      k += 15;
    } else {
      k += run;
      reader.skip(size);
    }
  }
}

/** Bits of entropy-coded data: a stuffed 0xFF 0x00 is one 0xFF; any other marker is the end of the data. */
class BitReader {
  /** Up to 24 bits read ahead; past the end of the data, zeros (`padded` of them) that must never be used. */
  private buffer = 0;
  private count = 0;
  private padded = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
  ) {}

  private fill(): void {
    const value = this.bytes[this.at];
    const marker = value === undefined || (value === 0xff && this.bytes[this.at + 1] !== 0);
    if (marker) this.padded += 8;
    else this.at += value === 0xff ? 2 : 1;
    this.buffer = ((this.buffer << 8) | (marker ? 0 : value)) & 0xffffff;
    this.count += 8;
  }

  private peek(bits: number): number {
    while (this.count < bits) this.fill();
    return (this.buffer >>> (this.count - bits)) & ((1 << bits) - 1);
  }

  private take(bits: number): void {
    // Bits past the end of the data: the scan was cut short (an end marker put back after a cut, say).
    if (bits > this.count - this.padded) throw new Damaged('cut short in its image data');
    this.count -= bits;
  }

  skip(bits: number): void {
    if (bits === 0) return;
    this.peek(bits);
    this.take(bits);
  }

  decode(table: Huffman): number {
    const fast = table.fast[this.peek(fastBits)] as number;
    if (fast !== 0) {
      this.take(fast >> 8);
      return fast & 0xff;
    }
    for (let length = fastBits + 1; length <= 16; length++) {
      const code = this.peek(length);
      if (code <= (table.maxCode[length] as number)) {
        this.take(length);
        return table.values[(table.valPtr[length] as number) + code - (table.minCode[length] as number)] ?? 0;
      }
    }
    throw new Damaged('damaged (an unknown Huffman code in its image data)');
  }

  /** A restart marker comes next, on a byte boundary (the bits read ahead are padding). */
  restart(): void {
    this.buffer = 0;
    this.count = 0;
    this.padded = 0;
    const marker = this.bytes[this.at + 1] ?? 0;
    if (this.bytes[this.at] !== 0xff || marker < 0xd0 || marker > 0xd7)
      throw new Damaged('damaged (a restart marker is missing)');
    this.at += 2;
  }

  /** Where the scan's data ends: the next marker (padding bits and fill bytes are skipped). */
  end(): number {
    let at = this.at;
    while (at < this.bytes.length && !(this.bytes[at] === 0xff && this.bytes[at + 1] !== 0)) at++;
    return at;
  }
}
