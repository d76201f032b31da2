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

describe('line breaking: doses, units and contacts (issue 22)', () => {
  const body =
    '<p>Keep your sugar above 70 mg/dL, take 1000 mg of it at most and 2 mg/kg/day for a child, insulin 10 units at night, call +44 (0)1969 555 0123 ext. 4417 when you measure over 38.5 °C, results are in mmol/L or mg/dL.</p>';
  const whole = [
    '70 mg/dL',
    '1000 mg',
    '2 mg/kg/day',
    '10 units',
    '+44 (0)1969 555 0123 ext. 4417',
    '38.5 °C',
    'mmol/L',
  ];

  it('never parts a number from its unit, a compound unit, or a phone number from its extension, at any measure', () => {
    for (let right = 150; right <= 330; right += 5) {
      const all = lines(layoutAt(body, right));
      for (const reading of whole)
        expect(
          all.some((line) => line.includes(reading)),
          `${reading} at ${right}`,
        ).toBe(true);
    }
  });

  it('parts a phone number wider than the line at its spaces, never inside a group of digits', () => {
    const all = lines(layoutAt('<p>+44 (0)1969 555 0123 ext. 4417</p>', 612 - 72 - 90));
    expect(all.length).toBeGreaterThan(1);
    expect(all.join(' ')).toBe('+44 (0)1969 555 0123 ext. 4417');
    expect(all.some((line) => line.endsWith('ext.'))).toBe(false);
    for (let right = 300; right <= 470; right += 10) {
      const narrow = lines(layoutAt('<p>Call +44 (0)1969 555 0123 ext. 4417 today.</p>', right));
      expect(
        narrow.some((line) => line.includes('ext. 4417')),
        `at ${right}`,
      ).toBe(true);
    }
  });

  it('finds doses, compound units and units written alone', () => {
    const found = (text: string) => quantityRanges(text).map(([a, b]) => text.slice(a, b));
    expect(found('below 70 mg/dL, 1000 mg, 2 mg/kg/day, 10 units, 5 IE, in mg/dL or mmol/L')).toEqual([
      '70 mg/dL',
      '1000 mg',
      '2 mg/kg/day',
      '10 units',
      '5 IE',
      'mg/dL',
      'mmol/L',
    ]);
    expect(found('Take 2 tablets on 3 days in 2026, and/or later.')).toEqual([]);
  });

  it('breaks an address only after "/", ".", "-" or "@", never so a line starts with a dot or a hyphen, no hyphen added', () => {
    const address = 'appointments-and-enquiries@stbartholomew-marymagdalene-integrative.example.co.uk';
    const site = 'https://www.stbartholomew-marymagdalene-integrative.example.co.uk/patients/information';
    for (let right = 200; right <= 400; right += 10) {
      for (const text of [address, site]) {
        // Written out (a link this long would show just its site name).
        const all = lines(layoutAt(`<p>${text}</p>`, right));
        expect(all.join(''), `${text} at ${right}`).toBe(text);
        for (const line of all.slice(1)) expect(line, `${text} at ${right}`).toMatch(/^[^.\-/@]/);
        for (const line of all.slice(0, -1)) expect(line, `${text} at ${right}`).toMatch(/[.\-/@]$/);
        expect(
          all.some((line) => line.includes('example.co.uk')),
          `${text} at ${right}`,
        ).toBe(true);
      }
    }
  });

  it('drops a separator left at the end of a wrapped line, and keeps it on one line', () => {
    const footer = '<p>+44 (0)1969 555 0123 ext. 4417&#160;· <a href="https://example.co.uk">example.co.uk</a></p>';
    let wrapped = 0;
    for (let right = 150; right <= 400; right += 10) {
      const all = lines(layoutAt(footer, right));
      for (const line of all) expect(line, `at ${right}`).not.toMatch(/·$/);
      if (all.length === 1) expect(all[0]).toContain('4417\u00A0· example.co.uk');
      else wrapped++;
    }
    expect(wrapped).toBeGreaterThan(0);
  });
});
