import { describe, expect, it } from 'vitest';
import { HandoutError } from '../../src/errors.js';
import { faceFile } from '../../src/fonts/index.js';
import { layoutDocument } from '../../src/layout/index.js';
import type { Box, LaidOutDocument, RectBox, StructNode, TextBox } from '../../src/layout/types.js';
import { parseSpec } from '../../src/spec/index.js';

const templateFile = '/project/templates/t/layout.hbs';
const article = '/project/content/articles/plan.md';

function spec(body: string, head = '', documentAttributes = 'margin="72pt"') {
  const xml = `<document ${documentAttributes}><style name="body" size="10pt" leading="1.2" space-after="0"/>${head}<body>${body}</body></document>`;
  return parseSpec({ xml, templateFile }, { root: '/project', sources: { article } });
}

function layout(body: string, head = '', documentAttributes = 'margin="72pt"'): LaidOutDocument {
  return layoutDocument(spec(body, head, documentAttributes), { images: new Map() });
}

function failure(fn: () => unknown): HandoutError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HandoutError) return error;
    throw error;
  }
  throw new Error('expected a HandoutError');
}

const texts = (boxes: readonly Box[]) => boxes.filter((b): b is TextBox => b.kind === 'text');
const tr = (cells: string[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
const flatten = (node: StructNode): StructNode[] => [node, ...node.children.flatMap(flatten)];

describe('layout: tables', () => {
  it('sets each cell in its column, aligned as asked, with widths from the content', () => {
    const doc = layout(
      `<table header-fill="#EEEEEE" stripe="#F5F5F5" rule="#333333">
        ${tr(['Time', 'Dose'], 'th')}
        <tr><td>Morning</td><td align="right">1 tablet</td></tr>
        <tr><td>Night</td><td align="right">2 tablets</td></tr>
      </table>`,
    );
    const boxes = doc.pages[0]?.boxes ?? [];
    const cell = (text: string) => texts(boxes).find((b) => b.text === text) as TextBox;
    // Everything fits on one line: the spare room goes to the columns in proportion to their widths.
    expect(cell('Time').x).toBeCloseTo(72 + 5);
    const second = cell('Dose').x - 5;
    expect(cell('Morning').x).toBeCloseTo(cell('Time').x);
    // Right-aligned cells end at the column's right edge, less the padding.
    expect(cell('1 tablet').x + cell('1 tablet').width).toBeCloseTo(612 - 72 - 5, 1);
    expect(cell('2 tablets').x + cell('2 tablets').width).toBeCloseTo(612 - 72 - 5, 1);
    expect(second).toBeGreaterThan(72 + 30);
    // The header is bold; the header fill, one stripe (the second body row) and the rules are drawn.
    expect(faceFile(cell('Time').font)).toMatch(/Bold/);
    expect(faceFile(cell('Morning').font)).not.toMatch(/Bold/);
    const fills = boxes.filter((b): b is RectBox => b.kind === 'rect').map((r) => r.fill);
    expect(fills.filter((f) => f === '#EEEEEE')).toHaveLength(1);
    expect(fills.filter((f) => f === '#F5F5F5')).toHaveLength(1);
    expect(fills.filter((f) => f === '#333333')).toHaveLength(2);
  });

  it('wraps long cells and gives short columns their one line', () => {
    const long = 'Slide your heel toward you slowly, then back. Keep the movement smooth and stop if it hurts.';
    const doc = layout(`<table>${tr(['Exercise', 'Times', 'How'], 'th')}${tr(['Heel slides', '10', long])}</table>`);
    const boxes = texts(doc.pages[0]?.boxes ?? []);
    const line = (text: string) => boxes.filter((b) => b.text.includes(text)).map((b) => b.y);
    expect(new Set(line('Heel slides')).size).toBe(1);
    expect(line('Heel slides')).toHaveLength(1);
    const column = (boxes.find((b) => b.text === 'How') as TextBox).x - 0.01;
    const longLines = new Set(boxes.filter((b) => b.x >= column && b.text !== 'How').map((b) => b.y));
    expect(longLines.size).toBeGreaterThan(1);
    expect(
      boxes
        .filter((b) => b.x >= column && b.text !== 'How')
        .map((b) => b.text)
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe(long);
  });

  it('repeats the header rows at the top of every page the table reaches, as artifacts, and never splits a row', () => {
    const rows = Array.from({ length: 40 }, (_, i) => tr([`Week ${i + 1}`, `Walk ${i + 10} minutes<br/>then rest`]));
    const doc = layout(
      `<p>Before.</p><table>${tr(['Week', 'Plan'], 'th')}${rows.join('')}</table>`,
      '',
      'size="A4" margin="72pt"',
    );
    expect(doc.pages.length).toBeGreaterThan(1);
    for (const [index, page] of doc.pages.entries()) {
      const boxes = texts(page.boxes);
      const header = boxes.filter((b) => b.text === 'Week');
      expect(header, `header on page ${index + 1}`).toHaveLength(1);
      // Read once, where the table starts: later copies are artifacts.
      expect(header[0]?.node === null).toBe(index > 0);
      expect(header[0]?.artifact).toBe(index > 0);
      // The header comes first on a continued page.
      if (index > 0) expect(Math.min(...boxes.map((b) => b.y))).toBe(header[0]?.y);
      // Both lines of every row are on the same page, and never one row alone under a header.
      const starts = boxes.filter((b) => b.text.startsWith('Walk')).length;
      const ends = boxes.filter((b) => b.text === 'then rest').length;
      expect(starts).toBe(ends);
      expect(starts).toBeGreaterThanOrEqual(2);
    }
    const all = doc.pages.flatMap((p) =>
      texts(p.boxes)
        .filter((b) => b.node !== null)
        .map((b) => b.text),
    );
    expect(all.filter((t) => t.startsWith('Week ')).length).toBe(40);
  });

  it('keeps a table that fits on one page whole: it moves to the next page rather than split', () => {
    const filler = `<p>${Array.from({ length: 50 }, (_, i) => `Line ${i}<br/>`).join('')}</p>`;
    const table = `<table>${tr(['Time', 'Dose'], 'th')}${['Morning', 'Noon', 'Night'].map((t) => tr([t, '1'])).join('')}</table>`;
    const doc = layout(filler + table);
    expect(doc.pages).toHaveLength(2);
    const onFirst = texts(doc.pages[0]?.boxes ?? []).map((b) => b.text);
    const onSecond = texts(doc.pages[1]?.boxes ?? []).map((b) => b.text);
    expect(onFirst.some((t) => ['Time', 'Morning', 'Night'].includes(t))).toBe(false);
    expect(onSecond).toEqual(expect.arrayContaining(['Time', 'Dose', 'Morning', 'Noon', 'Night']));
  });

  it('in two columns, runs a long table on from the foot of a column rather than leave a hole', () => {
    // Column 1 full and a quarter of column 2 in text, then a table about two-thirds of a column tall.
    const lines = (n: number) => `<p>${Array.from({ length: n }, (_, i) => `Line ${i}<br/>`).join('')}</p>`;
    const rows = Array.from({ length: 30 }, (_, i) => tr([`Week ${i + 1}`, `${i + 10} minutes`]));
    const table = `<table>${tr(['Week', 'Walk'], 'th')}${rows.join('')}</table>`;
    // 54 lines to a column: the text fills column 1 and a quarter of column 2, and more text follows.
    const doc = layout(lines(67) + table + lines(60), '<columns count="2" gap="18pt"/>');
    const first = texts(doc.pages[0]?.boxes ?? []);
    const column2 = first.filter((b) => b.x > 306);
    // The table starts in column 2 of page 1, and column 2 is filled to within two rows of its foot.
    expect(column2.some((b) => b.text === 'Week 1')).toBe(true);
    expect(Math.max(...column2.map((b) => b.y))).toBeGreaterThan(792 - 72 - 2 * 18);
    // Where it runs on, the header comes first; every row is there once.
    const rest = doc.pages.slice(1).flatMap((p) => texts(p.boxes));
    expect(rest[0]?.text).toBe('Week');
    const drawn = [...first, ...rest].filter((b) => /^Week \d/.test(b.text)).map((b) => b.text);
    expect(drawn).toEqual(Array.from({ length: 30 }, (_, i) => `Week ${i + 1}`));
    // Broken over two columns, it is still one Table, its header cells read once.
    const nodes = flatten(doc.structure);
    expect(nodes.filter((n) => n.role === 'Table')).toHaveLength(1);
    expect(nodes.filter((n) => n.role === 'TH')).toHaveLength(2);
    expect(nodes.filter((n) => n.role === 'TR')).toHaveLength(31);
  });

  it('on a balanced last page, shows the header once at the top of each column the table reaches', () => {
    const lines = (n: number) => `<p>${Array.from({ length: n }, (_, i) => `Line ${i}<br/>`).join('')}</p>`;
    const rows = Array.from({ length: 30 }, (_, i) => tr([`Week ${i + 1}`, `${i + 10} minutes`]));
    const table = `<table>${tr(['Week', 'Walk'], 'th')}${rows.join('')}</table>`;
    // One page: columns balanced after the table ran on from column 1 to column 2.
    const doc = layout(lines(30) + table + lines(10), '<columns count="2" gap="18pt"/>');
    expect(doc.pages).toHaveLength(1);
    const boxes = texts(doc.pages[0]?.boxes ?? []);
    for (const inColumn of [(b: TextBox) => b.x < 306, (b: TextBox) => b.x > 306]) {
      const column = boxes.filter(inColumn);
      const headers = column.filter((b) => b.text === 'Week');
      expect(headers.length).toBeLessThanOrEqual(1);
      // A header is above every row of its column.
      const firstRow = column.find((b) => /^Week \d/.test(b.text));
      if (headers[0] && firstRow) expect(headers[0].y).toBeLessThan(firstRow.y);
    }
    expect(boxes.filter((b) => b.text === 'Week')).toHaveLength(2);
  });

  it('splits a row taller than a page between two lines, with the header above the rest', () => {
    const tall = Array.from({ length: 70 }, (_, i) => `line ${i + 1}`).join('<br/>');
    const doc = layout(`<table>${tr(['Step', 'What to do'], 'th')}${tr(['1', tall])}</table>`);
    expect(doc.pages.length).toBe(2);
    const second = texts(doc.pages[1]?.boxes ?? []);
    expect(second[0]?.text === 'Step' || second.some((b) => b.text === 'Step' && b.artifact)).toBe(true);
    const firstLines = texts(doc.pages[0]?.boxes ?? []).filter((b) => b.text.startsWith('line '));
    const secondLines = second.filter((b) => b.text.startsWith('line '));
    expect(firstLines.length + secondLines.length).toBe(70);
    // Each line whole on one page, the lines in order.
    expect(secondLines[0]?.text).toBe(`line ${firstLines.length + 1}`);
  });

  it('tags Table, THead, TBody, TR, TH with its scope and TD', () => {
    const doc = layout(`<table>${tr(['Time', 'Dose'], 'th')}<tr><th>Morning</th><td>1</td></tr></table>`);
    const [table] = doc.structure.children;
    const shape = (node: StructNode): unknown => [
      node.role,
      ...(node.scope ? [node.scope] : []),
      ...node.children.map(shape),
    ];
    expect(shape(table as StructNode)).toEqual([
      'Table',
      ['THead', ['TR', ['TH', 'Column'], ['TH', 'Column']]],
      ['TBody', ['TR', ['TH', 'Row'], ['TD']]],
    ]);
    const cells = flatten(table as StructNode).filter((n) => n.role === 'TH' || n.role === 'TD');
    const boxes = texts(doc.pages[0]?.boxes ?? []);
    expect(
      cells.map((c) =>
        boxes
          .filter((b) => b.node === c.id)
          .map((b) => b.text)
          .join(''),
      ),
    ).toEqual(['Time', 'Dose', 'Morning', '1']);
  });

  it('reports a table whose longest words do not fit at its line in the article, with the width needed', () => {
    const words = ['Acetaminophen', 'Hydrocodone', 'Anticoagulant', 'Consideration', 'Recommendation'];
    const table = `<table source="article:12">${tr(words, 'th')}${tr(words)}</table>`;
    const error = failure(() => layout(`<p>Intro.</p>${table}<p>After.</p>`, '', 'margin="72pt 250pt"'));
    const [problem] = error.problems();
    expect(problem).toMatchObject({ code: 'table-too-wide', file: article, line: 12 });
    expect(problem?.message).toMatch(
      /^the table is too wide: its 5 columns need at least \d+ pt \(the longest word of each, hyphenated where its language allows, with the cells' padding\), but the column it is set in is 112 pt wide$/,
    );
    const needed = Number(/at least (\d+) pt/.exec(problem?.message ?? '')?.[1]);
    expect(needed).toBeGreaterThan(112);
    expect(problem?.hint).toContain('"Recommendation"');
    // The same table fits a wider page.
    expect(() => layout(table, '', 'size="A4" orientation="landscape" margin="36pt"')).not.toThrow();
  });

  it("hyphenates words in cells with the text's own patterns before refusing a table as too wide", () => {
    const table = `<table source="article:3">${tr(['Übung', 'Wiederholungen', 'Worauf Sie achten sollten'], 'th')}${tr([
      'Oberschenkelanspannung',
      '10',
      'Knie fest in die Unterlage drücken, fünf Sekunden halten',
    ])}</table>`;
    // 152 pt: the three longest words alone need more, so this table was refused before words were hyphenated.
    const doc = layout(table, '', 'margin="72pt 230pt" lang="de"');
    const boxes = texts(doc.pages[0]?.boxes ?? []);
    // The boxes of the cell whose text starts so.
    const words = (start: string) => {
      const first = boxes.find((b) => b.text.startsWith(start)) as TextBox;
      return boxes.filter((b) => b.node === first.node);
    };
    const header = words('Wie').map((b) => b.text);
    const first = words('Ober').map((b) => b.text);
    // Broken only at German hyphenation points (Wie-der-ho-lun-gen, Ober-schen-kel-an-span-nung), with a hyphen.
    for (const [parts, word, points] of [
      [header, 'Wiederholungen', [3, 6, 8, 11]],
      [first, 'Oberschenkelanspannung', [4, 9, 12, 14, 18]],
    ] as const) {
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.slice(0, -1).every((p) => p.endsWith('\u00AD'))).toBe(true);
      expect(parts.join('').replaceAll('\u00AD', '')).toBe(word);
      const ends = parts.slice(0, -1).map(
        (_, i) =>
          parts
            .slice(0, i + 1)
            .join('')
            .replaceAll('\u00AD', '').length,
      );
      expect(ends.every((end) => (points as readonly number[]).includes(end))).toBe(true);
    }
  });

  it('keeps a dose and its unit on one line in a cell, and never hyphenates the medicine a dose row names', () => {
    const table = `<table source="article:5">${tr(['Wirkstoff', 'Einzeldosis', 'Hinweise'], 'th')}${tr([
      'Paracetamol',
      '500 bis 1000 mg',
      'bei Kreuzschmerzen wenig wirksam; nicht mehr als 4000 mg am Tag',
    ])}${tr(['Ibuprofen', '200 bis 400 mg', 'zum Essen einnehmen, höchstens 1200 mg/Tag'])}</table>`;
    let set = 0;
    for (let right = 200; right <= 330; right += 10) {
      let doc: LaidOutDocument;
      try {
        doc = layout(table, '', `margin="72pt ${right}pt 72pt 72pt" lang="de"`);
      } catch (error) {
        // Refused as too wide is allowed (and placed); a split dose or name is not.
        expect(
          failure(() => {
            throw error;
          }).code,
        ).toBe('table-too-wide');
        continue;
      }
      set++;
      const boxes = texts(doc.pages[0]?.boxes ?? []);
      const text = boxes.map((b) => b.text.trimEnd());
      for (const name of ['Paracetamol', 'Ibuprofen']) expect(text, `${name} at ${right}`).toContain(name);
      for (const dose of ['1000 mg', '4000 mg', '400 mg', '1200 mg/Tag'])
        expect(
          text.some((t) => t.includes(dose)),
          `${dose} at ${right}`,
        ).toBe(true);
      expect(
        text.some((t) => /^(?:m?g|mg\/Tag)$/.test(t)),
        `a unit alone at ${right}`,
      ).toBe(false);
    }
    expect(set).toBeGreaterThan(3);
  });

  it('right-aligns a column of numbers the author did not align, header included, so the digits line up', () => {
    const rows = [
      ['Bridges', '8', '2.5 kg', '120/80'],
      ['Wall sits', '12', '10 kg', '135/85'],
      ['Step-ups', '', '7.5 kg', '118/76'],
    ];
    const doc = layout(
      `<table>${tr(['Exercise', 'Times', 'Weight', 'Reading'], 'th')}${rows.map((r) => tr(r)).join('')}` +
        `<tr><td>Heel slides</td><td>15</td><td>0 kg</td><td align="left">122/79</td></tr></table>`,
    );
    const boxes = texts(doc.pages[0]?.boxes ?? []);
    const right = (text: string) => {
      const box = boxes.find((b) => b.text.trim() === text) as TextBox;
      return Math.round((box.x + box.width) * 100) / 100;
    };
    const left = (text: string) => (boxes.find((b) => b.text.trim() === text) as TextBox).x;
    expect(new Set(['Times', '8', '12', '15'].map(right)).size).toBe(1);
    expect(new Set(['Weight', '2.5 kg', '10 kg', '7.5 kg', '0 kg'].map(right)).size).toBe(1);
    // The reading column is right-aligned too, except the cell the author aligned left.
    expect(new Set(['Reading', '120/80', '135/85', '118/76'].map(right)).size).toBe(1);
    expect(left('122/79')).toBeLessThan(left('120/80'));
    // Words stay left.
    expect(left('Bridges')).toBeCloseTo(left('Exercise'));
  });

  it('in a fit="shrink" template, makes the text smaller until a too-wide table fits', () => {
    const row = tr(['Acetaminophen', 'Recommendation', 'Consideration']);
    const panel = (width: number, fit: string) =>
      spec(
        `<p>Intro.</p><table source="article:3">${row}</table>`,
        `<page><panel x="0" width="${width}pt" padding="0" flow="1"/></page>`,
        `orientation="landscape" margin="0" fit="${fit}" fit-min="9pt"`,
      );
    // At 10 pt the words' parts need this much; a panel a twentieth narrower takes them at a smaller size.
    const error = failure(() => layoutDocument(panel(50, 'error'), { images: new Map() }));
    const atFullSize = Number(/at least (\d+) pt/.exec(error.message)?.[1]);
    expect(() => layoutDocument(panel(atFullSize * 0.95, 'error'), { images: new Map() })).toThrow(/too wide/);
    const doc = layoutDocument(panel(atFullSize * 0.95, 'shrink'), { images: new Map() });
    expect(doc.notes).toContainEqual(
      expect.objectContaining({
        severity: 'note',
        code: 'fit-size',
        message: expect.stringMatching(/^fit: shrink set the body text to 9(\.5)? pt \(from 10 pt\)/),
      }),
    );
    expect(Math.max(...texts(doc.pages[0]?.boxes ?? []).map((b) => b.size))).toBeLessThan(10);
  });

  it('without an article line, is at the template line that wrote the table', () => {
    const error = failure(() =>
      layoutDocument(spec(`<table>${tr(['Acetaminophen', 'Recommendation'])}</table>`, '', 'margin="72pt 285pt"'), {
        images: new Map(),
      }),
    );
    expect(error.problems()[0]).toMatchObject({ code: 'table-too-wide', file: templateFile, line: 1 });
  });
});

describe('layout: tables as forms', () => {
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  const head = ['Day', 'Morning reading 1', 'Morning reading 2', 'Evening reading 1', 'Evening reading 2'];
  const log = `<table rule="#333333">${tr(head, 'th')}${days.map((d) => tr([d, '', '', '', ''])).join('')}</table>`;
  const mm = 72 / 25.4;
  // A two-column template's column: 3.5 in.
  const narrow = 'margin="72pt 171pt"';
  const rowsOf = (doc: LaidOutDocument) => {
    const boxes = texts(doc.pages[0]?.boxes ?? []);
    return days.map((d) => boxes.find((b) => b.text === d) as TextBox);
  };
  const lines = (doc: LaidOutDocument) =>
    (doc.pages[0]?.boxes ?? []).filter((b): b is RectBox => b.kind === 'rect' && b.fill === '#333333');

  it('gives a table with mostly empty body cells writable rows, all the same height', () => {
    const doc = layout(log, '', narrow);
    const labels = rowsOf(doc);
    const pitches = labels.slice(1).map((b, i) => b.y - (labels[i] as TextBox).y);
    for (const pitch of pitches) {
      expect(pitch).toBeGreaterThanOrEqual(10 * mm - 0.01);
      expect(pitch).toBeCloseTo(pitches[0] as number, 3);
    }
    // A line under every row to write on.
    const horizontal = lines(doc).filter((r) => r.width > r.height);
    expect(horizontal.length).toBeGreaterThanOrEqual(days.length + 1);
  });

  it('draws lines between the columns of a form, and none in a table of data', () => {
    const doc = layout(log, '', narrow);
    const vertical = lines(doc).filter((r) => r.height > r.width);
    const edges = new Set(vertical.map((r) => Math.round(r.x)));
    // Both outer edges and the four lines between five columns.
    expect(edges.size).toBe(6);
    const data = layout(
      `<table rule="#333333">${tr(['Day', 'Reading'], 'th')}${days.map((d) => tr([d, '120/80'])).join('')}</table>`,
      '',
      narrow,
    );
    expect(lines(data).filter((r) => r.height > r.width)).toHaveLength(0);
  });

  it('keeps a short label such as a weekday on one line, the columns to write in giving room', () => {
    const doc = layout(log, '', narrow);
    const boxes = texts(doc.pages[0]?.boxes ?? []);
    for (const day of days)
      expect(
        boxes.filter((b) => b.text === day),
        day,
      ).toHaveLength(1);
    // The columns to write in share the rest: none narrower than 14 mm.
    const vertical = [
      ...new Set(
        lines(doc)
          .filter((r) => r.height > r.width)
          .map((r) => Math.round(r.x * 10) / 10),
      ),
    ];
    vertical.sort((a, b) => a - b);
    expect(vertical).toHaveLength(6);
    const widths = vertical.slice(1).map((x, i) => x - (vertical[i] as number));
    expect(Math.min(...widths.slice(1))).toBeGreaterThan(14 * mm);
  });
});

describe('layout: footnotes', () => {
  const paragraph = '<p>Take it with food.<a href="#fn-1"><sup>1</sup></a> More text.</p>';
  const note = '<note id="fn-1" label="1."><p>Or with milk.</p></note>';

  it('draws a reference smaller and raised, keeping its text', () => {
    const doc = layout(paragraph + note);
    const boxes = texts(doc.pages[0]?.boxes ?? []);
    const food = boxes.find((b) => b.text.includes('food.')) as TextBox;
    const ref = boxes.find((b) => b.href === '#fn-1') as TextBox;
    expect(ref.text).toBe('1');
    expect(ref.size).toBe(9);
    expect(ref.y).toBeCloseTo(food.y - 10 * 0.33);
    // Right after "food." on the same line, and the text after it follows on.
    expect(ref.x).toBeCloseTo(food.x + food.width, 1);
    const after = boxes.find((b) => b.text.includes('More')) as TextBox;
    expect(after.y).toBe(food.y);
    expect(after.x).toBeGreaterThanOrEqual(ref.x + ref.width - 0.01);
  });

  it('never sets a superscript below 9 pt, and 70% of larger text', () => {
    const big = layout('<p>Word<sup>2</sup></p>', '<style name="body" size="20pt"/>');
    expect(texts(big.pages[0]?.boxes ?? []).find((b) => b.text === '2')?.size).toBeCloseTo(14);
  });

  it('lays a note out with its label, an anchor to lead to and a Note with its id', () => {
    const doc = layout(paragraph + note);
    const boxes = doc.pages[0]?.boxes ?? [];
    // The note's own anchor (the reference has one too, which the note's number links back to).
    const anchor = boxes.find((b) => b.kind === 'anchor' && b.name === 'fn-1');
    const label = texts(boxes).find((b) => b.text === '1.') as TextBox;
    expect(label.href).toBe('#fn-1-ref');
    expect(boxes.some((b) => b.kind === 'anchor' && b.name === 'fn-1-ref')).toBe(true);
    const body = texts(boxes).find((b) => b.text === 'Or with milk.') as TextBox;
    expect(anchor).toMatchObject({ kind: 'anchor', name: 'fn-1', x: 72 });
    expect(label.y).toBe(body.y);
    expect(label.x + label.width).toBeLessThan(body.x);
    const noteNode = doc.structure.children.find((n) => n.role === 'Note') as StructNode;
    expect(noteNode).toMatchObject({ elementId: 'fn-1' });
    expect(noteNode.children.map((c) => c.role)).toEqual(['Lbl', 'P']);
    expect(label.node).toBe(noteNode.children[0]?.id);
  });
});
