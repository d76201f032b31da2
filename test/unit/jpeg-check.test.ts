import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRaster } from '../../src/shared/raster.js';
import { repoRoot } from '../helpers/project.js';

// Made with libjpeg-turbo's cjpeg from one 120 × 90 picture: baseline 4:2:0, progressive, and a restart after each MCU.
const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/images', name));
const photo = fixture('photo.jpg');
const endMarker = Buffer.from([0xff, 0xd9]);

/** The offset of the first marker `code` (0xFF code) outside the start marker. */
function markerAt(bytes: Buffer, code: number): number {
  for (let at = 2; at + 1 < bytes.length; ) {
    if (bytes[at + 1] === code) return at;
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  throw new Error(`no marker ${code.toString(16)}`);
}

/** The photo with its frame header edited: the 2-component file of the attack, a 12-bit one, an arithmetic one. */
function withFrame(edit: (bytes: Buffer, frame: number) => void): Buffer {
  const bytes = Buffer.from(photo);
  edit(bytes, markerAt(bytes, 0xc0));
  return bytes;
}

const problemOf = (bytes: Buffer) => {
  const result = checkRaster(bytes);
  return result.ok ? null : [result.code, result.problem];
};

describe('a JPEG is checked whole before it is embedded', () => {
  it.each(['photo.jpg', 'photo-progressive.jpg', 'photo-restarts.jpg'])('%s is drawn', (name) => {
    expect(checkRaster(fixture(name))).toEqual({ ok: true, format: 'jpeg', width: 120, height: 90 });
  });

  it.each([0.3, 0.6, 0.9, 0.99])(
    'a baseline JPEG cut at %f of its length with an end marker put back is damaged',
    (part) => {
      for (const name of ['photo.jpg', 'photo-restarts.jpg']) {
        const whole = fixture(name);
        const cut = Buffer.concat([whole.subarray(0, Math.floor(whole.length * part)), endMarker]);
        expect(problemOf(cut)?.[0]).toBe('image-damaged');
      }
    },
  );

  it('a progressive JPEG cut before its last scans, with an end marker put back, is damaged', () => {
    const progressive = fixture('photo-progressive.jpg');
    const lastScan = progressive.lastIndexOf(Buffer.from([0xff, 0xda]));
    expect(problemOf(Buffer.concat([progressive.subarray(0, lastScan), endMarker]))).toEqual([
      'image-damaged',
      'the JPEG is cut short (its progressive scans stop before the picture is complete)',
    ]);
  });

  it('a JPEG without its end marker is damaged', () => {
    expect(problemOf(photo.subarray(0, photo.length - 2))).toEqual([
      'image-damaged',
      'the JPEG is cut short (no end-of-image marker)',
    ]);
  });

  it('a JPEG with 2 colour components is refused: a PDF cannot show it', () => {
    const two = withFrame((bytes, frame) => bytes.writeUInt8(2, frame + 9));
    expect(problemOf(two)).toEqual([
      'image-invalid',
      'is a JPEG with 2 colour components; a PDF shows 1 (grey), 3 (colour) or 4 (CMYK)',
    ]);
  });

  it('a 12-bit, an arithmetic-coded and a lossless JPEG are refused', () => {
    const twelve = withFrame((bytes, frame) => bytes.writeUInt8(12, frame + 4));
    expect(problemOf(twelve)).toEqual(['image-invalid', 'is a 12-bit JPEG; PDF viewers draw 8-bit JPEGs']);
    for (const code of [0xc3, 0xc9]) {
      const other = withFrame((bytes, frame) => bytes.writeUInt8(code, frame + 1));
      expect(problemOf(other)?.[0]).toBe('image-invalid');
    }
  });

  it('a JPEG with no image data, or a scan naming a table it lacks, is damaged', () => {
    const scan = markerAt(photo, 0xda);
    expect(problemOf(Buffer.concat([photo.subarray(0, scan), endMarker]))).toEqual([
      'image-damaged',
      'the JPEG is without image data',
    ]);
    const noTables = Buffer.concat([photo.subarray(0, markerAt(photo, 0xc4)), photo.subarray(scan)]);
    expect(problemOf(noTables)?.[0]).toBe('image-damaged');
  });

  it('a segment running past the end of the file is damaged, not read past the end', () => {
    const bytes = Buffer.from(photo.subarray(0, markerAt(photo, 0xc4) + 10));
    expect(problemOf(bytes)).toEqual([
      'image-damaged',
      'the JPEG is cut short (a segment runs past the end of the file)',
    ]);
  });
});
