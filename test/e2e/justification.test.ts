import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { parseArticle } from '../../src/content/index.js';
import type { LaidOutDocument, TextBox } from '../../src/layout/types.js';
import { layoutHandout } from '../../src/pipeline.js';
import { repoRoot } from '../helpers/project.js';

/** Issue 22: justified paragraphs in the newsletter have no ragged line, hyphenated or not, before their last. */
const root = repoRoot;
const harbor = readBrand(join(root, 'content/clinics/harbor-wellness.yaml'));
const read = (file: string) => parseArticle(readFileSync(file, 'utf8'), file, root);

interface Line {
  readonly block: number;
  readonly column: number;
  readonly right: number;
  readonly text: string;
}

/** Each page's lines of body text (not headings, not page furniture), in reading order. */
function linesOf(doc: LaidOutDocument): Line[][] {
  const middle = doc.width / 2;
  return doc.pages.map((page) => {
    const boxes = page.boxes.filter((b): b is TextBox => b.kind === 'text' && !b.artifact && b.heading === null);
    const lines = new Map<string, TextBox[]>();
    for (const box of boxes) {
      const key = `${box.x < middle ? 0 : 1}|${box.block}|${box.y.toFixed(1)}`;
      lines.set(key, [...(lines.get(key) ?? []), box]);
    }
    return [...lines.values()]
      .map((line) => ({
        block: line[0]?.block as number,
        column: (line[0]?.x as number) < middle ? 0 : 1,
        right: Math.max(...line.map((b) => b.x + b.width)),
        text: line.map((b) => b.text).join(''),
        y: line[0]?.y as number,
      }))
      .sort((a, b) => a.column - b.column || a.y - b.y);
  });
}

function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(Math.round(value), (counts.get(Math.round(value)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

describe('justified newsletter columns (issue 22)', () => {
  it.each([
    ['acupuncture-knee-pain', join(root, 'content/articles/acupuncture-knee-pain.md')],
    ['medium-table', join(root, 'test/fixtures/trifold/medium-table.md')],
  ])('%s: every line of a justified paragraph but its last reaches the margin', (_, file) => {
    const doc = layoutHandout({ root, article: read(file), brand: harbor, template: 'two-column' }).document;
    const short: string[] = [];
    let checked = 0;
    const pages = linesOf(doc);
    const all = pages.flat();
    for (const lines of pages) {
      // A column's margin: the right edge most of its lines share (a closing across both columns ends elsewhere).
      const margin = [0, 1].map((c) => mostCommon(lines.filter((l) => l.column === c).map((l) => l.right)));
      const byBlock = new Map<number, Line[]>();
      for (const line of lines) byBlock.set(line.block, [...(byBlock.get(line.block) ?? []), line]);
      for (const [block, own] of byBlock) {
        // A paragraph's last line (on any page) may end short; a paragraph with no line at the margin is not justified.
        const lastOfBlock = all.filter((l) => l.block === block).at(-1);
        const body = own.filter((l) => l !== lastOfBlock);
        if (!body.some((l) => Math.abs(l.right - (margin[l.column] as number)) < 1)) continue;
        for (const line of body) {
          checked++;
          if ((margin[line.column] as number) - line.right > 1) short.push(line.text);
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(short).toEqual([]);
  });
});
