import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One page drawn onto a canvas, white background, at the requested resolution. */
export interface RasterPage {
  /** 1-based. */
  readonly number: number;
  readonly total: number;
  /** The page's size in PDF points. */
  readonly widthPt: number;
  readonly heightPt: number;
  readonly canvas: Canvas;
  /** The page's words as pdf.js extracts them. */
  readonly words: () => Promise<string[]>;
}

// Fonts a PDF names without embedding them (PDFKit's standard fonts, SVG text) are drawn from pdf.js's own copies.
const standardFonts = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** Draw every page of a PDF, one at a time, handing each to `use` before the next is drawn (so memory stays flat). */
export async function rasterizePdf(
  pdf: Uint8Array,
  dpi: number,
  use: (page: RasterPage) => Promise<void>,
): Promise<number> {
  const document = await getDocument({
    data: new Uint8Array(pdf),
    // A PDF from elsewhere (diff takes any folder) must not run code or reach the network.
    isEvalSupported: false,
    standardFontDataUrl: standardFonts,
    verbosity: 0,
  }).promise;
  try {
    const scale = dpi / 72;
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const size = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({
        canvas: canvas as unknown as HTMLCanvasElement,
        canvasContext: context as unknown as CanvasRenderingContext2D,
        viewport,
      }).promise;
      const words = async () => {
        const content = await page.getTextContent();
        return content.items.flatMap((item) => ('str' in item ? item.str.split(/\s+/).filter(Boolean) : []));
      };
      await use({ number, total: document.numPages, widthPt: size.width, heightPt: size.height, canvas, words });
      page.cleanup();
    }
    return document.numPages;
  } finally {
    await document.destroy();
  }
}
