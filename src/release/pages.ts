import { createHash } from 'node:crypto';
import { HandoutError } from '../errors.js';
import type { OpenPdf } from '../proof/rasterize.js';
import { requireRenderer } from '../shared/renderer.js';

/** What a release reads back from one PDF: each page's words and a thumbnail of the first page. */
export interface PageReading {
  readonly words: readonly (readonly string[])[];
  /** A PNG data URI of page 1. */
  readonly thumbnail: string;
}

export type PdfReader = (pdf: Uint8Array, versions: readonly string[]) => Promise<PageReading>;

/** Thumbnails are drawn at this resolution: about 100 px wide for a Letter page, a few kilobytes each. */
const thumbnailDpi = 12;

/**
 * The reader, or null when pdf.js or the canvas (optional peers) is not installed: the release is still made,
 * without thumbnails and page-by-page changes, and says so.
 */
export async function pdfReader(from: string): Promise<PdfReader | null> {
  try {
    await requireRenderer('release', from);
  } catch (error) {
    if (error instanceof HandoutError && error.code === 'renderer-missing') return null;
    throw error;
  }
  const { openPdf } = await import('../proof/rasterize.js');
  return async (pdf, versions) => {
    const open: OpenPdf = await openPdf(pdf);
    try {
      const words: string[][] = [];
      for (let n = 1; n <= open.pages; n++) words.push(maskVersions(await open.words(n), versions));
      const page = await open.draw(1, thumbnailDpi);
      return { words, thumbnail: `data:image/png;base64,${page.canvas.encodeSync('png').toString('base64')}` };
    } finally {
      await open.close();
    }
  };
}

/** The stamp differs from release to release by design: it must not make every page count as changed. */
export function maskVersions(words: readonly string[], versions: readonly string[]): string[] {
  return words.map((word) => (versions.includes(word) ? '<version>' : word));
}

export function pageHash(words: readonly string[]): string {
  return createHash('sha256').update(words.join(' ')).digest('hex');
}
