import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { parseArticle } from '../../src/content/index.js';
import type { TextBox } from '../../src/layout/types.js';
import { layoutHandout } from '../../src/pipeline.js';
import { repoRoot } from '../helpers/project.js';

/** Issue 22: when fill enlarges a medium tri-fold's type, the folds still fall at the end of a sentence. */
const root = repoRoot;
const file = join(root, 'test/fixtures/pages/pressure-diary-folded.md');
const article = parseArticle(readFileSync(file, 'utf8'), file, root);
const edges = [0, 265.5, 531, 792];

describe.each(['harbor-wellness.yaml', 'ridgeline-integrative.yaml'])('tri-fold folds with %s (issue 22)', (clinic) => {
  const brand = readBrand(join(root, 'content/clinics', clinic));
  const { document } = layoutHandout({ root, article, brand, template: 'trifold' });
  const boxes = (document.pages[1]?.boxes ?? []).filter((b): b is TextBox => b.kind === 'text' && !b.artifact);
  const panel = (k: number) =>
    boxes
      .filter((b) => b.x >= (edges[k] as number) && b.x < (edges[k + 1] as number))
      .sort((a, b) => a.y - b.y || a.x - b.x);

  it('ends the first two inside panels at the end of a sentence or a list item', () => {
    for (const k of [0, 1]) {
      const last = panel(k).at(-1) as TextBox;
      expect(last.text.trim()).toMatch(/[.!?:,]$|\band$/);
    }
  });
});
