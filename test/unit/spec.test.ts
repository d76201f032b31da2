import { describe, expect, it } from 'vitest';
import { HandoutError } from '../../src/errors.js';
import { parseSpec } from '../../src/spec/index.js';
import { edges, length } from '../../src/spec/values.js';

const templateFile = '/project/templates/t/layout.hbs';
const parse = (xml: string) => parseSpec({ xml, templateFile }, { root: '/project' });

function problems(xml: string) {
  try {
    parse(xml);
  } catch (error) {
    if (error instanceof HandoutError) return error.problems();
    throw error;
  }
  throw new Error('expected the spec to be rejected');
}

describe('spec: XML → layout tree', () => {
  it('parses units', () => {
    expect(length('1in')).toBe(72);
    expect(length('12')).toBe(12);
    expect(length('25.4mm')).toBeCloseTo(72);
    expect(edges('1in 0.5in')).toEqual({ top: 72, right: 36, bottom: 72, left: 36 });
  });

  it('reads a document with styles, regions and blocks', () => {
    const spec = parse(`<document size="A4" margin="1in" title="T" lang="es">
      <style name="h2" size="18pt" bold="true" color="#0f766e"/>
      <footer height="0.5in"><p>Page <field name="page"/> of <field name="pages"/></p></footer>
      <body>
        <h level="2">Heading</h>
        <p>Some   <b>bold</b>
           text</p>
        <list type="number"><item><p>one</p></item></list>
        <box fill="#eeeeee"><p>inside</p></box>
        <spacer height="6pt"/><page-break/><rule/>
      </body>
    </document>`);
    expect(spec.page).toMatchObject({ width: 595.28, height: 841.89, margin: { top: 72 } });
    expect(spec.info).toMatchObject({ title: 'T', lang: 'es' });
    expect(spec.regions[0]).toMatchObject({ kind: 'footer', height: 36, pages: 'all' });
    const [h, p, list, box] = spec.body;
    expect(h).toMatchObject({ kind: 'paragraph', heading: 2, style: { size: 18, bold: true, color: '#0F766E' } });
    expect(p?.kind === 'paragraph' && p.inlines).toEqual([
      { kind: 'text', text: 'Some ', bold: false, italic: false, href: null, lang: null },
      { kind: 'text', text: 'bold', bold: true, italic: false, href: null, lang: null },
      { kind: 'text', text: ' text', bold: false, italic: false, href: null, lang: null },
    ]);
    expect(list).toMatchObject({ kind: 'list', ordered: true, items: [[{ kind: 'paragraph' }]] });
    expect(box).toMatchObject({ kind: 'box', fill: '#EEEEEE' });
    expect(spec.body.map((b) => b.kind).slice(4)).toEqual(['spacer', 'page-break', 'rule']);
  });

  it('lists every problem at its line (a spec written by hand is its own source)', () => {
    const found = problems(`<document>
  <body>
    <p colour="#000">x</p>
    <blink>x</blink>
    <spacer height="12 furlongs"/>
    <box fill="teal"/>
    <p style="nope">x</p>
  </body>
</document>`);
    expect(found.map((p) => p.file)).toEqual(Array(5).fill(templateFile));
    expect(found.map((p) => [p.line, p.column])).toEqual([
      [3, 5],
      [4, 5],
      [5, 5],
      [6, 5],
      [7, 5],
    ]);
    expect(found.map((p) => p.message)).toEqual([
      '<p> has no attribute "colour"',
      'unknown element <blink>',
      expect.stringMatching(/"12 furlongs" is not a length/),
      expect.stringMatching(/"teal" is not a hex color/),
      'style "nope" is not defined',
    ]);
  });

  it('reports XML that is not well-formed at the element it is in', () => {
    const [problem] = problems('<document>\n<body>\n<p>x</b>\n</body></document>');
    expect(problem).toMatchObject({ code: 'spec-xml', file: templateFile, line: 3 });
    expect(problem?.message).toBe('the layout spec is not well-formed XML after <p>: unexpected close tag.');
  });

  it('needs exactly one body', () => {
    expect(problems('<document></document>')[0]?.message).toMatch(/exactly one <body>/);
  });

  it('reads a table: header rows, cell alignment, the article line, and padding from the type size', () => {
    const article = '/project/content/articles/a.md';
    const spec = parseSpec(
      {
        templateFile,
        xml: `<document><style name="cells" size="10pt"/><body>
      <table source="article:12" style="cells" header-fill="#eee" stripe="#f5f5f5" rule="#333" rule-width="1pt">
        <tr><th>Time</th><th align="right">Dose</th></tr>
        <tr><td>Morning</td><td align="right">1 <sup>st</sup></td></tr>
        <tr><th>Night</th></tr>
      </table>
    </body></document>`,
      },
      { root: '/project', sources: { article } },
    );
    const [table] = spec.body;
    if (table?.kind !== 'table') throw new Error('expected a table');
    expect(table).toMatchObject({
      source: { file: article, line: 12 },
      headerRows: 1,
      headerFill: '#EEEEEE',
      stripe: '#F5F5F5',
      rule: '#333333',
      ruleWidth: 1,
      rowRule: null,
      padding: { top: 3, right: 5, bottom: 3, left: 5 },
      style: { name: 'cells' },
      headerStyle: { bold: true, size: 10 },
    });
    expect(table.rows.map((row) => row.map((c) => `${c.header ? 'th' : 'td'}:${c.align}`))).toEqual([
      ['th:left', 'th:right'],
      ['td:left', 'td:right'],
      // A short row is filled with an empty cell.
      ['th:left', 'td:left'],
    ]);
    expect(table.rows[1]?.[1]?.inlines).toEqual([
      { kind: 'text', text: '1 ', bold: false, italic: false, href: null, lang: null },
      { kind: 'text', text: 'st', bold: false, italic: false, href: null, lang: null, sup: true },
    ]);
  });

  it('reports a misplaced table element, a bad alignment and a link to no note at the template element', () => {
    const found = problems(`<document><body>
      <table><td>x</td></table>
      <table><tr><p>x</p></tr></table>
      <table><tr><td align="justify">x</td></tr></table>
      <tr/>
      <p>See <a href="#fn-9">note</a>.</p>
      <note id="fn-1"><p>One.</p></note>
      <note id="fn-1"><p>Two.</p></note>
      <note><p>No id.</p></note>
    </body></document>`);
    expect(found.map((p) => [p.line, p.message])).toEqual([
      [2, '<td> is not allowed in table (rows are <tr>)'],
      [2, '<table> has no rows'],
      [3, '<p> is not allowed in tr (cells are <th> and <td>)'],
      [3, '<tr> has no cells'],
      [3, '<table> has no rows'],
      [4, '<td align>: "justify" is not one of left, center, right'],
      [5, '<tr> is not allowed in a block'],
      [8, 'two notes have the id "fn-1"'],
      [9, expect.stringMatching(/^<note> needs an id /)],
      [6, '<a href="#fn-9"> leads nowhere: no <note id="fn-9">'],
    ]);
    expect(found.every((p) => p.file === templateFile && p.code === 'spec-invalid')).toBe(true);
  });
});

describe('spec: every frame has room (checked here, so layout never loops on a frame without it)', () => {
  it.each([
    [
      'margins wider than the page',
      '<document margin="1in 100000in"><body><p>x</p></body></document>',
      1,
      /margins leave no room across the page/,
    ],
    [
      'a column gap wider than the body',
      '<document>\n<columns count="2" gap="10in"/><body><p>x</p></body></document>',
      2,
      /2 columns with a 720 pt gap leave no room/,
    ],
    [
      'box padding wider than the frame',
      '<document><body>\n<box padding="0 4in 0 4in"><p>x</p></box></body></document>',
      2,
      /box's padding leaves no room/,
    ],
    [
      'a list indent wider than the frame',
      '<document><body>\n<list indent="9in"><item><p>x</p></item></list></body></document>',
      2,
      /list indent \(648 pt\) leaves no room/,
    ],
    [
      'row cells wider than the row',
      '<document><body>\n<row><cell width="5in"><p>a</p></cell><cell width="5in"><p>b</p></cell></row></body></document>',
      2,
      /row's cells and gaps need more/,
    ],
    [
      'a 0×0 panel',
      '<document><page>\n<panel flow="1" width="0" height="0" padding="0"/></page><body><p>x</p></body></document>',
      2,
      /"panel 1" panel has no room inside its padding \(0 × 0 pt\)/,
    ],
    [
      'a header taller than the page',
      '<document>\n<header height="12in"/><body><p>x</p></body></document>',
      2,
      /<header> \(864 pt with its gap\) leaves no room for the body on the first page/,
    ],
    [
      'a spacer taller than the body',
      '<document><body>\n<spacer height="20in"/></body></document>',
      2,
      /spacer \(1440 pt\) is taller than the page's body/,
    ],
  ])('%s', (_name, xml, line, pattern) => {
    const [problem] = problems(xml);
    expect(problem).toMatchObject({ code: 'spec-invalid', file: templateFile, line });
    expect(problem?.message).toMatch(pattern);
  });

  it('refuses links a handout may not carry and QR data too long for a code', () => {
    const [link, qr] = problems(
      `<document><body><p><a href="javascript:alert(1)">x</a></p><qr data="https://x.org/${'a'.repeat(2400)}"/></body></document>`,
    );
    expect(link?.message).toMatch(/uses "javascript:", which a handout may not link to/);
    expect(qr?.message).toMatch(/too long for a QR code \(at most 2331 bytes/);
  });

  it('refuses a table whose cell padding, or a note whose indent, leaves no room', () => {
    const found = problems(`<document margin="72pt"><body>
      <table padding="0 200pt"><tr><td>a</td><td>b</td></tr></table>
      <note id="n" indent="600pt"><p>x</p></note>
    </body></document>`);
    expect(found.map((p) => [p.line, p.message])).toEqual([
      [2, "the table's cell padding (800 pt over 2 columns) leaves no room in 468 pt"],
      [3, 'the note indent (600 pt) leaves no room in 468 pt'],
    ]);
  });
});
