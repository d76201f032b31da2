import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOneArticle } from '../helpers/build-one.js';
import { missingOcrTools, ocrLanguages, printedText, systemFont } from '../helpers/ocr.js';
import { repoRoot } from '../helpers/project.js';

// Chinese and Vietnamese as printed, read back by Tesseract (chi_tra, vie): the built-in templates, unedited, with
// a CJK font dropped into fonts/; Vietnamese set in one typeface that has its whole alphabet.

const missingTools = missingOcrTools();
const languages = missingTools.length === 0 ? ocrLanguages() : [];
const droid = systemFont('DroidSansFallbackFull.ttf');
const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/cjk', `${name}.md`), 'utf8');

/** The fixture `id` built with `template` (more files, such as a font, added to the project); the PDF's path. */
const build = (template: string, id: string, files: Record<string, Buffer> = {}) =>
  buildOneArticle(template, { id, text: fixture(id) }, files);

/** How many of `wanted` (with repeats) occur in `read`, each occurrence used once. */
function found(wanted: readonly string[], read: readonly string[]): number {
  const left = new Map<string, number>();
  for (const item of read) left.set(item, (left.get(item) ?? 0) + 1);
  return wanted.filter((item) => {
    const count = left.get(item) ?? 0;
    if (count > 0) left.set(item, count - 1);
    return count > 0;
  }).length;
}

const body = (markdown: string) => markdown.replace(/^---\n[\s\S]*?\n---\n/, '');

describe.skipIf(missingTools.length > 0)(
  `CJK and Vietnamese read back by OCR${missingTools.length > 0 ? ` (skipped: ${missingTools.join(', ')} not installed)` : ''}`,
  () => {
    for (const template of ['handout', 'two-column']) {
      it.skipIf(!droid || !languages.includes('chi_tra'))(
        `Traditional Chinese in the built-in ${template} template, Droid Sans Fallback in fonts/ (chi_tra)`,
        async () => {
          const pdf = await build(template, 'zh-hant', {
            'fonts/DroidSansFallbackFull.ttf': readFileSync(droid as string),
          });
          const han = (text: string) => [...text].filter((c) => /\p{Script=Han}/u.test(c));
          const wanted = han(body(fixture('zh-hant')));
          const read = found(wanted, han(printedText(pdf, 'chi_tra', 200)));
          console.info(`${basename(pdf)} (chi_tra): ${read} of ${wanted.length} characters`);
          expect(read / wanted.length).toBeGreaterThanOrEqual(0.95);
        },
      );
    }

    it.skipIf(!languages.includes('vie'))(
      'Vietnamese in the built-in handout template, set in DejaVu Sans (vie)',
      async () => {
        const pdf = await build('handout', 'vi');
        const words = (text: string) =>
          text
            .normalize('NFC')
            .toLowerCase()
            .match(/\p{L}+/gu) ?? [];
        const wanted = words(body(fixture('vi')));
        const read = found(wanted, words(printedText(pdf, 'vie', 200)));
        console.info(`${basename(pdf)} (vie): ${read} of ${wanted.length} words`);
        expect(read / wanted.length).toBeGreaterThanOrEqual(0.95);
      },
    );
  },
);
