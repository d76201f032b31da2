import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { readArticle } from '../../src/content/index.js';
import type { Article, Block, Inline } from '../../src/content/types.js';
import { renderHandout } from '../../src/pipeline.js';
import { openPdf } from '../../src/proof/rasterize.js';
import { type DrawnGlyph, drawnGlyphs, glyphsSpelling } from '../helpers/drawn-glyphs.js';
import { repoRoot } from '../helpers/project.js';
import { taggedText, words } from '../helpers/tagged-text.js';

// Arabic and Hebrew handouts: read back through the tags in reading order, and checked on the page from
// the glyphs' drawn positions, so a line laid out backwards or a number printed reversed fails.

const harbor = readBrand(join(repoRoot, 'content/clinics/harbor-wellness.yaml'));
const ridgeline = readBrand(join(repoRoot, 'content/clinics/ridgeline-integrative.yaml'));
const arabic = readArticle(join(repoRoot, 'test/fixtures/rtl/sukkari.ar.md'), repoRoot);
const hebrew = readArticle(join(repoRoot, 'test/fixtures/rtl/sukkeret.he.md'), repoRoot);
const templates = ['handout', 'large-print', 'two-column', 'trifold'];

const build = (article: Article, template: string) =>
  renderHandout({ root: repoRoot, article, brand: template === 'trifold' ? ridgeline : harbor, template });

/** A paragraph's text as printed: a link written as its address shows without "www.". */
const inlineText = (inlines: readonly Inline[]) =>
  inlines.map((i) => (i.type !== 'text' ? ' ' : i.href ? i.text.replace(/^www\./, '') : i.text)).join('');

/** The words of each heading, paragraph and list item, in the article's order. */
function blockWords(blocks: readonly Block[]): string[][] {
  return blocks.flatMap((block): string[][] => {
    if (block.type === 'heading' || block.type === 'paragraph') return [words(inlineText(block.inlines))];
    if (block.type === 'list') return block.items.flatMap((item) => blockWords(item.blocks));
    if (block.type === 'callout' || block.type === 'quote') return blockWords(block.blocks);
    return [];
  });
}

/** Whether each run of words appears whole among the tagged words (runs may be read in another order: a flap). */
function missingRuns(runs: readonly string[][], tagged: readonly string[]): string[] {
  const text = ` ${tagged.join(' ')} `;
  return runs.map((run) => run.join(' ')).filter((run) => !text.includes(` ${run} `));
}

const cases: [
  string,
  Article,
  {
    digits: string;
    firstWord: string;
    phone: string;
    marker: string;
    item: string;
    columns: [string, string];
    callout: string;
  },
][] = [
  [
    'Arabic',
    arabic,
    {
      digits: '١٥',
      firstWord: 'قس',
      phone: '555-0142',
      marker: '1',
      item: 'يديك',
      columns: ['الوقت', 'القياس'],
      callout: 'الطوارئ',
    },
  ],
  [
    'Hebrew',
    hebrew,
    {
      digits: '15',
      firstWord: 'מדדו',
      phone: '555-0142',
      marker: '1',
      item: 'ידיים',
      columns: ['שעה', 'מדידה'],
      callout: 'המיון',
    },
  ],
];

describe('a right-to-left handout reads in logical order through its tags (pdf.js)', () => {
  for (const [name, article] of cases) {
    for (const template of templates) {
      it(`${name}, ${template}`, async () => {
        const { pdf } = await build(article, template);
        const tagged = words(await taggedText(pdf));
        expect(missingRuns([words(article.title), ...blockWords(article.blocks)], tagged)).toEqual([]);
      });
    }
  }
});

describe("pdf.js's text content (Firefox's text layer, `handout diff`)", () => {
  it('reads Arabic words whole and in logical order, a lam-alef ligature included', async () => {
    const { pdf } = await build(arabic, 'handout');
    const opened = await openPdf(pdf);
    const read = [...(await opened.words(1)), ...(await opened.words(2))];
    await opened.close();
    const expected = words(`${arabic.title} ${blockWords(arabic.blocks).flat().join(' ')}`)
      .map((w) => w.replace(/[.,:]$/, ''))
      .filter((w) => /^\p{Script=Arabic}+$/u.test(w));
    const found = expected.filter((w) => read.some((r) => r.replace(/[.,:]$/, '') === w));
    expect(expected.filter((w) => !found.includes(w))).toEqual([]);
    expect(read).toContain('الأكل');
  });
});

describe('a right-to-left handout is drawn right to left (positions of the drawn glyphs)', () => {
  for (const [name, article, expected] of cases) {
    it(`${name}: first words at the right edge, numbers left to right, list numbers on the right`, async () => {
      const { pdf } = await build(article, 'handout');
      const glyphs = (await drawnGlyphs(pdf)).filter((g) => g.text.trim() !== '');
      const line = (y: number) => glyphs.filter((g) => Math.abs(g.y - y) < 0.5);
      const right = (gs: readonly DrawnGlyph[]) => Math.max(...gs.map((g) => g.x + g.width));

      // The first word of the first paragraph ends its line on the right, flush with the other lines.
      const first = glyphsSpelling(glyphs, expected.firstWord) as DrawnGlyph[];
      expect(first).not.toBeNull();
      const firstLine = line((first[0] as DrawnGlyph).y);
      expect(right(first)).toBeCloseTo(right(firstLine), 1);
      // Its letters are drawn right to left: the first letter is the rightmost.
      expect((first[0] as DrawnGlyph).x).toBeGreaterThan((first.at(-1) as DrawnGlyph).x);
      // The next line of the paragraph ends at the same right edge (ragged on the left).
      const nextLine = line(Math.min(...glyphs.filter((g) => g.y > (first[0] as DrawnGlyph).y).map((g) => g.y)));
      expect(right(nextLine)).toBeCloseTo(right(firstLine), 0);

      // "15" is drawn "1" then "5" from left to right: never reversed.
      const digits = glyphsSpelling(glyphs, expected.digits) as DrawnGlyph[];
      expect(digits.map((g) => g.text).join('')).toBe(expected.digits);
      expect((digits[0] as DrawnGlyph).x).toBeLessThan((digits[1] as DrawnGlyph).x);
      const phone = glyphsSpelling(glyphs, expected.phone) as DrawnGlyph[];
      expect(phone.map((g) => g.x)).toEqual([...phone.map((g) => g.x)].sort((a, b) => a - b));

      // The first list item's number is right of its text, its full stop between them.
      const second = (await drawnGlyphs(pdf, 2)).filter((g) => g.text.trim() !== '');
      const onPage = glyphsSpelling(glyphs, expected.item) ? glyphs : second;
      const item = glyphsSpelling(onPage, expected.item) as DrawnGlyph[];
      const itemLine = onPage.filter((g) => Math.abs(g.y - (item[0] as DrawnGlyph).y) < 0.5);
      const number = itemLine.find((g) => g.text === expected.marker) as DrawnGlyph;
      const text = itemLine.filter((g) => g !== number && g.text !== '.');
      expect(number.x).toBeGreaterThan(right(text));
      const stop = itemLine.find((g) => g.text === '.' && g.x > right(text) - 0.5) as DrawnGlyph;
      expect(stop.x).toBeLessThan(number.x);

      // The table's first column is on the right.
      const [firstHead, secondHead] = expected.columns.map((head) => glyphsSpelling(onPage, head) as DrawnGlyph[]);
      expect(Math.min(...(firstHead as DrawnGlyph[]).map((g) => g.x))).toBeGreaterThan(
        right(secondHead as DrawnGlyph[]),
      );
    });

    it(`${name}: the callout's bar is on the right of its text`, async () => {
      const { layout } = await build(article, 'handout');
      for (const page of layout.pages) {
        const text = page.boxes.find((b) => b.kind === 'text' && b.text.includes(expected.callout));
        if (!text || text.kind !== 'text') continue;
        // The bar: a filled rectangle a few points wide beside the callout's text.
        const bars = page.boxes.filter(
          (b) => b.kind === 'rect' && b.fill && b.width < 6 && b.y <= text.y && b.y + b.height >= text.y,
        );
        expect(bars.length).toBe(1);
        expect((bars[0] as { x: number }).x).toBeGreaterThan(text.x + text.width);
        return;
      }
      throw new Error('callout text not found');
    });
  }
});

describe('a right-to-left document says so to viewers', () => {
  it('Arabic and Hebrew PDFs carry /ViewerPreferences /Direction /R2L; an English one does not', async () => {
    const viewerPreferences = (pdf: Uint8Array) =>
      /\/DisplayDocTitle true[^>]*>>/.exec(Buffer.from(pdf).toString('latin1'))?.[0] ?? '';
    for (const article of [arabic, hebrew])
      expect(viewerPreferences((await build(article, 'handout')).pdf)).toMatch(/\/Direction \/R2L\b/);
    const english = readArticle(join(repoRoot, 'content/articles/acupuncture-knee-pain.md'), repoRoot);
    const left = viewerPreferences((await build(english, 'handout')).pdf);
    expect(left).toContain('/DisplayDocTitle true');
    expect(left).not.toContain('/Direction');
  });
});
