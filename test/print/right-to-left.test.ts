import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { readArticle } from '../../src/content/index.js';
import type { Article, Block, Inline } from '../../src/content/types.js';
import { renderHandout } from '../../src/pipeline.js';
import { longWords, missingOcrTools, ocrLanguages, printedText, wordsFound } from '../helpers/ocr.js';
import { repoRoot } from '../helpers/project.js';

// Arabic and Hebrew handouts checked with tools nobody here wrote: poppler reads the tags (it prints the
// glyphs of each element in the order they are drawn, through the ToUnicode map), and Tesseract reads the
// printed page, which it returns in reading order: a line laid out backwards would read backwards.

const missingTools = missingOcrTools();
const languages = missingTools.length === 0 ? ocrLanguages() : [];
const harbor = readBrand(join(repoRoot, 'content/clinics/harbor-wellness.yaml'));
const dir = mkdtempSync(join(tmpdir(), 'handout-rtl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cases: [string, string, string, RegExp][] = [
  // The sentence with a number in it, as it must read: "wait 15 minutes after the meal".
  ['Arabic', 'sukkari.ar.md', 'ara', /انتظر \S+ دقيقة بعد الأكل/],
  ['Hebrew', 'sukkeret.he.md', 'heb', /חכו 15 דקות אחרי הארוחה/],
];

/** The handout's PDF, written to a file for the command-line tools. */
async function built(file: string): Promise<{ pdf: string; article: Article }> {
  const article = readArticle(join(repoRoot, 'test/fixtures/rtl', file), repoRoot);
  const { pdf } = await renderHandout({ root: repoRoot, article, brand: harbor, template: 'handout' });
  const path = join(dir, file.replace(/\.md$/, '.pdf'));
  writeFileSync(path, pdf);
  return { pdf: path, article };
}

const inlineText = (inlines: readonly Inline[]) =>
  inlines.map((i) => (i.type !== 'text' ? ' ' : i.href ? i.text.replace(/^www\./, '') : i.text)).join('');

function blockTexts(blocks: readonly Block[]): string[] {
  return blocks.flatMap((block): string[] => {
    if (block.type === 'heading' || block.type === 'paragraph') return [inlineText(block.inlines)];
    if (block.type === 'list') return block.items.flatMap((item) => blockTexts(item.blocks));
    if (block.type === 'callout') return blockTexts(block.blocks);
    return [];
  });
}

const spaced = (text: string) => ` ${text.split(/\s+/).filter(Boolean).join(' ')} `;

describe.skipIf(missingTools.length > 0)('right-to-left handouts read back by poppler and Tesseract', () => {
  for (const [name, file, language, sentence] of cases) {
    it(`${name}: \`pdfinfo -struct-text\` reads every paragraph in logical order`, async () => {
      const { pdf, article } = await built(file);
      const run = spawnSync('pdfinfo', ['-struct-text', pdf], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      // Each element's text is printed quoted on its own line; a link's text is an element of its own.
      const tagged = spaced([...run.stdout.matchAll(/^\s*"(.*)"$/gm)].map((m) => m[1]).join(' '));
      const missing = [article.title, ...blockTexts(article.blocks)].filter((text) => !tagged.includes(spaced(text)));
      expect(missing).toEqual([]);
    });

    it.skipIf(!languages.includes(language))(`${name}: Tesseract (${language}) reads the printed page`, async () => {
      const { pdf, article } = await built(file);
      const printed = printedText(pdf, language, 200);
      const expected = longWords([article.title, ...blockTexts(article.blocks)].join(' '));
      const result = wordsFound(expected, printed);
      console.info(`${basename(pdf)} (${language}): ${result.found} of ${result.total} words`);
      // Measured: 170 of 179 Arabic words, 171 of 174 Hebrew (four letters or more).
      expect(result.found / result.total, `not read: ${result.missing.join(' ')}`).toBeGreaterThanOrEqual(0.9);
      expect(printed.replace(/\s+/g, ' ')).toContain(article.title);
      expect(printed.replace(/\s+/g, ' ')).toMatch(sentence);
    });
  }
});
