import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { parseArticle, readArticle } from '../../src/content/index.js';
import { renderHandout } from '../../src/pipeline.js';
import { repoRoot } from '../helpers/project.js';
import { flatten, readStructure } from '../helpers/structure.js';

const root = repoRoot;
const knee = readArticle(join(root, 'content/articles/acupuncture-knee-pain.md'));
const spanish = readArticle(join(root, 'content/articles/puncion-seca-cuello.md'));
const harbor = readBrand(join(root, 'content/clinics/harbor-wellness.yaml'));

const headingsOf = (article: typeof knee) =>
  article.blocks
    .filter((b) => b.type === 'heading')
    .map((b) => (b.type === 'heading' ? b.inlines.map((i) => (i.type === 'text' ? i.text : '')).join('') : ''));

describe.each([
  ['handout', knee],
  ['large-print', knee],
  ['two-column', knee],
  ['trifold', spanish],
] as const)('tagged PDF: %s', (template, article) => {
  it('has a structure tree in reading order, with nothing untagged and no page furniture in it', async () => {
    const { pdf } = await renderHandout({ root, article, brand: harbor, template });
    const { pages, untagged } = await readStructure(pdf);
    const all = pages.flat();
    expect(untagged).toEqual([]);
    expect(all.every((item) => item.role === 'Document')).toBe(true);
    const elements = flatten(all);
    const text = elements.join('\n');
    // The title first among the headings, then the article's headings in the article's order.
    const headings = elements.filter((e) => /^H\d: /.test(e)).map((e) => e.replace(/^H\d: /, ''));
    expect(headings[0]).toBe(article.title);
    const expected = headingsOf(article);
    let at = 0;
    for (const heading of expected) {
      const found = headings.indexOf(heading, at);
      expect(found, `heading "${heading}" in order`).toBeGreaterThan(at - 1);
      at = found;
    }
    expect(elements.filter((e) => e.startsWith('H1'))).toHaveLength(1);
    expect(text).toMatch(/^L$/m);
    expect(text).toMatch(/^LI$/m);
    expect(text).toMatch(/^Lbl: (•|\d\.)$/m);
    expect(text).toMatch(/^LBody$/m);
    // The logo is an artifact (the name is printed beside it); the QR code's alt text is its address, and
    // the label under it says what it is for: no words read twice.
    expect(text).not.toContain('Figure [Harbor Wellness Acupuncture]');
    expect(text).toMatch(/^P: Harbor Wellness Acupuncture$/m);
    expect(text).toMatch(
      /^Figure \[https:\/\/example\.org\/book\]\nP: (Scan to book a visit|Escanee para pedir una cita)$/m,
    );
    expect(text).toMatch(/^Link: /m);
    // Running heads and page numbers are artifacts, outside the tree.
    expect(text).not.toMatch(/Page \d of|Página \d de|Harbor Wellness Acupuncture · /);
    // Words at line ends stay apart for a screen reader.
    expect(text).not.toMatch(/climbstairs|kneepain/);
  });
});

describe('tagged PDF: links', () => {
  it('a link broken over two lines is one Link element, read once with all its words', async () => {
    const words = 'the guide on sprains and strains with all of its advice for people looking after themselves at home';
    const article = parseArticle(
      `---\ntitle: Links\n---\n\nBefore your visit, please read [${words}](https://example.org/sprains) and bring questions.\n`,
      join(root, 'content/articles/links.md'),
    );
    const { pdf } = await renderHandout({ root, article, brand: harbor, template: 'two-column' });
    // The article's link, apart from the closing's website and e-mail links.
    const links = flatten((await readStructure(pdf)).pages.flat()).filter((e) => /^Link: .*(guide|home)/.test(e));
    expect(links.map((link) => link.replace(/\s+/g, ' ').trim())).toEqual([`Link: ${words}`]);
  });
});

describe('tagged PDF: document properties', () => {
  it('has the language, the title shown in the window, and PDF/UA identification', async () => {
    const { pdf } = await renderHandout({ root, article: spanish, brand: harbor, template: 'handout' });
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/\/Lang \(es\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(raw).toMatch(/\/Tabs \/S/);
  });
});

describe('alt text', () => {
  it('a missing alt text is an error at the image line; a decorative image needs none and stays out of the tree', async () => {
    const { parseArticle } = await import('../../src/content/index.js');
    const file = join(root, 'content/articles/pictures.md');
    expect(() => parseArticle('---\ntitle: P\n---\n\nText.\n\n![](../clinics/harbor-logo.png)\n', file)).toThrow(
      expect.objectContaining({ code: 'alt-missing', line: 7, column: 1 }),
    );
    const decorative = parseArticle(
      '---\ntitle: P\n---\n\nText.\n\n![](../clinics/harbor-logo.png "decorative")\n',
      file,
    );
    const { pdf } = await renderHandout({ root, article: decorative, brand: harbor, template: 'handout' });
    const { pages, untagged } = await readStructure(pdf);
    const figures = flatten(pages.flat()).filter((e) => e.startsWith('Figure'));
    expect(figures).toEqual(['Figure [https://example.org/book]']);
    expect(untagged).toEqual([]);
  });
});
