import type { Font, Glyph } from 'fontkit';
import { mirrored } from './mirror.js';
import type { ShapedText } from './types.js';

/** What fontkit's OpenType engine keeps during one layout call: the glyphs with the code points each stands for. */
interface GlyphInfoLike {
  readonly codePoints: readonly number[];
}
interface EngineLike {
  glyphInfos: GlyphInfoLike[] | null;
  cleanup(): void;
}

const empty: ShapedText = { glyphs: [], width: 0 };
/** Clusters of the last layout call per font, captured before fontkit's engine discards them. */
const lastClusters = new WeakMap<Font, { infos: GlyphInfoLike[] | null }>();

/**
 * fontkit hands out cached Glyph objects whose `codePoints` are those of whichever text first produced
 * the glyph, so they cannot say what a glyph stands for. The engine's own per-call glyph infos can; keep them.
 */
function captureClusters(font: Font): { infos: GlyphInfoLike[] | null } {
  let slot = lastClusters.get(font);
  if (slot) return slot;
  const capture: { infos: GlyphInfoLike[] | null } = { infos: null };
  slot = capture;
  const engine = (font as unknown as { _layoutEngine?: { engine?: EngineLike } })._layoutEngine?.engine;
  if (engine && typeof engine.cleanup === 'function' && 'glyphInfos' in engine) {
    const cleanup = engine.cleanup;
    engine.cleanup = function (this: EngineLike) {
      capture.infos = this.glyphInfos;
      cleanup.call(this);
    };
  }
  lastClusters.set(font, slot);
  return slot;
}

const glyphViews = new WeakMap<Font, Map<number, Glyph>>();

/** The font's glyph for a code point, as a view that says exactly which code point it stands for. */
function glyphFor(font: Font, codePoint: number): Glyph {
  let views = glyphViews.get(font);
  if (!views) {
    views = new Map();
    glyphViews.set(font, views);
  }
  let view = views.get(codePoint);
  if (!view) {
    view = Object.create(font.glyphForCodePoint(codePoint), { codePoints: { value: [codePoint] } }) as Glyph;
    views.set(codePoint, view);
  }
  return view;
}

/**
 * Shape text in one face with fontkit (GSUB substitutions, GPOS kerning and mark positioning) and say,
 * for each glyph, which part of the text it stands for. The result depends only on the font, the text and
 * the direction. Glyphs come in the text's (logical) order either way: a right-to-left run (`rtl`, as the
 * bidi algorithm resolved it) is drawn from its right end, its marks placed for that, its brackets mirrored.
 */
export function shapeRun(font: Font, text: string, rtl = false): ShapedText {
  if (text === '') return empty;
  const drawn = rtl ? mirrored(text) : text;
  const codePoints = [...drawn].map((char) => char.codePointAt(0) as number);
  const capture = captureClusters(font);
  capture.infos = null;
  const run = font.layout(
    codePoints.map((cp) => glyphFor(font, cp)) as unknown as string,
    undefined,
    undefined,
    undefined,
    rtl ? 'rtl' : 'ltr',
  );
  // fontkit hands a right-to-left run over in visual order; its clusters (and this module) keep logical order.
  if (run.direction === 'rtl') {
    run.glyphs.reverse();
    run.positions.reverse();
  }
  const clustered = clusterTexts(run.glyphs.length, capture.infos, codePoints, drawn);
  const texts = rtl ? clustered.map(mirrored) : clustered;
  capture.infos = null;
  const scale = 1000 / font.unitsPerEm;
  let width = 0;
  const glyphs = run.glyphs.map((glyph, i) => {
    const position = run.positions[i];
    const advance = (position?.xAdvance ?? 0) * scale;
    width += advance;
    return {
      id: glyph.id,
      advance,
      dx: (position?.xOffset ?? 0) * scale,
      dy: (position?.yOffset ?? 0) * scale,
      text: texts[i] as string,
    };
  });
  return { glyphs, width };
}

/**
 * The text of each glyph. When the engine's clusters do not rebuild the text exactly (an engine without
 * them, or reordering), the first glyph carries the whole text: extraction stays exact, only coarser.
 */
function clusterTexts(
  count: number,
  infos: readonly GlyphInfoLike[] | null,
  codePoints: readonly number[],
  text: string,
): string[] {
  let texts: string[] | null = null;
  if (infos && infos.length === count) texts = infos.map((info) => String.fromCodePoint(...info.codePoints));
  else if (!infos && count === codePoints.length) texts = codePoints.map((cp) => String.fromCodePoint(cp));
  if (texts && texts.join('') === text) return texts;
  return Array.from({ length: count }, (_, i) => (i === 0 ? text : ''));
}
