import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { parseArticle } from '../../src/content/index.js';
import type { Box, LaidOutDocument, RectBox, StructNode, TextBox } from '../../src/layout/types.js';
import { layoutHandout } from '../../src/pipeline.js';
import { repoRoot } from '../helpers/project.js';

/** Issue 22: a tri-fold's inside panels filled by short and medium articles with a table, and its folds. */
const root = repoRoot;
const harbor = readBrand(join(root, 'content/clinics/harbor-wellness.yaml'));
const fixture = (name: string) => {
  const file = join(root, 'test/fixtures/trifold', name);
  return parseArticle(readFileSync(file, 'utf8'), file, root);
};
const short = fixture('short-table-pt.md');
const shortest = fixture('short-table.md');
const medium = fixture('medium-table.md');
const layout = (article: ReturnType<typeof fixture>) =>
  layoutHandout({ root, article, brand: harbor, template: 'trifold' }).document;

// Letter landscape: panels at 0, 265.5 and 531 pt; 0.4 in padding at the top and bottom of each.
const edges = [0, 265.5, 531, 792];
const top = 0.4 * 72;
const panelHeight = 612 - 2 * top;
const inside = (doc: LaidOutDocument) => doc.pages[1]?.boxes ?? [];
const inPanel = (boxes: readonly Box[], k: number) =>
  boxes.filter((b) => 'x' in b && b.x >= (edges[k] as number) && b.x < (edges[k + 1] as number));
const texts = (boxes: readonly Box[]) =>
  boxes.filter((b): b is TextBox => b.kind === 'text' && !b.artifact).sort((a, b) => a.y - b.y || a.x - b.x);
/** How far down its panel the lowest box reaches, as a share of the panel's height. */
const filled = (boxes: readonly Box[]) => {
  const bottoms = boxes.map((b) =>
    b.kind === 'text' ? b.y + b.size : b.kind === 'rect' ? b.y + b.height : b.kind === 'qr' ? b.y + b.size : b.y,
  );
  return (Math.max(top, ...bottoms) - top) / panelHeight;
};
const find = (node: StructNode, role: string): StructNode[] => [
  ...(node.role === role ? [node] : []),
  ...node.children.flatMap((c) => find(c, role)),
];

describe('tri-fold fill (issue 22)', () => {
  it('fills every inside panel of a short article with a table: larger type, the article over two panels, notes in the third', () => {
    const doc = layout(short);
    expect(doc.notes.map((n) => n.code)).not.toContain('panel-half-empty');
    expect(doc.notes).toContainEqual(
      expect.objectContaining({
        code: 'fit-size',
        message: expect.stringMatching(/to 14 pt .* line spacing to 1[1-3]\d%/),
      }),
    );
    const boxes = inside(doc);
    for (const k of [0, 1, 2]) expect(filled(inPanel(boxes, k))).toBeGreaterThan(0.5);
    // The table is in a panel, set larger than the template's 10 pt too.
    const cell = texts(boxes).find((b) => b.text.startsWith('Abaixo de'));
    expect(cell?.size).toBeGreaterThan(11.5);
    // The third panel: the notes title (a P in the tags, read after the article), writing lines 9 mm apart
    // down to the questions block, and nothing of the article.
    const right = inPanel(boxes, 2);
    expect(texts(right)[0]?.text).toBe('Notas');
    expect(texts(right).map((b) => b.text)).not.toContain('casa.');
    const lines = right.filter((b): b is RectBox => b.kind === 'rect' && b.height < 1).sort((a, b) => a.y - b.y);
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const gaps = lines.slice(1).map((l, i) => l.y - (lines[i] as RectBox).y);
    for (const gap of gaps) expect(gap).toBeCloseTo((9 / 25.4) * 72, 1);
    const qr = right.find((b) => b.kind === 'qr');
    expect(qr).toBeDefined();
    expect((lines.at(-1) as RectBox).y).toBeLessThan(qr?.y ?? 0);
    // Not a heading: nothing but blank writing lines (artifacts) follows it.
    const notesNode = texts(right)[0]?.node;
    expect(find(doc.structure, 'H2').map((h) => h.id)).not.toContain(notesNode);
    expect(find(doc.structure, 'P').map((h) => h.id)).toContain(notesNode);
    expect(right.filter((b) => b.kind === 'rect' && b.height < 1).every((b) => b.node === null)).toBe(true);
    // In reading order: the article's last paragraph, then the notes title, then the questions block.
    const order = (node: StructNode): number[] => [node.id, ...node.children.flatMap(order)];
    const read = order(doc.structure);
    const lastOfArticle = texts(boxes).find((b) => b.text.endsWith('casa.'))?.node;
    const phone = texts(right).find((b) => b.text.includes(harbor.contact.phone as string))?.node;
    expect(read.indexOf(lastOfArticle as number)).toBeLessThan(read.indexOf(notesNode as number));
    expect(read.indexOf(notesNode as number)).toBeLessThan(read.indexOf(phone as number));
  });

  it('gives a very short article (160 words) its notes panel too, and says which panel stays under half full', () => {
    const doc = layout(shortest);
    const half = doc.notes.filter((n) => n.code === 'panel-half-empty').map((n) => n.message);
    expect(half).toEqual([expect.stringMatching(/^the "inside left" panel is more than half empty \(\d\d% used\)$/)]);
    expect(filled(inPanel(inside(doc), 2))).toBeGreaterThan(0.9);
  });

  it('spreads a medium article with a table over the three panels evenly, without a notes area', () => {
    const doc = layout(medium);
    const boxes = inside(doc);
    const shares = [0, 1, 2].map((k) => filled(inPanel(boxes, k)));
    for (const share of shares) expect(share).toBeGreaterThan(0.85);
    expect(texts(boxes).map((b) => b.text)).not.toContain('Notes');
    expect(doc.notes.map((n) => n.code)).not.toContain('panel-half-empty');
  });

  it('breaks a fold at the end of a sentence when the panels can hold the article that way', () => {
    const doc = layout(short);
    const boxes = inside(doc);
    // Each panel's article ends with a sentence (or a table row); the fold does not split "…below 135/ | 85 mmHg".
    for (const k of [0, 1]) {
      const last = texts(inPanel(boxes, k)).at(-1) as TextBox;
      expect(last.text.trim()).toMatch(/[.!?:]$|médico$/);
    }
    const folded = withLongFirstParagraph();
    for (const k of [0, 1]) {
      const last = texts(inPanel(inside(folded), k)).at(-1) as TextBox;
      expect(last.text.trim()).toMatch(/[.!?:]$/);
    }
  });
});

/** Three paragraphs of many short sentences: a balanced split at any line would cut a sentence. */
function withLongFirstParagraph(): LaidOutDocument {
  const sentence = (i: number) => `Sentence ${i} tells the reader one small thing about the knee and how to rest it.`;
  const paragraph = (from: number) => Array.from({ length: 2 }, (_, i) => sentence(from + i)).join(' ');
  const text = `---\ntitle: Folds\nlang: en\n---\n\n${[0, 2, 4, 6, 8, 10, 12, 14].map(paragraph).join('\n\n')}\n`;
  return layout(parseArticle(text, short.file, root));
}
