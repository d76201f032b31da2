import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArticleChecked } from '../../src/content/index.js';
import { maxSpannedColumns } from '../../src/import/html-tables.js';
import { importArticle } from '../../src/import/index.js';
import { makeProject, removeProject } from '../helpers/project.js';
import { workOf } from '../helpers/work.js';

const root = makeProject({}, { samples: false });
afterAll(() => removeProject(root));

/** A saved page whose article body is `body`. */
function page(name: string, body: string): string {
  const file = join(root, `${name}.html`);
  writeFileSync(
    file,
    `<!doctype html><html lang="en"><head><title>Bounds</title></head><body><article><h1>Bounds</h1>
<p>Hold the cold pack on the sore spot for up to fifteen minutes, then let the skin warm up again.</p>
${body}
</article></body></html>`,
  );
  return file;
}

/** Page shapes that once took quadratic time or grew without bound, each with `n` repeats of its part. */
const shapes: Record<string, (n: number) => string> = {
  'spans in one paragraph': (n) => `<p>${'<span>word </span>'.repeat(n)}</p>`,
  'comments between words': (n) => `<p>${'word <!-- note -->'.repeat(n)}</p>`,
  'quotations in one paragraph': (n) => `<p>${'<q>word</q> '.repeat(n)}</p>`,
  'empty icons between words': (n) => `<p>${'<i class="fa fa-check"></i>word '.repeat(n)}</p>`,
  'ignored elements between words': (n) => `<p>${'word<meta itemprop="x"><wbr>'.repeat(n)}</p>`,
  'unknown custom elements': (n) => `<p>${'<wix-text>word </wix-text>'.repeat(n)}</p>`,
  'share widgets': (n) => '<span class="share-button">Share</span>'.repeat(n),
  'web images in one paragraph': (n) => `<p>${'<img src="https://cdn.example/a.png" alt="a"> word '.repeat(n)}</p>`,
  'bold and links': (n) => `<p>${'<b>word</b> <a href="https://example.org/a">link</a> '.repeat(n)}</p>`,
  'list items': (n) => `<ul>${'<li>word</li>'.repeat(n)}</ul>`,
  paragraphs: (n) => '<p>Another short sentence here.</p>'.repeat(n),
  'spanning table cells': (n) =>
    `<table>${'<tr><td colspan="1000" rowspan="65534">cell</td><td>x</td></tr>'.repeat(n)}</table>`,
};

describe('import: work and output grow in proportion to the page (issue 19)', () => {
  it.each(Object.keys(shapes))('%s: twice the input is about twice the work', (name) => {
    const shape = shapes[name] as (n: number) => string;
    const small = page(`small-${name}`, shape(400));
    const large = page(`large-${name}`, shape(800));
    const once = workOf(() => importArticle(small));
    const twice = workOf(() => importArticle(large));
    // Linear work doubles (a little under, for the fixed part); quadratic work would quadruple.
    expect(twice.work / once.work).toBeLessThan(2.5);
    expect(twice.result.markdown.length / once.result.markdown.length).toBeLessThan(2.5);
  });
});

describe('import: one huge block', () => {
  it('takes a paragraph of 150,000 words (no list of them is ever spread into a call, which overflows the stack)', () => {
    const { markdown, report } = importArticle(page('huge-paragraph', `<p>${'word '.repeat(150_000)}</p>`));
    expect(markdown.match(/word/g)).toHaveLength(150_000);
    expect(report.prose.kept).toBe(report.prose.page);
  });
});

describe('import: table spans are bounded as browsers bound them, and the article stays buildable', () => {
  it('writes a span as empty cells, never wider than the bound, with a placed warning', () => {
    const rows = Array.from(
      { length: 300 },
      (_, i) => `<tr><td colspan="1000" rowspan="65534">cell ${i}</td><td>x</td></tr>`,
    );
    const file = page('spans', `<table>${rows.join('')}</table>`);
    const { markdown, report } = importArticle(file);
    expect(Buffer.byteLength(markdown)).toBeLessThan(200_000);
    const tableLines = markdown.split('\n').filter((line) => line.startsWith('|'));
    // The header, the delimiter row and one row per <tr>.
    expect(tableLines).toHaveLength(302);
    for (const line of tableLines) expect(line.split('|').length - 2).toBeLessThanOrEqual(maxSpannedColumns + 2);
    for (let i = 0; i < 300; i++) expect(markdown).toContain(`cell ${i}`);
    expect(report.warnings).toContainEqual(
      expect.stringMatching(/^line 3: the table's spans \(colspan=1000.*\) would make it wider than 12 columns/),
    );
    const { problems } = parseArticleChecked(markdown, join(root, 'content/articles/bounds.md'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('lays out a colspan and a rowspan where a browser would', () => {
    const file = page(
      'grid',
      `<table><tr><th>Time</th><th colspan="2">Dose</th></tr>
<tr><td rowspan="2">Morning</td><td>1 tablet</td><td>with food</td></tr>
<tr><td>2 tablets</td><td>if needed</td></tr></table>`,
    );
    const { markdown } = importArticle(file);
    expect(markdown).toContain(
      [
        '| Time    | Dose      |           |',
        '| ------- | --------- | --------- |',
        '| Morning | 1 tablet  | with food |',
        '|         | 2 tablets | if needed |',
      ].join('\n'),
    );
  });

  it('refuses, placed at the table, a page whose tables would make an article over the size limit', () => {
    // 21 bytes a row, twelve cells each: the page is under the 2 MB limit for a file to import.
    const rows = '<tr><td colspan=12>a'.repeat(90_000);
    const file = page('huge', `<table>${rows}</table>`);
    expect(() => importArticle(file)).toThrow(expect.objectContaining({ code: 'too-large', file, line: 3 }));
  });

  it('refuses an article that would be over the size limit, rather than writing one the build refuses', () => {
    // Markdown writes each "*" of the text as "\\*": a 1.1 MB page makes a 2.1 MB article.
    const file = page('stars', `<p>${'*'.repeat(1_100_000)}</p>`);
    expect(() => importArticle(file)).toThrow(
      expect.objectContaining({
        code: 'too-large',
        file,
        message: expect.stringMatching(/^the article would be 2\.1 MB; the build takes articles up to 2 MB/),
      }),
    );
  });

  it('opens up lists and quotes nested deeper than articles allow, keeping their words', () => {
    const quotes = `${'<blockquote>'.repeat(30)}<p>Breathe out slowly.</p>${'</blockquote>'.repeat(30)}`;
    const lists = `${'<ul><li>level'.repeat(12)}${'</li></ul>'.repeat(12)}`;
    const { markdown, report } = importArticle(page('nested', quotes + lists));
    expect(markdown).toContain(`${'> '.repeat(8)}Breathe out slowly.`);
    expect(markdown).not.toContain('> '.repeat(9));
    expect(markdown.match(/level/g)).toHaveLength(12);
    expect(report.warnings).toContainEqual(
      expect.stringMatching(
        /^line 3: lists and quotes nested more than 8 deep \(26 of them\) are written as plain paragraphs/,
      ),
    );
    const { problems } = parseArticleChecked(markdown, join(root, 'content/articles/nested.md'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
