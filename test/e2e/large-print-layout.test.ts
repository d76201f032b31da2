import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { parseArticle } from '../../src/content/index.js';
import type { TextBox } from '../../src/layout/types.js';
import { layoutHandout } from '../../src/pipeline.js';
import { repoRoot } from '../helpers/project.js';

/** Issue 22: the large-print footer, for a clinic whose web address is long. */
const root = repoRoot;
const file = join(root, 'test/fixtures/trifold/medium-table.md');
const article = parseArticle(readFileSync(file, 'utf8'), file, root);

describe('large-print footer (issue 22)', () => {
  it('sets the phone number and the page number at 14 pt on one baseline, a long web address on its own line', () => {
    const brand = readBrand(join(root, 'test/fixtures/trifold/clinics/praxis-long-site.yaml'));
    const { document } = layoutHandout({ root, article, brand, template: 'large-print' });
    expect(document.pages.length).toBeGreaterThan(1);
    for (const page of document.pages) {
      const foot = page.boxes.filter((b): b is TextBox => b.kind === 'text' && b.y > document.height - 90);
      const phone = foot.find((b) => b.text.includes('12345678'));
      const number = foot.find((b) => /^Page \d+ of \d+$/.test(b.text));
      const site = foot.find((b) => b.text.includes('muenchen.de'));
      expect(phone?.size).toBe(14);
      expect(number?.size).toBe(14);
      expect(phone?.y).toBeCloseTo(number?.y as number, 2);
      expect(site?.size).toBeGreaterThanOrEqual(13);
      expect(site?.y).toBeGreaterThan(phone?.y as number);
      // Inside the paper, clear of an office printer's quarter-inch edge.
      expect((site?.y as number) + 4).toBeLessThan(document.height - 18);
    }
  });
});

describe('large-print warning at the end of an article (issue 22)', () => {
  const longFile = join(root, 'test/fixtures/trifold/long.md');
  const long = parseArticle(readFileSync(longFile, 'utf8'), longFile, root);
  const brand = readBrand(join(root, 'test/fixtures/trifold/clinics/praxis-long-site.yaml'));
  const { document } = layoutHandout({ root, article: long, brand, template: 'large-print' });
  const body = (page: (typeof document.pages)[number]) =>
    page.boxes.filter((b): b is TextBox => b.kind === 'text' && !b.artifact).sort((a, b) => a.y - b.y);

  it('stays on the page of its article text, not moved alone onto the next page with the closing', () => {
    const page = document.pages.find((p) => body(p).some((b) => b.text.startsWith('When to get help')));
    const lines = body(page as (typeof document.pages)[number]);
    const title = lines.findIndex((b) => b.text.startsWith('When to get help'));
    expect(title).toBeGreaterThan(0);
    expect(lines[title - 1]?.text).toMatch(/\p{L}/u);
  });

  it('leaves no page before the last more than 30% empty', () => {
    const footTop = (p: (typeof document.pages)[number]) =>
      Math.min(
        ...p.boxes.filter((b) => b.kind === 'text' && b.artifact && b.y > document.height - 100).map((b) => b.y),
      ) - 20;
    for (const page of document.pages.slice(1, -1)) {
      const lines = body(page);
      const top = (lines[0] as TextBox).y - (lines[0] as TextBox).size;
      const empty = (footTop(page) - (lines.at(-1) as TextBox).y) / (footTop(page) - top);
      expect(empty).toBeLessThan(0.3);
    }
  });
});
