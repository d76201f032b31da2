import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../../src/proof/rasterize.js';

/** A PDF of `pages` blank pages of `size` points, as anyone could hand to handout diff. */
function blankPdf(pages: number, size: [number, number]): Promise<Uint8Array> {
  const doc = new PDFDocument({ size, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (let i = 0; i < pages; i++) doc.addPage({ size, margin: 0 });
  doc.end();
  return done;
}

describe('drawing a PDF from elsewhere (proof, diff) is bounded', () => {
  it('refuses a page too large to draw instead of running out of memory', async () => {
    const pdf = await openPdf(await blankPdf(1, [14400, 14400]));
    await expect(pdf.draw(1, 72)).rejects.toThrow(/page 1 is 14400 × 14400 pt: at 72 dpi that is \d+ megapixels/);
    await pdf.close();
  });

  it('refuses more pages than a handout may have', async () => {
    await expect(openPdf(await blankPdf(501, [72, 72]))).rejects.toThrow(/has 501 pages; at most 500 are drawn/);
  });

  it('draws an ordinary page', async () => {
    const pdf = await openPdf(await blankPdf(1, [612, 792]));
    const page = await pdf.draw(1, 36);
    expect([page.canvas.width, page.canvas.height]).toEqual([306, 396]);
    await pdf.close();
  });
});
