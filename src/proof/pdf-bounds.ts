import { createInflate } from 'node:zlib';
import type { DiagnosticCode } from '../codes.js';
import { limits } from '../shared/limits.js';

/** A PDF refused before drawing, with the code of the placed error it becomes. */
export class DrawRefused extends Error {
  constructor(
    readonly code: DiagnosticCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Refuse a PDF whose drawing would blow up memory, from its bytes and before pdf.js decodes any of them: an image
 * over the pixel limit, a compressed stream (content, image, font) that inflates past its limit.
 */
export async function checkPdfBounds(pdf: Uint8Array): Promise<void> {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  let at = bytes.indexOf('stream');
  while (at >= 0) {
    const start = dataStart(bytes, at);
    const end = start === null ? -1 : bytes.indexOf('endstream', start);
    if (start === null || end < 0) {
      at = bytes.indexOf('stream', at + 6);
      continue;
    }
    const dictionary = bytes.toString('latin1', Math.max(0, at - 4096), at);
    checkImage(dictionary.slice(dictionary.lastIndexOf(' obj') + 1));
    const inflated = await inflatedBytes(bytes.subarray(start, end), limits.pdfStreamBytes);
    if (inflated > limits.pdfStreamBytes)
      throw new DrawRefused(
        'too-large',
        `a compressed stream inflates to more than ${limits.pdfStreamBytes / 1024 / 1024} MB (at byte ${start}); it is not drawn`,
      );
    at = bytes.indexOf('stream', end + 9);
  }
}

/** Where a stream's data starts: after "stream" and its end of line; null for the word inside "endstream". */
function dataStart(bytes: Buffer, at: number): number | null {
  if (at >= 3 && bytes.toString('latin1', at - 3, at) === 'end') return null;
  let start = at + 6;
  if (bytes[start] === 0x0d) start++;
  if (bytes[start] === 0x0a) start++;
  return start === at + 6 ? null : start;
}

/** An image dictionary's width × height against the pixel limit (the decoded image would hold them all). */
function checkImage(dictionary: string): void {
  if (!/\/Subtype\s*\/Image\b/.test(dictionary)) return;
  const width = Number(/\/Width\s+(\d+)/.exec(dictionary)?.[1] ?? 0);
  const height = Number(/\/Height\s+(\d+)/.exec(dictionary)?.[1] ?? 0);
  if (width * height > limits.imagePixels)
    throw new DrawRefused(
      'image-too-large',
      `an image of ${width} × ${height} pixels (${Math.round((width * height) / 1e6)} megapixels) is over the limit of ${limits.imagePixels / 1e6}; it is not drawn`,
    );
}

/** How many bytes Flate data inflates to, counted without keeping them, stopping past `limit`; 0 if not Flate. */
function inflatedBytes(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve) => {
    // Large chunks: a quarter of a gigabyte is counted in a few hundred steps, not tens of thousands.
    const inflate = createInflate({ chunkSize: 1024 * 1024 });
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= limit) return;
      inflate.destroy();
      resolve(total);
    });
    // Not Flate, or damaged: pdf.js decides what it makes of it.
    inflate.on('error', () => resolve(total));
    inflate.on('end', () => resolve(total));
    inflate.end(data);
  });
}
