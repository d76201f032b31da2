import type { Font } from '../fonts/index.js';

const views = new WeakMap<Font, Font>();

/**
 * The face PDFKit draws SVG text with. fontkit caches one Glyph object per glyph id, carrying the code
 * points of whichever text first produced it, and PDFKit builds its ToUnicode map from them; this view
 * hands out glyphs that carry the code points of the text being drawn, so no earlier document shows.
 */
export function svgTextFace(font: Font): Font {
  let view = views.get(font);
  if (!view) {
    view = Object.create(font) as Font;
    Object.defineProperty(view, 'getGlyph', {
      value: (id: number, codePoints: number[] = []) =>
        Object.create(font.getGlyph(id), { codePoints: { value: [...codePoints] } }),
    });
    views.set(font, view);
  }
  return view;
}
