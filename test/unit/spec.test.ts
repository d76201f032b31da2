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

  it('lists every problem with its spec line and the template', () => {
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
    const messages = found.map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(/<p> has no attribute "colour" \(layout spec line 3\)/),
      expect.stringMatching(/unknown element <blink> \(layout spec line 4\)/),
      expect.stringMatching(/"12 furlongs" is not a length.*line 5/),
      expect.stringMatching(/"teal" is not a hex color.*line 6/),
      expect.stringMatching(/style "nope" is not defined.*line 7/),
    ]);
  });

  it('reports XML that is not well-formed with the spec line', () => {
    const [problem] = problems('<document>\n<body>\n<p>x</b>\n</body></document>');
    expect(problem?.code).toBe('spec-xml');
    expect(problem?.message).toMatch(/spec line 3/);
  });

  it('needs exactly one body', () => {
    expect(problems('<document></document>')[0]?.message).toMatch(/exactly one <body>/);
  });
});
