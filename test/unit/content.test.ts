import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseArticle, parseArticleChecked, readArticleHeader } from '../../src/content/index.js';
import { HandoutError } from '../../src/errors.js';
import { makeProject, removeProject, writeIn } from '../helpers/project.js';

const file = '/project/content/articles/sample.md';

function problemOf(fn: () => unknown): HandoutError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HandoutError) return error;
    throw error;
  }
  throw new Error('expected a HandoutError');
}

describe('content: Markdown → Article', () => {
  it('reads front matter with defaults and nulls for absent fields', () => {
    const article = parseArticle('---\ntitle: Knee pain\n---\n\nHello.\n', file);
    expect(article).toMatchObject({
      id: 'sample',
      title: 'Knee pain',
      lang: 'en',
      subtitle: null,
      summary: null,
      reviewed: null,
    });
  });

  it('accepts an unquoted YAML date for reviewed', () => {
    expect(parseArticle('---\ntitle: T\nreviewed: 2026-03-04\n---\n', file).reviewed).toBe('2026-03-04');
  });

  it('turns CommonMark into typed blocks with inline runs', () => {
    const article = parseArticle(
      [
        '---',
        'title: T',
        '---',
        '## Heading *two*',
        '',
        'Plain **bold *both*** and [a link](https://example.org).',
        '',
        '- one',
        '  - nested',
        '- two',
        '',
        '3. third',
        '',
        '> quoted',
        '',
        '![A knee diagram](images/knee.png "The knee")',
        '',
        '---',
      ].join('\n'),
      file,
    );
    const [heading, paragraph, bullets, numbers, quote, image, rule] = article.blocks;
    expect(heading).toMatchObject({ type: 'heading', level: 2, line: 4 });
    expect(heading?.type === 'heading' && heading.inlines[1]).toMatchObject({ text: 'two', italic: true });
    expect(paragraph?.type === 'paragraph' && paragraph.inlines).toEqual([
      { type: 'text', text: 'Plain ', bold: false, italic: false, href: null, line: 6 },
      { type: 'text', text: 'bold ', bold: true, italic: false, href: null, line: 6 },
      { type: 'text', text: 'both', bold: true, italic: true, href: null, line: 6 },
      { type: 'text', text: ' and ', bold: false, italic: false, href: null, line: 6 },
      { type: 'text', text: 'a link', bold: false, italic: false, href: 'https://example.org', line: 6 },
      { type: 'text', text: '.', bold: false, italic: false, href: null, line: 6 },
    ]);
    expect(bullets).toMatchObject({ type: 'list', ordered: false });
    const firstItem = bullets?.type === 'list' ? bullets.items[0] : undefined;
    expect(firstItem?.blocks[1]).toMatchObject({ type: 'list', ordered: false });
    expect(numbers).toMatchObject({ type: 'list', ordered: true, start: 3 });
    expect(quote).toMatchObject({ type: 'quote', blocks: [{ type: 'paragraph' }] });
    expect(image).toMatchObject({
      type: 'image',
      alt: 'A knee diagram',
      title: 'The knee',
      src: '/project/content/articles/images/knee.png',
    });
    expect(rule).toMatchObject({ type: 'rule' });
  });

  it('keeps markup-looking text as text, and refuses a tag', () => {
    const { article, problems } = parseArticleChecked(
      '---\ntitle: T\n---\n\nUse a < b & "c" and `<box>` <page-break/>\n',
      file,
    );
    const block = article?.blocks[0];
    expect(block?.type === 'paragraph' && block.inlines.map((i) => (i.type === 'text' ? i.text : '')).join('')).toBe(
      'Use a < b & "c" and <box>',
    );
    expect(problems).toMatchObject([{ code: 'raw-html', line: 5, column: 29 }]);
  });

  it('reports a missing title at the front matter with a hint', () => {
    const error = problemOf(() => parseArticle('---\nsubtitle: x\n---\n', file));
    expect(error.message).toBe('front matter: "title" is required');
    expect(error).toMatchObject({ file, line: 2, code: 'invalid-field' });
    expect(error.hint).toMatch(/title:/);
  });

  it('reports every front-matter problem at once, each with its line', () => {
    const error = problemOf(() => parseArticle('---\ntitle: T\nlang: english!\nauthor: me\n---\n', file));
    const problems = error.problems();
    expect(problems.map((p) => [p.line, p.message])).toEqual(
      expect.arrayContaining([
        [3, expect.stringContaining('"lang" must be a BCP 47 language tag')],
        // At the unknown field's own line, not the map's first.
        [4, expect.stringContaining('unknown field "author"')],
      ]),
    );
  });

  it('reports unreadable YAML with line and column', () => {
    const error = problemOf(() => parseArticle('---\ntitle: T\nsummary: [unclosed\n---\n', file));
    expect(error.code).toBe('yaml-syntax');
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.column).toBeGreaterThan(0);
  });

  it("requires front matter, and still reports the body's problems with it", () => {
    expect(problemOf(() => parseArticle('# Just a heading\n', file))).toMatchObject({
      code: 'front-matter-missing',
      line: 1,
    });
    const problems = problemOf(() => parseArticle('Text.\n\n#### Too deep\n\nSome <b>bold</b>.\n', file)).problems();
    expect(problems.map((p) => [p.code, p.line])).toEqual(
      expect.arrayContaining([
        ['front-matter-missing', 1],
        ['heading-depth', 3],
        ['raw-html', 5],
      ]),
    );
  });

  it("knows the line of each front-matter value, a block scalar's text included", () => {
    const article = parseArticle('---\nlang: fr\ntitle: T\nsummary: >\n  Folded\n  text.\n---\n', file);
    expect(article.lines).toEqual({ title: 3, subtitle: null, summary: 5, lang: 2, translationOf: null });
    expect(article.summary).toBe('Folded text.\n');
  });

  it('keeps reference-style links as links', () => {
    const article = parseArticle('---\ntitle: T\n---\n\nSee [our guide][g].\n\n[g]: https://example.org/guide\n', file);
    const block = article.blocks[0];
    expect(block?.type === 'paragraph' && block.inlines[1]).toMatchObject({
      text: 'our guide',
      href: 'https://example.org/guide',
    });
  });
});

describe('content: Markdown the layout cannot show is an error at its place', () => {
  const problemsIn = (body: string) => parseArticleChecked(`---\ntitle: T\n---\n${body}`, file).problems;

  it('inline HTML is an error at its line and column, once per element, with a hint in Markdown', () => {
    const problems = problemsIn('\nSome <b>bold</b> and\nH<sub>2</sub>O and <span class="x">y</span>.\n');
    expect(problems.map((p) => [p.code, p.line, p.column, p.message])).toEqual([
      ['raw-html', 5, 6, 'inline HTML <b> is not allowed in articles'],
      ['raw-html', 6, 2, 'inline HTML <sub> is not allowed in articles'],
      ['raw-html', 6, 20, 'inline HTML <span class="x"> is not allowed in articles'],
    ]);
    expect(problems[0]?.hint).toMatch(/\*\*bold\*\*/);
    expect(problems[1]?.hint).toMatch(/CO₂/);
  });

  it('allows <br> as a line break and drops HTML comments', () => {
    const { article, problems } = parseArticleChecked(
      '---\ntitle: T\n---\n\nOne<br>two<br/>three <!-- a note for editors -->\n\n<!-- a block comment -->\n',
      file,
    );
    expect(problems).toEqual([]);
    const block = article?.blocks[0];
    expect(block?.type === 'paragraph' && block.inlines.map((i) => i.type)).toEqual([
      'text',
      'break',
      'text',
      'break',
      'text',
    ]);
    expect(article?.blocks).toHaveLength(1);
  });

  it('reports block HTML together with every other problem of the article, and still returns the rest', () => {
    const { article, problems } = parseArticleChecked(
      '---\ntitle: T\n---\n\n<div>boxed</div>\n\n#### Too deep\n\nText with <i>tags</i>.\n\n![](pic.png)\n\nStill here.\n',
      file,
    );
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['raw-html', 5],
      ['heading-depth', 7],
      ['raw-html', 9],
      ['alt-missing', 11],
    ]);
    expect(problems[1]?.message).toBe('a level-4 heading (####) is deeper than a handout goes');
    expect(article?.blocks.at(-1)).toMatchObject({ type: 'paragraph', line: 13 });
  });

  it("reads a GFM table as a header row and body rows, each cell with its column's alignment", () => {
    const { article, problems } = parseArticleChecked(
      [
        '---',
        'title: T',
        '---',
        '',
        '| Time | Dose | Note |',
        '| :--- | ---: | :-: |',
        '| Morning | 1 **tablet** | |',
        '| Night |',
        '',
      ].join('\n'),
      file,
    );
    expect(problems).toEqual([]);
    const [table] = article?.blocks ?? [];
    if (table?.type !== 'table') throw new Error('expected a table');
    expect(table).toMatchObject({ line: 5, align: ['left', 'right', 'center'] });
    expect(
      table.header.cells.map((c) => [c.align, c.inlines.map((i) => i.type === 'text' && i.text).join('')]),
    ).toEqual([
      ['left', 'Time'],
      ['right', 'Dose'],
      ['center', 'Note'],
    ]);
    expect(table.rows.map((r) => r.line)).toEqual([7, 8]);
    expect(table.rows[0]?.cells[1]?.inlines).toMatchObject([
      { text: '1 ', bold: false },
      { text: 'tablet', bold: true, line: 7 },
    ]);
    // A short row is filled with empty cells, as GFM says.
    expect(table.rows[1]?.cells.map((c) => c.inlines.length)).toEqual([1, 0, 0]);
  });

  it('refuses a row with more cells than the header: GFM would drop its words', () => {
    const { problems } = parseArticleChecked('---\ntitle: T\n---\n\n| A | B |\n| - | - |\n| 1 | 2 | 3 |\n', file);
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([['table-cells', 7, 9]]);
    expect(problems[0]?.message).toBe(
      "this row has 3 cells, but the table's header has 2: the extra cells would be lost",
    );
  });

  it('numbers footnotes in the order the text first refers to them and keeps them for the end', () => {
    const { article, problems } = parseArticleChecked(
      [
        '---',
        'title: T',
        '---',
        '',
        'Take it with food.[^food] Not at night.[^night] Again.[^food]',
        '',
        '> A quote.[^night]',
        '',
        '[^night]: It keeps you awake.',
        '[^food]: Or with **milk**.',
        '',
      ].join('\n'),
      file,
    );
    expect(problems).toEqual([]);
    const refs = (article?.blocks ?? []).flatMap((b) =>
      b.type === 'paragraph'
        ? b.inlines
        : b.type === 'quote'
          ? b.blocks.flatMap((q) => (q.type === 'paragraph' ? q.inlines : []))
          : [],
    );
    expect(
      refs.filter((i) => i.type === 'footnote-ref').map((i) => i.type === 'footnote-ref' && [i.label, i.number]),
    ).toEqual([
      ['food', 1],
      ['night', 2],
      ['food', 1],
      ['night', 2],
    ]);
    expect(article?.notes.map((n) => [n.number, n.label, n.line])).toEqual([
      [1, 'food', 10],
      [2, 'night', 9],
    ]);
    // The definitions are not blocks of the body: they are printed together at the end.
    expect(article?.blocks.map((b) => b.type)).toEqual(['paragraph', 'quote']);
    expect(article?.notes[0]?.blocks).toMatchObject([
      { type: 'paragraph', inlines: [{ text: 'Or with ' }, { text: 'milk', bold: true }, { text: '.' }] },
    ]);
  });

  it('reports a reference with no note, a note never referred to and a note defined twice, each at its place', () => {
    const { problems } = parseArticleChecked(
      [
        '---',
        'title: T',
        '---',
        '',
        'One.[^1] Two [^2] and',
        'three.[^missing]',
        '',
        '[^1]: First.',
        '[^1]: Again.',
        '[^unused]: Never cited.',
        '',
      ].join('\n'),
      file,
    );
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ['footnote-missing', 5, 14],
      ['footnote-missing', 6, 7],
      ['footnote-duplicate', 9, 1],
      ['footnote-unused', 10, 1],
    ]);
    expect(problems[0]?.message).toBe('footnote [^2] has no note: it would be printed as typed');
  });
});

describe('content: translations', () => {
  const at = (name: string) => `/project/content/articles/${name}`;

  it('takes the language and the original from the file name when the front matter says nothing', () => {
    const article = parseArticle('---\ntitle: Dolor de rodilla\n---\n\nTexto.\n', at('knee-pain.es.md'));
    expect(article).toMatchObject({ id: 'knee-pain.es', lang: 'es', translationOf: 'knee-pain' });
    expect(parseArticle('---\ntitle: T\n---\n', at('knee-pain.pt-PT.md'))).toMatchObject({ lang: 'pt-PT' });
  });

  it('reads translationOf from the front matter, which wins over the name', () => {
    const article = parseArticle('---\ntitle: Cuello\nlang: es\ntranslationOf: neck\n---\n', at('cuello.md'));
    expect(article).toMatchObject({ id: 'cuello', lang: 'es', translationOf: 'neck', lines: { translationOf: 4 } });
  });

  it('takes a last dot part for a language only when it is one', () => {
    // "who" and "v2" are not languages: dr.who.md is an English article of its own.
    expect(parseArticle('---\ntitle: T\n---\n', at('dr.who.md'))).toMatchObject({ lang: 'en', translationOf: null });
    expect(parseArticle('---\ntitle: T\n---\n', at('plan.v2.md'))).toMatchObject({ lang: 'en', translationOf: null });
  });

  it('refuses a front-matter language that contradicts the file name, and an article translating itself', () => {
    const named = parseArticleChecked('---\ntitle: T\nlang: fr\n---\n', at('knee-pain.es.md'));
    expect(named.problems.map((p) => [p.code, p.line])).toEqual([['lang-mismatch', 3]]);
    // es-MX is Spanish: no contradiction.
    expect(parseArticleChecked('---\ntitle: T\nlang: es-MX\n---\n', at('knee-pain.es.md')).problems).toEqual([]);
    const self = parseArticleChecked('---\ntitle: T\ntranslationOf: neck\n---\n', at('neck.md'));
    expect(self.problems.map((p) => [p.code, p.line])).toEqual([['translation-self', 3]]);
  });

  it("reads an article's language and original from its front matter alone, as the whole article does", () => {
    const root = makeProject({}, { samples: false });
    onTestFinished(() => removeProject(root));
    const cases: [string, string][] = [
      ['plain.es.md', '---\ntitle: T\n---\n'],
      ['named.md', '---\ntitle: T\nlang: fr-CA # Québec\ntranslationOf: neck\n---\n'],
      ['quoted.md', '---\ntitle: T\nlang: "de"\ntranslationOf: \'knee-pain\'\n---\n'],
      ['nested.md', '---\ntitle: T\nsummary: |\n  lang: xx\nlang: nl\n---\n'],
      ['broken.it.md', '---\ntitle: [unclosed\n---\n'],
    ];
    for (const [name, text] of cases) {
      const file = writeIn(root, `content/articles/${name}`, text);
      const header = readArticleHeader(file);
      const whole = parseArticleChecked(text, file, root).article;
      if (whole) expect(header, name).toMatchObject({ lang: whole.lang, translationOf: whole.translationOf });
    }
    expect(readArticleHeader(writeIn(root, 'content/articles/x.md', cases[2]?.[1] ?? ''))).toMatchObject({
      lang: 'de',
      translationOf: 'knee-pain',
      explicit: true,
    });
    // A front matter YAML cannot read counts as what the file name says.
    expect(readArticleHeader(join(root, 'content/articles/broken.it.md'))).toMatchObject({
      lang: 'it',
      translationOf: 'broken',
    });
  });
});
