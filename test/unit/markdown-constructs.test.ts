import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { parseArticle, parseArticleChecked } from '../../src/content/index.js';
import type { LaidOutDocument, StructNode, TextBox } from '../../src/layout/types.js';
import { layoutHandout } from '../../src/pipeline.js';
import { repoRoot } from '../helpers/project.js';

/** Every Markdown construct has one outcome: printed whole, or refused at its place (issue 21). */
const file = join(repoRoot, 'content/articles/constructs.md');
const brand = readBrand(join(repoRoot, 'content/clinics/harbor-wellness.yaml'));
const templates = ['handout', 'large-print', 'two-column', 'trifold'];
const withTitle = (body: string) => `---\ntitle: Constructs\n---\n\n${body}`;

/** Paragraphs enough to fill a tri-fold's panels, which refuses an article that leaves one empty. */
const filler = Array.from(
  { length: 14 },
  (_, i) =>
    `Paragraph ${i + 1} of the filler: rest the knee, keep moving gently, and call the clinic if the pain grows.`,
).join('\n\n');

function laidOut(body: string, template: string): LaidOutDocument {
  const text = template === 'trifold' ? `${body}\n\n${filler}\n` : body;
  const article = parseArticle(withTitle(text), file, repoRoot);
  return layoutHandout({ root: repoRoot, article, brand, template }).document;
}

const problemsOf = (body: string) =>
  parseArticleChecked(withTitle(body), file, repoRoot, { checkFiles: true }).problems.map((p) => ({
    code: p.code,
    line: (p.line ?? 0) - 4,
    column: p.column,
    message: p.message,
    hint: p.hint,
  }));

const textBoxes = (doc: LaidOutDocument) =>
  doc.pages.flatMap((page, index) =>
    page.boxes.filter((b): b is TextBox => b.kind === 'text').map((box) => ({ ...box, page: index })),
  );

function nodes(node: StructNode, role: string, out: StructNode[] = []): StructNode[] {
  if (node.role === role) out.push(node);
  for (const child of node.children) nodes(child, role, out);
  return out;
}
const ids = (node: StructNode): number[] => [node.id, ...node.children.flatMap(ids)];

/** Each labelled entry (a list item or a note): its label's boxes and the boxes of what it labels. */
function entries(doc: LaidOutDocument, role: 'LI' | 'Note') {
  const boxes = textBoxes(doc);
  return nodes(doc.structure, role).map((entry) => {
    const label = entry.children.find((c) => c.role === 'Lbl');
    const body = new Set(entry.children.filter((c) => c !== label).flatMap(ids));
    return {
      label: boxes.filter((b) => b.node === label?.id),
      body: boxes.filter((b) => b.node !== null && body.has(b.node)),
    };
  });
}

/** The number list printed: each label whole, on one line, right-aligned, every item's text in one column. */
function expectWholeLabels(list: ReturnType<typeof entries>, expected: readonly string[], where: string) {
  expect(
    list.map((e) => e.label.map((b) => b.text).join('')),
    where,
  ).toEqual(expected);
  for (const { label } of list) expect(new Set(label.map((b) => b.y)).size, where).toBe(1);
  const rights = list.map((e) => Math.max(...e.label.map((b) => b.x + b.width)));
  const lefts = list.filter((e) => e.body.length > 0).map((e) => Math.min(...e.body.map((b) => b.x)));
  expect(Math.max(...rights) - Math.min(...rights), where).toBeLessThan(0.01);
  expect(new Set(lefts.map((x) => x.toFixed(2))).size, where).toBe(1);
  expect(Math.min(...lefts), where).toBeGreaterThan(Math.max(...rights));
}

describe('lists: numbers set whole in a column sized by the widest', () => {
  const body = [
    '98. ninety-eight',
    '99. ninety-nine',
    '100. one hundred',
    '',
    'A second list, to ten digits:',
    '',
    '999999998) nine digits',
    '999999999) nine digits',
    '1) ten digits: CommonMark numbers a list from its first item',
    '',
    'Notes follow.[^1] [^2] [^3] [^4] [^5] [^6] [^7] [^8] [^9] [^10]',
    '',
    ...Array.from({ length: 10 }, (_, i) => `[^${i + 1}]: Note ${i + 1}.`),
    '',
  ].join('\n');
  for (const template of templates)
    it(`in the ${template} template, list numbers and footnote labels`, () => {
      const doc = laidOut(body, template);
      const items = entries(doc, 'LI');
      expectWholeLabels(items.slice(0, 3), ['98.', '99.', '100.'], `${template}: first list`);
      expectWholeLabels(items.slice(3, 6), ['999999998.', '999999999.', '1000000000.'], `${template}: second list`);
      expectWholeLabels(
        entries(doc, 'Note'),
        Array.from({ length: 10 }, (_, i) => `${i + 1}.`),
        `${template}: notes`,
      );
    });
});

describe('lists: empty items', () => {
  it('keeps an empty item as a line with its number, so the numbering has no gap', () => {
    const article = parseArticle(withTitle('1. one\n2.\n3. three\n'), file);
    const [list] = article.blocks;
    expect(list).toMatchObject({ type: 'list', items: [{}, { blocks: [] }, {}] });
    const items = entries(laidOut('1. one\n2.\n3. three\n', 'handout'), 'LI');
    expect(items.map((e) => e.label.map((b) => b.text).join(''))).toEqual(['1.', '2.', '3.']);
    const baselines = items.map((e) => e.label[0]?.y ?? 0);
    expect(baselines[1]).toBeGreaterThan(baselines[0] as number);
    expect(baselines[2]).toBeGreaterThan(baselines[1] as number);
    expect(items[1]?.body).toEqual([]);
  });
});

describe('link reference definitions', () => {
  it('the first definition of a label wins, as CommonMark says', () => {
    const article = parseArticle(
      withTitle('See [the clinic][x].\n\n[x]: https://first.example\n[x]: https://second.example\n'),
      file,
    );
    const [paragraph] = article.blocks;
    expect(paragraph?.type === 'paragraph' && paragraph.inlines[1]).toMatchObject({
      text: 'the clinic',
      href: 'https://first.example',
    });
  });
});

describe('code blocks', () => {
  const schedule = [
    'Your week:',
    '',
    '    Morning   1 tablet',
    '      with food',
    '',
    '    Evening   2 tablets',
    '',
    '```text',
    'Day 1: rest',
    'Day 2: walk for ten minutes, then rest with the leg raised on two pillows, and ice it for fifteen minutes',
    '```',
    '',
  ].join('\n');

  it('keep their lines, indentation and blank lines (indented and fenced alike)', () => {
    const [, indented, fenced] = parseArticle(withTitle(schedule), file).blocks;
    expect(indented).toEqual({
      type: 'code',
      lines: ['Morning   1 tablet', '\u00A0\u00A0with food', '', 'Evening   2 tablets'],
      line: 7,
      firstLine: 7,
    });
    expect(fenced).toMatchObject({
      type: 'code',
      lines: ['Day 1: rest', expect.stringMatching(/^Day 2/)],
      line: 12,
      firstLine: 13,
    });
  });

  it('place a problem in one of their lines on that line (a letter no font has)', () => {
    const article = parseArticle(withTitle('Intro.\n\n```\nDay 1: rest\nDay 2: \u0D06\n```\n'), file);
    expect(() => layoutHandout({ root: repoRoot, article, brand, template: 'handout' })).toThrow(
      expect.objectContaining({ code: 'glyph-missing', line: 9 }),
    );
  });

  for (const template of templates)
    it(`are printed a line per source line, a long one wrapped with a hanging indent (${template})`, () => {
      const boxes = textBoxes(laidOut(schedule, template));
      const lineOf = (start: string) => boxes.find((b) => b.text.replace(/^\u00A0+/, '').startsWith(start));
      const morning = lineOf('Morning') as TextBox;
      const food = lineOf('with food') as TextBox;
      const evening = lineOf('Evening') as TextBox;
      const day2 = lineOf('Day 2') as TextBox;
      expect(morning.text.trim()).toBe('Morning 1 tablet');
      expect(food.y).toBeGreaterThan(morning.y);
      expect(food.text.startsWith('\u00A0\u00A0')).toBe(true);
      // The blank line between them is kept: the gap is two lines, not one.
      expect(evening.y - food.y).toBeGreaterThan(1.5 * (food.y - morning.y));
      expect(evening.x).toBeCloseTo(morning.x, 1);
      const continued = boxes.filter((b) => b.block === day2.block && b.y > day2.y);
      expect(continued.length).toBeGreaterThan(0);
      for (const box of continued) expect(box.x).toBeGreaterThan(day2.x + 10);
      const printed = [day2, ...continued].map((b) => b.text.replace(/\u00AD$/, '')).join(' ');
      expect(printed.split(/\s+/).join(' ')).toBe(
        'Day 2: walk for ten minutes, then rest with the leg raised on two pillows, and ice it for fifteen minutes',
      );
    });
});

describe('headings', () => {
  it('a # heading in the body is an error at its line, not merged with ##', () => {
    expect(problemsOf('# Knee pain\n\n## Causes\n\nText.\n')).toEqual([
      expect.objectContaining({ code: 'heading-depth', line: 1, message: expect.stringContaining('level-1') }),
    ]);
  });

  it('## and ### are the article’s two levels', () => {
    expect(problemsOf('## Causes\n\n### Injury\n\nText.\n')).toEqual([]);
  });
});

describe('images inside other constructs', () => {
  const cases = [
    ['a link', '[![A knee](knee.png)](https://example.org)', 2],
    ['emphasis', '*look: ![A knee](knee.png)*', 8],
    ['a heading', '## Knee ![A knee](knee.png)', 9],
    ['a table cell', '| Picture |\n| --- |\n| ![A knee](knee.png) |', 3],
  ] as const;
  for (const [inside, markdown, column] of cases)
    it(`an image inside ${inside} is refused where it is, and its missing file reported`, () => {
      const problems = problemsOf(`${markdown}\n`);
      const line = inside === 'a table cell' ? 3 : 1;
      expect(problems).toEqual([
        expect.objectContaining({
          code: 'unsupported-markdown',
          line,
          column,
          message: expect.stringContaining('knee.png'),
        }),
        expect.objectContaining({ code: 'image-missing', line, column }),
      ]);
    });
});

describe('comments', () => {
  it('a comment on its own line is allowed and never printed', () => {
    const article = parseArticle(withTitle('<!-- for editors -->\n*bar*\n\n<!-- one --> <!-- two -->\n'), file);
    expect(article.blocks).toMatchObject([{ type: 'paragraph', inlines: [{ text: 'bar', italic: true }] }]);
  });

  it('text after a comment on its line is refused, and the hint says what is allowed', () => {
    const [problem] = problemsOf('<!-- foo -->*bar*\n');
    expect(problem).toMatchObject({ code: 'raw-html', line: 1, message: expect.stringContaining('*bar*') });
    expect(problem?.hint).toMatch(/comments --> are allowed when nothing follows them on their line/);
  });
});
