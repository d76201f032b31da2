import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { readArticle } from '../../src/content/index.js';
import { openFace, shape } from '../../src/fonts/index.js';
import { baseDirection, paragraphLevels, visualOrder } from '../../src/layout/bidi.js';
import { layoutDocument } from '../../src/layout/index.js';
import { listNumber } from '../../src/layout/numbering.js';
import type { LaidOutDocument, TextBox } from '../../src/layout/types.js';
import { layoutHandout } from '../../src/pipeline.js';
import { directionOf } from '../../src/shared/direction.js';
import { parseSpec } from '../../src/spec/index.js';
import { makeProject, repoRoot } from '../helpers/project.js';

const templateFile = '/project/templates/t/layout.hbs';
const dejavu = openFace(`${repoRoot}fonts/dejavu/DejaVuSans.ttf`);

function layout(body: string, documentAttributes: string): LaidOutDocument {
  const xml = `<document margin="72pt" ${documentAttributes}><style name="body" size="10pt" leading="1.2" space-after="0"/><body>${body}</body></document>`;
  return layoutDocument(parseSpec({ xml, templateFile }, { root: '/project' }), { images: new Map() });
}
const texts = (doc: LaidOutDocument) => doc.pages[0]?.boxes.filter((b): b is TextBox => b.kind === 'text') ?? [];
/** The boxes of one line, as drawn from left to right. */
const lineAt = (doc: LaidOutDocument, y: number) =>
  texts(doc)
    .filter((b) => b.y === y && b.text.trim() !== '')
    .sort((a, b) => a.x - b.x);

describe('direction', () => {
  it('comes from the language, a script subtag deciding', () => {
    expect(['ar', 'ar-EG', 'fa', 'ur', 'he', 'yi', 'az-Arab'].map(directionOf)).toEqual(Array(7).fill('rtl'));
    expect(['en', 'es-MX', 'zh-Hant', 'arn', 'uz-Latn', 'ku-Latn'].map(directionOf)).toEqual(Array(6).fill('ltr'));
  });

  it("of a paragraph is the document's unless all its letters are of the other direction", () => {
    expect(baseDirection('خذ 500 mg من Metformin', true)).toBe('rtl');
    expect(baseDirection('Metformin مع الطعام', true)).toBe('rtl');
    expect(baseDirection('Page 1 of 2', true)).toBe('ltr');
    expect(baseDirection('12', true)).toBe('rtl');
    expect(baseDirection('שלום', false)).toBe('rtl');
    expect(baseDirection('Call 555-0142', false)).toBe('ltr');
  });
});

describe('an article’s direction', () => {
  it('comes from front matter `dir`, else its language, and reaches the page through `{{dir}}`', () => {
    const root = makeProject({
      'content/articles/a.md': '---\ntitle: A\nlang: en\ndir: rtl\n---\n\nText.\n',
      'content/articles/b.md': '---\ntitle: ب\nlang: ar\n---\n\nنص.\n',
      'content/articles/c.md': '---\ntitle: ج\nlang: ar\ndir: ltr\n---\n\nنص.\n',
    });
    const dirs = ['a', 'b', 'c'].map((id) => readArticle(join(root, `content/articles/${id}.md`), root).dir);
    expect(dirs).toEqual(['rtl', 'rtl', 'ltr']);
    const brand = readBrand(join(root, 'content/clinics/harbor-wellness.yaml'));
    const laid = (id: string) =>
      layoutHandout({
        root,
        article: readArticle(join(root, `content/articles/${id}.md`), root),
        brand,
        template: 'handout',
      });
    expect(laid('a').document.info.dir).toBe('rtl');
    expect(laid('c').document.info.dir).toBe('ltr');
  });
});

describe('UAX #9 levels and reordering', () => {
  it('keeps a phone number and an address left to right after Arabic letters', () => {
    const text = 'الرقم 555-0142 أو www.example.org/a-b';
    const levels = paragraphLevels(text, true, [[text.indexOf('www'), text.length]]) as Uint8Array;
    const phone = text.indexOf('555');
    // Without the rule, digits after Arabic letters are Arabic numbers (W2) and the hyphen between them is not.
    expect([...levels.slice(phone, phone + 8)]).toEqual(Array(8).fill(2));
    expect([...levels.slice(text.indexOf('www'))].every((l) => l === 2)).toBe(true);
    expect(levels[0]).toBe(1);
  });

  it('needs no work for a paragraph without right-to-left text', () => {
    expect(paragraphLevels('Plain English, 15 minutes.', false, [])).toBeNull();
  });

  it('reverses runs from the highest level down (rule L2)', () => {
    expect(visualOrder([0, 0, 0])).toEqual([0, 1, 2]);
    expect(visualOrder([1, 1, 1])).toEqual([2, 1, 0]);
    // An Arabic sentence with a number in it: the number stays where it is within the reversed line.
    expect(visualOrder([1, 2, 1])).toEqual([2, 1, 0]);
    expect(visualOrder([1, 2, 2, 1])).toEqual([3, 1, 2, 0]);
    expect(visualOrder([0, 1, 1, 0])).toEqual([0, 2, 1, 3]);
  });
});

describe('shaping right to left', () => {
  it('gives glyphs in reading order, each with the character it stands for (a ligature: one, then an empty glyph)', () => {
    const shaped = shape(dejavu, 'الأكل', true);
    expect(shaped.glyphs.map((g) => g.text)).toEqual(['ا', 'ل', 'أ', 'ك', 'ل']);
    // The lam-alef ligature is one glyph drawn; the alef it also stands for follows as an empty glyph of no width.
    const [, lam, alef] = shaped.glyphs;
    expect(shape(dejavu, 'لأ', true).glyphs[0]?.id).toBe(lam?.id);
    expect(alef?.advance).toBe(0);
    expect(alef?.id).not.toBe(shape(dejavu, 'أ', true).glyphs[0]?.id);
    // Contextual forms: the initial alef and the final lam are other glyphs than the letters alone.
    expect(shaped.glyphs.at(-1)?.id).not.toBe(shape(dejavu, 'ل', true).glyphs[0]?.id);
  });

  it('mirrors brackets in a right-to-left run, keeping their text', () => {
    const rtl = shape(dejavu, '(א)', true);
    const ltr = shape(dejavu, '(א)', false);
    expect(rtl.glyphs.map((g) => g.text)).toEqual(['(', 'א', ')']);
    expect(rtl.glyphs[0]?.id).toBe(ltr.glyphs[2]?.id);
  });
});

describe('a right-to-left document', () => {
  const arabic = 'قس السكر مرتين يوميا وانتظر ١٥ دقيقة ثم اتصل بالرقم 555-0142 إذا بقي أعلى من 250.';

  it('sets each line from the right edge, the first word rightmost, numbers left to right', () => {
    const doc = layout(`<p>${arabic}</p>`, 'lang="ar"');
    const first = texts(doc).find((b) => b.text.trim() !== '') as TextBox;
    const line = lineAt(doc, first.y);
    const rightEdge = doc.width - 72;
    // The first word of the text is the rightmost on its line, flush with the right margin.
    expect(line.at(-1)?.text).toBe('قس');
    expect((line.at(-1) as TextBox).x + (line.at(-1) as TextBox).width).toBeCloseTo(rightEdge, 1);
    const visual = line.map((b) => b.text.trim());
    expect(visual.indexOf('السكر')).toBeLessThan(visual.indexOf('قس'));
    expect(visual.indexOf('مرتين')).toBeLessThan(visual.indexOf('السكر'));
    // "١٥" and "555-0142" are drawn left to right, whole.
    const numbers = texts(doc).filter((b) => /[0-9١٥]/.test(b.text));
    expect(numbers.map((b) => [b.text.trim(), b.rtl ?? false])).toEqual([
      ['١٥', false],
      ['555-0142', false],
      ['250', false],
    ]);
    // Arabic runs are drawn right to left.
    expect(first.rtl).toBe(true);
  });

  it('is set as its language says, or as `dir` says', () => {
    const byLang = layout(`<p>${arabic}</p>`, 'lang="ar"');
    const byDir = layout(`<p>${arabic}</p>`, 'lang="en" dir="rtl"');
    const ltr = layout(`<p>${arabic}</p>`, 'lang="ar" dir="ltr"');
    const rightmost = (doc: LaidOutDocument) => texts(doc).reduce((a, b) => (b.x > a.x ? b : a)).text;
    expect(rightmost(byLang)).toBe('قس');
    expect(rightmost(byDir)).toBe('قس');
    // In a left-to-right document the page is not mirrored (the text starts at the left margin), but an
    // all-Arabic paragraph still reads right to left: its first word is the rightmost of its line.
    expect(Math.min(...texts(ltr).map((b) => b.x))).toBeCloseTo(72, 1);
    const first = texts(ltr)[0] as TextBox;
    expect(lineAt(ltr, first.y).at(-1)?.text.trim()).toBe('قس');
  });

  it('mirrors the page: list numbers on the right of their items, in the language’s own digits', () => {
    const doc = layout(
      '<list type="number"><item><p>اغسل يديك</p></item><item><p>سجل النتيجة</p></item></list>',
      'lang="ar-EG"',
    );
    const item = texts(doc).find((b) => b.text.includes('اغسل')) as TextBox;
    const marker = lineAt(doc, item.y).filter((b) => b.x > item.x + item.width);
    // "١." in a right-to-left line: the number at the right, its full stop between it and the item.
    expect(marker.map((b) => b.text)).toEqual(['.', '١']);
  });
});

describe('list numbers', () => {
  it('use the default digits of the language (CLDR)', () => {
    expect(listNumber(12, 'ar-EG')).toBe('١٢.');
    expect(listNumber(12, 'fa')).toBe('۱۲.');
    expect(listNumber(12, 'he')).toBe('12.');
    expect(listNumber(12, 'en')).toBe('12.');
  });
});
