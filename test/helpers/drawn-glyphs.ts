import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One glyph as a PDF draws it: what it stands for (its ToUnicode text), where it starts, and how wide it is. */
export interface DrawnGlyph {
  readonly text: string;
  readonly x: number;
  /** The baseline, as the text matrix gives it: glyphs with the same y share a line. */
  readonly y: number;
  readonly width: number;
}

/**
 * Every glyph of one page in the order the content stream draws it, placed by following the text matrix
 * and the advances and adjustments of each shown string as pdf.js parsed them: where each glyph is on
 * the page, read from the PDF rather than from our layout. Enough for the operators this project writes
 * (Tm, TJ, Tj); the page's own transform does not move x.
 */
export async function drawnGlyphs(pdf: Uint8Array, pageNumber = 1): Promise<DrawnGlyph[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: DrawnGlyph[] = [];
  try {
    const list = await (await doc.getPage(pageNumber)).getOperatorList();
    let size = 0;
    let origin = { x: 0, y: 0 };
    let pen = 0;
    list.fnArray.forEach((fn, i) => {
      const args = list.argsArray[i] as unknown[];
      if (fn === OPS.setFont) size = args[1] as number;
      else if (fn === OPS.beginText) {
        origin = { x: 0, y: 0 };
        pen = 0;
      } else if (fn === OPS.setTextMatrix) {
        const matrix = Array.from(args[0] as ArrayLike<number>);
        origin = { x: matrix[4] as number, y: matrix[5] as number };
        pen = 0;
      } else if (fn === OPS.showText || fn === OPS.showSpacedText) {
        for (const item of args[0] as (number | { unicode: string; width: number })[]) {
          if (typeof item === 'number') pen -= (item / 1000) * size;
          else {
            const width = (item.width / 1000) * size;
            out.push({ text: item.unicode, x: origin.x + pen, y: Math.round(origin.y * 10) / 10, width });
            pen += width;
          }
        }
      }
    });
  } finally {
    await doc.destroy();
  }
  return out;
}

/** Where a text is drawn: the glyphs, in content order, that spell it (ligatures count whole); null if none do. */
export function glyphsSpelling(glyphs: readonly DrawnGlyph[], text: string, from = 0): DrawnGlyph[] | null {
  for (let start = from; start < glyphs.length; start++) {
    let spelled = '';
    let end = start;
    while (
      end < glyphs.length &&
      spelled.length < text.length &&
      text.startsWith(spelled + (glyphs[end] as DrawnGlyph).text)
    )
      spelled += (glyphs[end++] as DrawnGlyph).text;
    if (spelled === text) return glyphs.slice(start, end);
  }
  return null;
}
