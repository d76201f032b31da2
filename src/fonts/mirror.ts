import bidiModule from 'bidi-js';

// The package is CommonJS whose module.exports is the factory; its types declare it as `default`.
const bidiFactory = bidiModule as unknown as typeof bidiModule.default;
let engine: ReturnType<typeof bidiFactory> | null = null;

/** UAX #9's algorithm and Unicode data, built on first use: a left-to-right document never pays for it. */
export function bidi(): ReturnType<typeof bidiFactory> {
  engine ??= bidiFactory();
  return engine;
}

/** The text with every bidi-mirrored character ("(" ↔ ")", "«" ↔ "»") swapped for its mirror (UAX #9, rule L4). */
export function mirrored(text: string): string {
  let out = '';
  for (const char of text) out += bidi().getMirroredCharacter(char) ?? char;
  return out;
}
