import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';

/** The text of each page of a PDF. */
export async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).pages.map((page) => page.text);
  } finally {
    await parser.destroy();
  }
}

/** Rasterize one page (pdf.js inside pdf-parse, no system tools) and decode it as RGBA pixels. */
export async function pageImage(pdf: Uint8Array, page: number, scale = 1): Promise<PNG> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const shot = await parser.getScreenshot({ partial: [page], scale, imageBuffer: true, imageDataUrl: false });
    const data = shot.pages[0]?.data;
    if (!data) throw new Error(`page ${page} did not render`);
    return PNG.sync.read(Buffer.from(data));
  } finally {
    await parser.destroy();
  }
}

/** The PDF's document information (Title, Keywords, Language...), as pdf.js reads it. */
export async function documentInfo(pdf: Uint8Array): Promise<Record<string, unknown>> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getInfo()).info as Record<string, unknown>;
  } finally {
    await parser.destroy();
  }
}
