import { describe, expect, it } from 'vitest';
import { faceFile, measure } from '../../src/fonts/index.js';
import { layoutDocument } from '../../src/layout/index.js';
import { paginate } from '../../src/layout/paginate.js';
import { type Slice, slice } from '../../src/layout/slices.js';
import type { LaidOutDocument, TextBox } from '../../src/layout/types.js';
import { parseSpec } from '../../src/spec/index.js';

const templateFile = '/project/templates/t/layout.hbs';
const emptySpec = parseSpec({ xml: '<document><body/></document>', templateFile }, { root: '/project' });
/** The body font's regular face, as layout names it (by content). */
const regular = emptySpec.fontFaces[emptySpec.fonts[0]?.regular as string] as string;

function layout(body: string, head = '', documentAttributes = 'margin="72pt"'): LaidOutDocument {
  const xml = `<document ${documentAttributes}><style name="body" size="10pt" leading="1.2" space-after="0"/>${head}<body>${body}</body></document>`;
  return layoutDocument(parseSpec({ xml, templateFile }, { root: '/project' }), { images: new Map() });
}

const texts = (doc: LaidOutDocument, page = 0) =>
  doc.pages[page]?.boxes.filter((b): b is TextBox => b.kind === 'text') ?? [];
/** Each line as the reader sees it: a hyphen added at a line end (U+00AD in the text layer) is drawn as "-". */
const lines = (doc: LaidOutDocument, page = 0) => {
  const byBaseline = new Map<number, string[]>();
  for (const box of texts(doc, page)) byBaseline.set(box.y, [...(byBaseline.get(box.y) ?? []), box.text]);
  return [...byBaseline.values()].map((parts) =>
    parts
      .join('')
      .trimEnd()
      .replace(/\u00AD$/, '-'),
  );
};
const width = (text: string) => (measure(regular, text) * 10) / 1000;
/** How far a box's word spaces are stretched beyond the font's space, in points. */
const stretch = (box: TextBox) =>
  Math.max(
    0,
    ...box.glyphs.filter((g) => g.text === ' ').map((g) => ((g.advance - measure(box.font, ' ')) * box.size) / 1000),
  );

describe('layout: line breaking', () => {
  it('breaks exactly where the measured words stop fitting', () => {
    // A column exactly as wide as "alpha beta" holds those two words and sends "gamma" down.
    const column = width('alpha beta');
    const margin = (612 - column) / 2;
    const doc = layout('<p>alpha beta gamma</p>', '', `margin="72pt ${margin}pt"`);
    expect(lines(doc)).toEqual(['alpha beta', 'gamma']);
    const [first] = texts(doc);
    expect(first?.x).toBeCloseTo(margin);
  });

  it('keeps every line inside the column and every word in order', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const doc = layout(`<p>${words}</p>`);
    for (const box of texts(doc)) expect(box.x + box.width).toBeLessThanOrEqual(612 - 72 + 0.01);
    expect(
      texts(doc)
        .map((b) => b.text)
        .join(''),
    ).toBe(words);
  });

  it('breaks a word too long for the line instead of running past the margin', () => {
    const long = 'x'.repeat(200);
    const doc = layout(`<p>${long}</p>`);
    const boxes = texts(doc);
    expect(boxes.length).toBeGreaterThan(1);
    for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(612 - 72 + 0.01);
    expect(boxes.map((b) => b.text).join('')).toBe(long);
  });

  it('justifies every line but the last to the right edge', () => {
    const words = Array.from({ length: 60 }, (_, i) => (i % 3 ? 'care' : 'acupuncture')).join(' ');
    const doc = layout(`<p>${words}</p>`);
    const justified = layout(`<p style="j">${words}</p>`, '<style name="j" size="10pt" align="justify"/>');
    const byLine = new Map<number, TextBox[]>();
    for (const box of texts(justified)) byLine.set(box.y, [...(byLine.get(box.y) ?? []), box]);
    const rows = [...byLine.values()];
    for (const row of rows.slice(0, -1)) {
      const last = row[row.length - 1] as TextBox;
      expect(last.x + last.width).toBeCloseTo(612 - 72, 1);
      expect(Math.max(...row.map(stretch))).toBeGreaterThan(0);
    }
    expect(stretch(rows[rows.length - 1]?.[0] as TextBox)).toBe(0);
    expect(lines(doc).length).toBe(rows.length);
  });

  it('honours <br/> and keeps bold runs in their own face', () => {
    const doc = layout('<p>one <b>two</b><br/>three</p>');
    expect(lines(doc)).toEqual(['one two', 'three']);
    const fonts = new Set(texts(doc).map((b) => b.font));
    expect(fonts.size).toBe(2);
  });
});

describe('layout: pagination', () => {
  const para = (n: number) => `<p>${Array.from({ length: n }, (_, i) => `w${i}`).join(' ')}</p>`;

  it('fills pages and puts every line inside the body area', () => {
    const doc = layout(Array.from({ length: 40 }, () => para(80)).join(''));
    expect(doc.pages.length).toBeGreaterThan(2);
    for (let p = 0; p < doc.pages.length; p++) {
      for (const box of texts(doc, p)) {
        expect(box.y).toBeGreaterThan(72);
        expect(box.y).toBeLessThan(792 - 72);
      }
    }
  });

  it('moves a heading that would sit alone at the bottom of a page to the next page', () => {
    // The spacer leaves room for the heading's line but not for the paragraph's first two lines.
    const lineHeight = 12;
    const room = 792 - 144;
    const doc = layout(`<spacer height="${room - lineHeight * 1.5}pt"/><h level="2">Heading</h>${para(60)}`);
    expect(lines(doc, 0)).toEqual([]);
    expect(lines(doc, 1)[0]).toBe('Heading');
  });

  it('never leaves a single line of a paragraph at the bottom or top of a page', () => {
    const lineHeight = 12;
    const room = 792 - 144;
    // Room for exactly one line at the bottom of page 1: the paragraph must start on page 2.
    const orphan = layout(`<spacer height="${room - lineHeight * 1.2}pt"/>${para(60)}`);
    expect(lines(orphan, 0)).toEqual([]);
    // A three-line paragraph with room for two: all three go to the next page (no widow).
    expect(lines(layout(para(70))).length).toBe(3);
    const widow = layout(`<spacer height="${room - lineHeight * 2.2}pt"/>${para(70)}`);
    const total = lines(widow, 0).length + lines(widow, 1).length;
    expect(total).toBe(3);
    expect(lines(widow, 0)).toEqual([]);
  });

  it('paginate: breaks only where a slice does not keep with the next', () => {
    const s = (keepWithNext: boolean): Slice => slice(10, [], { keepWithNext });
    const slices = [s(false), s(false), s(true), s(true), s(false), s(false)];
    const pages = paginate(slices, () => ({ top: 0, bottom: 35 }), 10);
    expect(pages.map((p) => p.length)).toEqual([2, 3, 1]);
  });

  it('paginate: a keep chain longer than a page still makes progress', () => {
    const slices = Array.from({ length: 10 }, () => slice(10, [], { keepWithNext: true }));
    const pages = paginate(slices, () => ({ top: 0, bottom: 35 }), 10);
    expect(pages.flat().length).toBe(10);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1]);
  });

  it('stops at the page limit with a clear error', () => {
    expect(() =>
      layoutDocument(
        parseSpec(
          { xml: `<document><body>${'<page-break/><p>x</p>'.repeat(30)}</body></document>`, templateFile },
          { root: '/p' },
        ),
        { images: new Map(), maxPages: 10 },
      ),
    ).toThrow(expect.objectContaining({ code: 'page-limit' }));
  });

  it('writes "Page N of M" in running footers', () => {
    const footer = '<footer height="40pt"><p>Page <field name="page"/> of <field name="pages"/></p></footer>';
    const doc = layout(Array.from({ length: 30 }, () => para(80)).join(''), footer);
    const total = doc.pages.length;
    expect(total).toBeGreaterThan(1);
    doc.pages.forEach((_, index) => {
      expect(lines(doc, index)).toContain(`Page ${index + 1} of ${total}`);
    });
  });

  it('draws a box background behind its content on each page it reaches', () => {
    const doc = layout(
      `<box fill="#EEEEEE" keep-together="false">${Array.from({ length: 16 }, () => para(80)).join('')}</box>`,
    );
    expect(doc.pages.length).toBe(2);
    for (const page of doc.pages) {
      const [first] = page.boxes;
      expect(first).toMatchObject({ kind: 'rect', fill: '#EEEEEE' });
    }
  });
});

describe('layout: glyph coverage', () => {
  it('draws characters the main font lacks in the fallback font', () => {
    const doc = layout('<p>Arrows → and checks ✓</p>');
    const files = new Set(texts(doc).map((b) => faceFile(b.font)));
    expect([...files].some((f) => f.includes('DejaVu'))).toBe(true);
  });

  it('refuses a character no font has', () => {
    expect(() => layout('<p>A private-use glyph \uE000 here</p>')).toThrow(
      expect.objectContaining({ code: 'glyph-missing' }),
    );
  });
});

describe('layout: hyphenation and justification', () => {
  const text = 'Acupuncture practitioners recommend comprehensive rehabilitation alongside strengthening exercises.';

  it('hyphenates by the document language only where a line needs it', () => {
    const head = '<style name="h" size="10pt" hyphenate="true"/>';
    const narrow = 'margin="72pt 380pt 72pt 72pt"';
    const doc = layout(`<p style="h">${text}</p>`, head, narrow);
    const rows = lines(doc);
    expect(rows.some((row) => /\p{L}-$/u.test(row))).toBe(true);
    // Rejoin: a line ending in letter + hyphen continues the word on the next line.
    const rejoined = rows.reduce((all, row) => (/\p{L}-$/u.test(all) ? all.slice(0, -1) + row : `${all} ${row}`));
    expect(rejoined).toBe(text);
    for (const box of texts(doc)) expect(box.x + box.width).toBeLessThanOrEqual(612 - 380 + 0.01);
    // Without hyphenation the same column breaks only between words.
    expect(lines(layout(`<p>${text}</p>`, '', narrow)).every((row) => !row.endsWith('-'))).toBe(true);
  });

  it('does not break a title inside a hyphenated word when another break will do', () => {
    const head = '<style name="t" size="20pt" balance="true" hyphenate="false"/>';
    const title = 'What to expect at your first visit for long-lasting lower back pain';
    for (let right = 200; right <= 380; right += 12) {
      const rows = lines(layout(`<p style="t">${title}</p>`, head, `margin="72pt ${right}pt 72pt 72pt"`));
      expect(
        rows.some((row) => row.endsWith('long-')),
        `right margin ${right}: ${rows.join(' | ')}`,
      ).toBe(false);
    }
  });

  it('never hyphenates an address printed in the text, at any column width', () => {
    const head = '<style name="h" size="10pt" hyphenate="true" align="justify"/>';
    const address = 'example.org/knee-exercises';
    for (let right = 300; right <= 460; right += 8) {
      const doc = layout(
        `<p style="h">Read more about the exercises at ${address} and bring questions.</p>`,
        head,
        `margin="72pt ${right}pt 72pt 72pt"`,
      );
      const rows = lines(doc);
      // A break inside the address (before a dot, a slash or its own hyphen) adds no hyphen.
      expect(rows.join(''), `right margin ${right}`).toContain(address);
    }
  });

  it('breaks at soft hyphens written in the content, and never draws them', () => {
    const doc = layout('<p>Acu\u00ADpunc\u00ADture acu\u00ADpunc\u00ADture</p>', '', 'margin="72pt 490pt 72pt 72pt"');
    const rows = lines(doc);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.some((row) => /^(Acu|Acupunc|acu|acupunc)-$/.test(row))).toBe(true);
    // Only where a line breaks: there the drawn hyphen stands for the soft hyphen in the text layer.
    for (const box of texts(doc)) expect(box.text.slice(0, -1)).not.toContain('\u00AD');
  });

  it('does not stretch justified spaces past the limit: such a line is set ragged', () => {
    const head = '<style name="j" size="10pt" align="justify" max-stretch="0.5"/>';
    const words = 'a verylongwordthatcannotbreakanywhere b anotherunbreakablelongword c'.repeat(4);
    const doc = layout(`<p style="j">${words}</p>`, head, 'margin="72pt 330pt 72pt 72pt"');
    const space = width(' ');
    for (const box of texts(doc)) expect(stretch(box)).toBeLessThanOrEqual(space * 0.5 + 0.001);
  });
});

describe('layout: hostile text', () => {
  // The bound is the test's own time limit: breaking a word must take time in proportion to its length
  // (it took minutes when cutting and address detection were quadratic).
  it('sets a 100,000-character word and a run of "@" in time, every character kept, inside the margin', () => {
    for (const word of ['x'.repeat(100_000), 'a@b.'.repeat(20_000)]) {
      const doc = layout(`<p>${word}</p>`);
      const boxes = doc.pages.flatMap((_, p) => texts(doc, p));
      expect(boxes.map((b) => b.text).join('')).toBe(word);
      for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(612 - 72 + 0.01);
    }
  }, 120_000);
});
