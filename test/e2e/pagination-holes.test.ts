import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { parseArticle } from '../../src/content/index.js';
import type { TextBox } from '../../src/layout/types.js';
import { layoutHandout } from '../../src/pipeline.js';
import { repoRoot } from '../helpers/project.js';

/** Issue 22: keep rules yield before they leave a large-print page more than 30% empty. */
const root = repoRoot;
const brand = readBrand(join(root, 'test/fixtures/trifold/clinics/praxis-long-site.yaml'));
const layout = (name: string) => {
  const file = join(root, 'test/fixtures/pages', name);
  const article = parseArticle(readFileSync(file, 'utf8'), file, root);
  return layoutHandout({ root, article, brand, template: 'large-print' }).document;
};
type Doc = ReturnType<typeof layout>;
type Page = Doc['pages'][number];
const body = (page: Page) =>
  page.boxes.filter((b): b is TextBox => b.kind === 'text' && !b.artifact).sort((a, b) => a.y - b.y);

/** The share of a page's body area left blank under its last line. */
function emptiness(document: Doc, page: Page): number {
  const foot =
    Math.min(
      ...page.boxes.filter((b) => b.kind === 'text' && b.artifact && b.y > document.height - 100).map((b) => b.y),
    ) - 20;
  const lines = body(page);
  const top = (lines[0] as TextBox).y - (lines[0] as TextBox).size;
  const last = lines.at(-1) as TextBox;
  return (foot - last.y - last.size) / (foot - top);
}

describe.each(['pressure-diary.md', 'knie.md'])('large print of %s (issue 22)', (name) => {
  const document = layout(name);

  it('runs to more than two pages, so there are pages to judge', () => {
    expect(document.pages.length).toBeGreaterThan(2);
  });

  it('leaves no page before the last more than 30% empty', () => {
    const holes = document.pages.slice(0, -1).map((page) => emptiness(document, page));
    for (const hole of holes) expect(hole).toBeLessThan(0.3);
  });

  it('never ends a page with a table header and fewer than two of its rows', () => {
    const headers = new Set(['Day', 'Wirkstoff']);
    for (const page of document.pages.slice(0, -1)) {
      const lines = body(page);
      const header = lines.filter((b) => headers.has(b.text)).at(-1);
      if (!header) continue;
      const rowsBelow = new Set(
        lines.filter((b) => b.y > header.y + 2 && b.x <= header.x + 1).map((b) => Math.round(b.y)),
      );
      expect(rowsBelow.size).toBeGreaterThanOrEqual(2);
    }
  });
});
