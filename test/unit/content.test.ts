import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/content/index.js';
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
      { type: 'text', text: 'Plain ', bold: false, italic: false, href: null },
      { type: 'text', text: 'bold ', bold: true, italic: false, href: null },
      { type: 'text', text: 'both', bold: true, italic: true, href: null },
      { type: 'text', text: ' and ', bold: false, italic: false, href: null },
      { type: 'text', text: 'a link', bold: false, italic: false, href: 'https://example.org' },
      { type: 'text', text: '.', bold: false, italic: false, href: null },
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

  it('keeps markup-looking text as text', () => {
    const article = parseArticle('---\ntitle: T\n---\n\nUse a < b & "c" <page-break/>\n', file);
    const block = article.blocks[0];
    expect(
      block?.type === 'paragraph' && block.inlines.map((i) => (i.type === 'text' ? i.text : '')).join(''),
    ).toContain('a < b & "c"');
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
});
