/** A glyph outline as fontkit gives it: TrueType contours of lines and quadratic curves. */
export interface GlyphPath {
  readonly commands: readonly { readonly command: string; readonly args: readonly number[] }[];
}

/**
 * A simple TrueType glyph (OpenType glyf) for an outline, points rounded to font units, without hinting.
 * Stands in for fontkit's own encoder, which fails under the restructure version it ships with when it
 * writes the outlines of a variable font's instance.
 */
export function encodeSimpleGlyph(path: GlyphPath): Uint8Array {
  const xs: number[] = [];
  const ys: number[] = [];
  const onCurve: boolean[] = [];
  const ends: number[] = [];
  for (const { command, args } of path.commands) {
    for (let i = 0; i < args.length; i += 2) {
      xs.push(Math.round(args[i] as number));
      ys.push(Math.round(args[i + 1] as number));
      // A quadratic curve's first pair is its control point, off the curve.
      onCurve.push(!(command === 'quadraticCurveTo' && i === 0));
    }
    if (command === 'closePath' && xs.length > 0 && ends[ends.length - 1] !== xs.length - 1) ends.push(xs.length - 1);
  }
  if (xs.length > 0 && ends[ends.length - 1] !== xs.length - 1) ends.push(xs.length - 1);
  if (xs.length === 0) return new Uint8Array(0);
  const count = xs.length;
  const size = 10 + ends.length * 2 + 2 + count + count * 4;
  const out = new DataView(new ArrayBuffer((size + 3) & ~3));
  out.setInt16(0, ends.length);
  [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => {
    out.setInt16(2 + i * 2, v);
  });
  let at = 10;
  for (const end of ends) {
    out.setUint16(at, end);
    at += 2;
  }
  out.setUint16(at, 0); // no instructions
  at += 2;
  // Every coordinate as a signed 16-bit delta: flags say only whether a point is on the curve.
  for (const on of onCurve) out.setUint8(at++, on ? 1 : 0);
  for (const values of [xs, ys]) {
    let last = 0;
    for (const value of values) {
      out.setInt16(at, value - last);
      at += 2;
      last = value;
    }
  }
  return new Uint8Array(out.buffer);
}
