import { describe, expect, it } from 'vitest';
import { parseArticle, parseArticleChecked } from '../../src/content/index.js';
import { HandoutError } from '../../src/errors.js';

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
        [2, expect.stringContaining('unknown field(s): author')],
      ]),
    );
  });

  it('reports unreadable YAML with line and column', () => {
    const error = problemOf(() => parseArticle('---\ntitle: T\nsummary: [unclosed\n---\n', file));
    expect(error.code).toBe('yaml-syntax');
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.column).toBeGreaterThan(0);
  });

  it('requires front matter', () => {
    expect(problemOf(() => parseArticle('# Just a heading\n', file))).toMatchObject({
      code: 'front-matter-missing',
      line: 1,
    });
  });

  it("knows the line of each front-matter value, a block scalar's text included", () => {
    const article = parseArticle('---\nlang: fr\ntitle: T\nsummary: >\n  Folded\n  text.\n---\n', file);
    expect(article.lines).toEqual({ title: 3, summary: 5, lang: 2 });
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

  it('finds GFM tables and footnotes as blocks of their own, with their places, and refuses them for now', () => {
    const { article, problems } = parseArticleChecked(
      [
        '---',
        'title: T',
        '---',
        '',
        'Take it with food.[^1]',
        '',
        '| Time | Dose |',
        '| :--- | ---: |',
        '| Morning | 1 tablet |',
        '| Night | 2 tablets |',
        '',
        '[^1]: Or with milk.',
        '',
      ].join('\n'),
      file,
    );
    expect(problems.map((p) => [p.code, p.line, p.column, p.message])).toEqual([
      ['unsupported-markdown', 5, 19, 'footnote reference [^1] cannot be printed yet'],
      ['unsupported-markdown', 7, 1, 'table (2 columns, 3 rows) cannot be laid out yet'],
      ['unsupported-markdown', 12, 1, 'footnote [^1] cannot be printed yet'],
    ]);
    const [, table, note] = article?.blocks ?? [];
    expect(table).toMatchObject({ type: 'table', line: 7, align: ['left', 'right'] });
    expect(table?.type === 'table' && table.rows[2]?.[1]).toMatchObject([{ text: '2 tablets', line: 10 }]);
    expect(note).toMatchObject({ type: 'footnote', identifier: '1', line: 12, blocks: [{ type: 'paragraph' }] });
  });
});
