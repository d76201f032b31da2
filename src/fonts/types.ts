// Plain data with no fontkit type in it: layout's published types use these, and need no fontkit types.
/** One glyph as layout places it and render draws it. Lengths are thousandths of an em. */
export interface ShapedGlyph {
  /** Glyph id in the face. */
  readonly id: number;
  readonly advance: number;
  /** Offset from the pen position (GPOS mark positioning); dy is upwards. */
  readonly dx: number;
  readonly dy: number;
  /** The source text this glyph stands for: the whole cluster on its first glyph, '' on the others. */
  readonly text: string;
}

export interface ShapedText {
  readonly glyphs: readonly ShapedGlyph[];
  /** Sum of the advances, thousandths of an em. */
  readonly width: number;
}
