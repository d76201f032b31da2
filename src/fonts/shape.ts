import type { Font, Glyph } from 'fontkit';
import { mirrored } from './mirror.js';
import type { ShapedGlyph, ShapedText } from './types.js';

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
  return { glyphs: rtl ? oneCharacterEach(font, glyphs) : glyphs, width };
}

/** Invisible, zero-width characters a font may draw as an empty glyph. */
const invisible = [0x200b, 0x2060, 0xfeff, 0x200c, 0x200d];
const carriers = new WeakMap<Font, number | null>();

/** The font's empty glyph of no width, if it has one. */
function carrierGlyph(font: Font): number | null {
  let carrier = carriers.get(font);
  if (carrier === undefined) {
    const glyph = invisible
      .filter((cp) => font.hasGlyphForCodePoint(cp))
      .map((cp) => font.glyphForCodePoint(cp))
      .find((g) => g.advanceWidth === 0 && g.path.commands.length === 0);
    carrier = glyph?.id ?? null;
    carriers.set(font, carrier);
  }
  return carrier;
}

/**
 * A right-to-left glyph standing for several characters (a lam-alef ligature) keeps the first, and each
 * other follows as an empty glyph of no width over the ligature's middle: pdf.js reverses a glyph's
 * several characters in right-to-left text (it expects glyphs drawn in visual order), so "الأكل" read
 * as "األكل". (pdftotext still does, ordering the characters by position: at the ligature's left end the
 * empty glyph would split its line.)
 */
function oneCharacterEach(font: Font, glyphs: ShapedGlyph[]): ShapedGlyph[] {
  const carrier = carrierGlyph(font);
  if (carrier === null || glyphs.every((g) => g.text.length <= 1 || [...g.text].length <= 1)) return glyphs;
  return glyphs.flatMap((glyph) => {
    const [first = '', ...rest] = [...glyph.text];
    if (rest.length === 0) return [glyph];
    return [
      { ...glyph, text: first },
      ...rest.map((text) => ({ id: carrier, advance: 0, dx: glyph.advance / 2, dy: 0, text })),
    ];
  });
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
