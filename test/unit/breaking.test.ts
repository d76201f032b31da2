import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forced, type Item, optimalBreaks } from '../../src/layout/breaking.js';

/** A paragraph of words (box widths) separated by spaces that may stretch by half and shrink by a fifth. */
function paragraph(widths: readonly number[]): Item[] {
  return widths.flatMap((width, i): Item[] =>
    i === widths.length - 1
      ? [
          { kind: 'box', width },
          { kind: 'penalty', width: 0, cost: forced, flagged: false },
        ]
      : [
          { kind: 'box', width },
          { kind: 'glue', width: 4, stretch: 2, shrink: 0.8 },
        ],
  );
}

/** Each line's adjustment ratio (the last line's is 0), as the breaker defines it. */
function ratios(items: readonly Item[], breaks: readonly number[], lineWidth: number): number[] {
  let start = 0;
  return breaks.map((b, line) => {
    const inside = items.slice(start, b);
    start = b + 1;
    const natural = inside.reduce((sum, item) => sum + (item.kind === 'penalty' ? 0 : item.width), 0);
    const glue = inside.filter((item) => item.kind === 'glue') as { stretch: number; shrink: number }[];
    const room = lineWidth - natural;
    // The last line may fall short freely (TeX's \\parfillskip), but shrinks like any other.
    if (line === breaks.length - 1 && room >= 0) return 0;
    const give = room >= 0 ? glue.reduce((s, g) => s + g.stretch, 0) : glue.reduce((s, g) => s + g.shrink, 0);
    return give > 0 ? room / give : room === 0 ? 0 : room > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  });
}

/** The demerits the breaker minimises, recomputed independently for one set of breaks. */
function demerits(items: readonly Item[], breaks: readonly number[], lineWidth: number): number {
  let fitness = 1;
  return ratios(items, breaks, lineWidth).reduce((sum, r) => {
    const klass = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
    const extra = Math.abs(klass - fitness) > 1 ? 100 : 0;
    fitness = klass;
    return sum + (10 + 100 * Math.abs(r) ** 3) ** 2 + extra;
  }, 0);
}

/** Every way to break: each glue may or may not end a line. */
function allBreakSets(items: readonly Item[]): number[][] {
  const glue = items.flatMap((item, i) => (item.kind === 'glue' ? [i] : []));
  return Array.from({ length: 2 ** glue.length }, (_, mask) => [
    ...glue.filter((_, k) => mask & (1 << k)),
    items.length - 1,
  ]);
}

describe('total-fit line breaking', () => {
  it('finds the set of breaks with the least demerits (checked against every possible set)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 8, max: 40 }), { minLength: 2, maxLength: 11 }),
        fc.integer({ min: 45, max: 90 }),
        (widths, lineWidth) => {
          const items = paragraph(widths);
          const feasible = allBreakSets(items).filter((set) =>
            ratios(items, set, lineWidth).every((r) => r >= -1 && r <= 1),
          );
          const breaks = optimalBreaks(items, { lineWidth, tolerance: 1, ragged: null });
          if (feasible.length === 0) {
            expect(breaks).toBeNull();
            return;
          }
          const best = Math.min(...feasible.map((set) => demerits(items, set, lineWidth)));
          expect(breaks).not.toBeNull();
          expect(demerits(items, breaks as number[], lineWidth)).toBeCloseTo(best, 6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('evens out a paragraph that filling line by line would leave with one loose line', () => {
    // Greedy: "30 30" fits one line (64), leaving "30 30 30" (98) to stretch far on the next; total fit spreads it.
    const items = paragraph([30, 30, 30, 30, 30, 10]);
    const breaks = optimalBreaks(items, { lineWidth: 100, tolerance: 1, ragged: null }) as number[];
    const r = ratios(items, breaks, 100);
    expect(Math.max(...r.slice(0, -1).map(Math.abs))).toBeLessThanOrEqual(1);
  });

  it('sets ragged lines of similar length, never past the width', () => {
    const items = paragraph([20, 25, 10, 30, 15, 20, 35, 10, 20, 25]);
    const breaks = optimalBreaks(items, { lineWidth: 80, tolerance: Number.POSITIVE_INFINITY, ragged: 20 }) as number[];
    let start = 0;
    for (const b of breaks) {
      const natural = items.slice(start, b).reduce((s, item) => s + (item.kind === 'penalty' ? 0 : item.width), 0);
      expect(natural).toBeLessThanOrEqual(80);
      start = b + 1;
    }
  });

  it('takes a hyphenation point only when it pays', () => {
    const word = (width: number): Item => ({ kind: 'box', width });
    const space: Item = { kind: 'glue', width: 4, stretch: 2, shrink: 0.8 };
    const hyphen: Item = { kind: 'penalty', width: 3, cost: 50, flagged: true };
    // "aaaa bb-bb cccc": the first line fits only if "bb-" ends it (40 + 4 + 20 + 3 = 67 of 68).
    const items: Item[] = [
      word(40),
      space,
      word(20),
      hyphen,
      word(20),
      space,
      word(40),
      { kind: 'penalty', width: 0, cost: forced, flagged: false },
    ];
    expect(optimalBreaks(items, { lineWidth: 68, tolerance: 1, ragged: null })).toEqual([3, 7]);
    // With room for "aaaa bb" alone, breaking at the hyphen costs more than a slightly loose line.
    const roomy = optimalBreaks(items, { lineWidth: 86, tolerance: 1, ragged: null });
    expect(roomy).toEqual([5, 7]);
  });
});
