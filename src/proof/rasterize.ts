import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { limits } from '../shared/limits.js';
import { checkPdfBounds } from './pdf-bounds.js';
import { pageWords } from './text-words.js';

/** One page drawn onto a canvas, white background, at the requested resolution. */
export interface RasterPage {
  /** The page's size in PDF points. */
  readonly widthPt: number;
  readonly heightPt: number;
  readonly canvas: Canvas;
}

export interface OpenPdf {
  readonly pages: number;
  /** Draw page `number` (1-based); the caller lets go of each before asking for many more, so memory stays flat. */
  draw(number: number, dpi: number): Promise<RasterPage>;
  /** The page's words as pdf.js extracts them. */
  words(number: number): Promise<string[]>;
  close(): Promise<void>;
}

// Fonts a PDF names without embedding them (PDFKit's standard fonts, SVG text) are drawn from pdf.js's own copies.
const standardFonts = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** Open a PDF for drawing its pages in this thread (pdf.js with @napi-rs/canvas; no system tools). */
export async function openPdf(pdf: Uint8Array): Promise<OpenPdf> {
  await checkPdfBounds(pdf);
  const document = await getDocument({
    data: new Uint8Array(pdf),
    // A PDF from elsewhere (diff takes any folder) must not run code.
    isEvalSupported: false,
    // An image the byte check missed (an inline one) is still never decoded past the limit.
    maxImageSize: limits.imagePixels,
    standardFontDataUrl: standardFonts,
    verbosity: 0,
  }).promise;
  // A PDF from elsewhere may claim any number of pages of any size: both are bounded before anything is drawn.
  if (document.numPages > limits.pages) {
    await document.destroy();
    throw new Error(`the PDF has ${document.numPages} pages; at most ${limits.pages} are drawn`);
  }
  return {
    pages: document.numPages,
    async draw(number, dpi) {
      const page = await document.getPage(number);
      const size = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: dpi / 72 });
      const pixels = Math.round(viewport.width) * Math.round(viewport.height);
      if (!(pixels <= limits.pagePixels)) {
        page.cleanup();
        throw new Error(
          `page ${number} is ${Math.round(size.width)} × ${Math.round(size.height)} pt: at ${dpi} dpi that is ${Math.round(pixels / 1e6)} megapixels, more than the ${limits.pagePixels / 1e6} drawn for one page`,
        );
      }
      const canvas = createCanvas(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({
        canvas: canvas as unknown as HTMLCanvasElement,
        canvasContext: context as unknown as CanvasRenderingContext2D,
        viewport,
      }).promise;
      page.cleanup();
      return { widthPt: size.width, heightPt: size.height, canvas };
    },
    async words(number) {
      const content = await (await document.getPage(number)).getTextContent();
      return pageWords(content.items.filter((item) => 'str' in item));
    },
    close: () => document.destroy(),
  };
}
