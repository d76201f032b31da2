import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutDocument } from '../../src/layout/index.js';
import { quantityRanges } from '../../src/layout/quantities.js';
import type { Box, LaidOutDocument, TextBox } from '../../src/layout/types.js';
import { parseSpec } from '../../src/spec/index.js';
import { makeProject, removeProject } from '../helpers/project.js';

/** Line-breaking rules of the engine, checked on the laid-out data (no PDF). */

const root = makeProject({});
afterAll(() => removeProject(root));
const texts = (boxes: readonly Box[]) => boxes.filter((b): b is TextBox => b.kind === 'text');
/** Each line of the first page: its boxes' text joined, by baseline. */
function lines(doc: LaidOutDocument): string[] {
  const byLine = new Map<number, string>();
  for (const box of texts(doc.pages[0]?.boxes ?? [])) byLine.set(box.y, (byLine.get(box.y) ?? '') + box.text);
  return [...byLine.values()].map((t) => t.trimEnd());
}
const layoutAt = (body: string, right: number, lang = 'en') =>
  layoutDocument(
    parseSpec(
      {
        xml: `<document margin="72pt ${right}pt 72pt 72pt" lang="${lang}"><body>${body}</body></document>`,
        templateFile: join(root, 't/layout.hbs'),
      },
      { root },
    ),
    { images: new Map() },
  );

describe('line breaking: number ranges, quantities and readings', () => {
  const readings = ['Day 10–14', '3 × 8', '135/85 mmHg', '15 / min', '20 mg'];
  it('keeps each whole on one line at every measure', () => {
    const body = `<p>Rest until Day 10–14 then do 3 × 8 slow squats while your pressure stays below 135/85 mmHg and your breathing under 15 / min with 20 mg taken.</p>`;
    for (let right = 250; right <= 460; right += 6) {
      const all = lines(layoutAt(body, right));
      for (const reading of readings.slice(1)) {
        expect(
          all.some((line) => line.includes(reading)),
          `${reading} at ${right}`,
        ).toBe(true);
      }
      expect(
        all.some((line) => line.includes('10–14')),
        `10–14 at ${right}`,
      ).toBe(true);
    }
  });

  it('finds ranges, products, readings and units, but not a bare number', () => {
    const found = (text: string) => quantityRanges(text).map(([a, b]) => text.slice(a, b));
    expect(found('Day 10–14, 3 × 8, 135/85 mmHg, 15 / min, 5 km, 37.5 °C, 90%')).toEqual([
      '10–14',
      '3 × 8',
      '135/85 mmHg',
      '15 / min',
      '5 km',
      '37.5 °C',
      '90%',
    ]);
    expect(found('Take 2 tablets on 3 days in 2026.')).toEqual([]);
  });
});

describe('line breaking: a compound broken at its hyphen', () => {
  const body =
    '<p>Volte na segunda-feira de manhã e sente-se com calma antes de medir a pressão arterial outra vez.</p>';
  /** Each line's boxes, by baseline, at each measure where a line ends in a written hyphen. */
  const brokenAtHyphen = (lang: string) =>
    Array.from({ length: 60 }, (_, i) => 250 + i * 4).flatMap((right) => {
      const doc = layoutAt(body, right, lang);
      const boxes = texts(doc.pages[0]?.boxes ?? []);
      for (const box of boxes)
        expect(box.x + box.width, `right edge at ${right}`).toBeLessThanOrEqual(doc.width - right + 0.01);
      const rows = [...new Set(boxes.map((b) => b.y))].map((y) => boxes.filter((b) => b.y === y));
      return rows.flatMap((row, i) =>
        /[a-z]-\s*$/.test(row.map((b) => b.text).join('')) ? [[row, rows[i + 1] ?? []] as const] : [],
      );
    });

  it('repeats the hyphen at the start of the next line in Portuguese, drawn only, within the measure', () => {
    const cases = brokenAtHyphen('pt');
    expect(cases.length).toBeGreaterThan(0);
    for (const [, next] of cases) {
      const first = next[0];
      // One glyph drawn, standing for no text: the words read "segunda-feira" once.
      expect(first?.glyphs).toHaveLength(1);
      expect(first?.text).toBe('');
      expect(first?.x).toBeCloseTo(72, 3);
      // The rest of the line follows the hyphen and stays inside the right margin.
      expect(next[1]?.x ?? 0).toBeGreaterThan((first?.x ?? 0) + (first?.width ?? 0) - 0.01);
    }
  });

  it('does not repeat it in English', () => {
    const cases = brokenAtHyphen('en');
    expect(cases.length).toBeGreaterThan(0);
    for (const [, next] of cases) expect(next[0]?.text).not.toBe('');
  });
});
