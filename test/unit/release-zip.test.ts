import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { reproducibleZip } from '../../src/release/zip.js';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

const files = new Map([
  ['b/two.pdf', new TextEncoder().encode('two')],
  ['a/one.pdf', new TextEncoder().encode('one')],
]);
const date = new Date('2026-12-08T04:30:10Z');

describe('reproducibleZip', () => {
  it('gives the same bytes in every time zone, entries sorted, each stamped with the date in UTC', () => {
    process.env.TZ = 'UTC';
    const utc = reproducibleZip(files, date);
    process.env.TZ = 'Pacific/Auckland';
    const auckland = reproducibleZip(files, date);
    process.env.TZ = 'America/New_York';
    const newYork = reproducibleZip(files, date);
    expect(Buffer.from(auckland).equals(Buffer.from(utc))).toBe(true);
    expect(Buffer.from(newYork).equals(Buffer.from(utc))).toBe(true);
    expect(Object.keys(unzipSync(utc))).toEqual(['a/one.pdf', 'b/two.pdf']);
    // The first local header's DOS time and date (offsets 10 and 12): 04:30:10 on 2026-12-08.
    const view = new DataView(utc.buffer, utc.byteOffset);
    expect(view.getUint16(10, true)).toBe((4 << 11) | (30 << 5) | (10 >> 1));
    expect(view.getUint16(12, true)).toBe(((2026 - 1980) << 9) | (12 << 5) | 8);
  });

  it('clamps a date before 1980, which a zip cannot hold', () => {
    const old = reproducibleZip(files, new Date('1970-01-01T00:00:00Z'));
    expect(new DataView(old.buffer, old.byteOffset).getUint16(12, true)).toBe((1 << 5) | 1);
  });
});
