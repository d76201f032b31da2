import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { parseArticle } from '../../src/content/index.js';
import type { TextBox } from '../../src/layout/types.js';
import { layoutHandout } from '../../src/pipeline.js';
import { repoRoot } from '../helpers/project.js';

/** Issue 22: a short two-column article's columns end at about the same height, a short table kept whole or not. */
const root = repoRoot;
const file = join(root, 'test/fixtures/pages/sunburn.md');
const article = parseArticle(readFileSync(file, 'utf8'), file, root);
const brand = readBrand(join(root, 'test/fixtures/trifold/clinics/praxis-long-site.yaml'));

describe('two-column balance of a short article (issue 22)', () => {
  const { document } = layoutHandout({ root, article, brand, template: 'two-column' });
  const page = document.pages.at(-1) as (typeof document.pages)[number];
  const text = page.boxes.filter((b): b is TextBox => b.kind === 'text' && !b.artifact);
  const closingTop = Math.min(...text.filter((b) => b.text.startsWith('Questions')).map((b) => b.y));
  const summary = text.find((b) => b.text.startsWith('What helps')) as TextBox;
  const middle = document.width / 2;
  const column = (left: boolean) => text.filter((b) => b.y >= summary.y && b.y < closingTop && b.x < middle === left);
  const bottom = (boxes: TextBox[]) => Math.max(...boxes.map((b) => b.y + b.size));

  it('fits on one page with the closing below the columns', () => {
    expect(document.pages).toHaveLength(1);
    expect(Number.isFinite(closingTop)).toBe(true);
  });

  it('ends both columns within 20% of the taller one', () => {
    const [left, right] = [bottom(column(true)), bottom(column(false))];
    const top = summary.y;
    expect(Math.min(left, right) - top).toBeGreaterThan(0.8 * (Math.max(left, right) - top));
  });
});
