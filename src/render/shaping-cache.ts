import type { Font } from '../fonts/index.js';

interface CachedRun {
  readonly glyphs: unknown[];
  readonly positions: readonly Record<string, number>[];
}

const wrapped = new WeakMap<Font, Font>();

/**
 * A view of a parsed font whose `layout` (fontkit's shaping, most of PDFKit's drawing time) is cached
 * across documents. PDFKit scales the positions it gets in place, so each call hands out fresh copies.
 */
export function withSharedShaping(font: Font): Font {
  let view = wrapped.get(font);
  if (view) return view;
  const runs = new Map<string, CachedRun>();
  view = Object.create(font) as Font;
  Object.defineProperty(view, 'layout', {
    value(text: string, features?: unknown) {
      if (features !== undefined) return font.layout(text, features as never);
      let run = runs.get(text);
      if (!run) {
        const shaped = font.layout(text);
        run = { glyphs: shaped.glyphs, positions: shaped.positions.map((p) => ({ ...p })) };
        runs.set(text, run);
      }
      const positions = run.positions.map((p) => ({ ...p }));
      return {
        glyphs: run.glyphs,
        positions,
        get advanceWidth() {
          return positions.reduce((sum, p) => sum + (p.xAdvance ?? 0), 0);
        },
      };
    },
  });
  wrapped.set(font, view);
  return view;
}
