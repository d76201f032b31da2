import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { longWords, missingOcrTools, ocrLanguages, printedText, systemFont, wordsFound } from '../helpers/ocr.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

// What is printed, checked without our text layer: pages drawn by poppler and read by Tesseract, compared
// with the article's own words. A font drawn one glyph off ("Harbao WelWnns") reads as nonsense here.

const missingTools = missingOcrTools();
const languages = missingTools.length === 0 ? ocrLanguages() : [];

const title = 'Walking for healthy knees';
const summary =
  'Regular walking keeps your knees strong and moving. Start slowly, choose good shoes and rest when you need it.';
const body = `## Why walking helps

Walking moves fluid through the knee joint and keeps the muscles around it **strong**. Strong thigh
muscles take weight off the cartilage, so daily steps often mean *less pain* over time.

## How to start

- Walk for ten minutes on flat ground, three times each week.
- Add five minutes every week while the knee feels comfortable.
- Choose shoes with soft soles and good support.

## When to rest

Some soreness after walking is normal and fades within a day. Swelling, heat or sharp pain that lasts
longer means the knee needs rest: call your clinic before you walk again.

## Walking with others

Many people find it easier to keep walking when a friend, a neighbour or a group walks with them. Agree
on a time and a place, and keep the pace gentle enough to talk. On cold or rainy days, walk inside a
shopping centre or along the halls of a community building.

## Keeping track

Write down how far you walked and how your knee felt afterwards. Bring these notes to your next visit:
they help your practitioner adjust your plan, and they show how much progress you have made.`;
const article = `---\ntitle: ${title}\nsummary: ${summary}\nlang: en\n---\n\n${body}\n`;
const expected = longWords(`${title} ${summary} ${body}`);

const hanTitle = '膝盖疼痛与针灸';
const hanBody =
  '针灸是一种治疗方法。医生把很细的针放在身体上的穴位。很多人觉得治疗的时候很放松。请在治疗前告诉医生您正在吃的药。';
const hanArticle = `---\ntitle: ${hanTitle}\nlang: zh\n---\n\n${hanBody}\n`;

const made: string[] = [];
afterAll(() => {
  for (const root of made) removeProject(root);
});

/** The built-in template with its body font (and so every style's) replaced by `font`, declared from `faces`. */
function templateWithFont(font: string, faces: Record<string, string> | null) {
  const layout = readFileSync(join(repoRoot, 'templates/handout/layout.hbs'), 'utf8');
  const styles = readFileSync(join(repoRoot, 'templates/handout/styles.hbs'), 'utf8').replace(
    'font="Atkinson Hyperlegible"',
    `font="${font}"`,
  );
  const declared = faces
    ? `<font name="${font}" ${Object.entries(faces)
        .map(([face, file]) => `${face}="${basename(file)}"`)
        .join(' ')}/>\n`
    : '';
  return { 'templates/custom/layout.hbs': layout, 'templates/custom/styles.hbs': declared + styles };
}

/** Build one article for one clinic with one template; the PDF's path. */
async function buildOne(template: string, files: Record<string, string>, fontFiles: string[] = [], text = article) {
  const root = makeProject({
    ...files,
    'content/articles/walking.md': text,
    'handout.config.yaml': `builds:\n  - template: ${template}\n    articles: [walking]\n    clinics: [harbor-wellness]\n`,
  });
  made.push(root);
  for (const file of fontFiles) {
    mkdirSync(join(root, 'fonts'), { recursive: true });
    copyFileSync(file, join(root, 'fonts', basename(file)));
  }
  const report = await buildProject({ root, articles: [], clinics: [], jobs: 1 });
  expect(report.errors).toEqual([]);
  const output = report.outputs[0];
  if (!output) throw new Error('nothing was built');
  return output.path;
}

/** The printed words, with words a hyphen broke across lines joined again. */
const printedWords = (pdf: string, language = 'eng') => printedText(pdf, language).replace(/-\s*\n\s*(\p{L})/gu, '$1');

function expectArticleWords(pdf: string) {
  const result = wordsFound(expected, printedWords(pdf));
  // The figure the README quotes: words found of the article's words (four letters or more).
  console.info(`${basename(pdf)}: ${result.found} of ${result.total} words`);
  expect(result.found / result.total, `not read back: ${result.missing.slice(0, 20).join(' ')}`).toBeGreaterThanOrEqual(
    0.95,
  );
}

const cffFaces = {
  regular: 'C059-Roman.otf',
  bold: 'C059-Bold.otf',
  italic: 'C059-Italic.otf',
  'bold-italic': 'C059-BdIta.otf',
};
const found = (names: Record<string, string>) => Object.values(names).map(systemFont);

describe.skipIf(missingTools.length > 0)(
  `printed glyphs read back by OCR${missingTools.length > 0 ? ` (skipped: ${missingTools.join(', ')} not installed; .ci/run installs poppler-utils and tesseract-ocr)` : ''}`,
  () => {
    for (const template of ['handout', 'large-print', 'two-column', 'trifold']) {
      it(`the built-in ${template} template, in its bundled font (Atkinson Hyperlegible)`, async () => {
        expectArticleWords(await buildOne(template, {}));
      });
    }

    it('the bundled DejaVu Sans', async () => {
      expectArticleWords(await buildOne('custom', templateWithFont('DejaVu Sans', null)));
    });

    const cff = found(cffFaces);
    it.skipIf(cff.includes(null))('an OpenType/CFF family (.otf, C059 from fonts-urw-base35)', async () => {
      const files = cff as string[];
      expectArticleWords(await buildOne('custom', templateWithFont('C059', cffFaces), files));
    });

    const collection = systemFont('NotoSansCJK-Regular.ttc');
    it.skipIf(!collection)('a face of a font collection (.ttc, Noto Sans CJK from fonts-noto-cjk): Latin', async () => {
      const file = collection as string;
      const files = templateWithFont('Noto Sans CJK', { regular: file });
      expectArticleWords(await buildOne('custom', files, [file]));
    });

    it.skipIf(!collection || !languages.includes('chi_sim'))(
      'a face of a font collection: Chinese, read by Tesseract chi_sim',
      async () => {
        const file = collection as string;
        const files = templateWithFont('Noto Sans CJK', { regular: file });
        const pdf = await buildOne('custom', files, [file], hanArticle);
        const printed = printedText(pdf, 'chi_sim').replace(/\s+/g, '');
        const wanted = [...`${hanTitle}${hanBody}`].filter((c) => /\p{Script=Han}/u.test(c));
        const left = [...printed];
        const read = wanted.filter((c) => {
          const at = left.indexOf(c);
          if (at >= 0) left.splice(at, 1);
          return at >= 0;
        });
        console.info(`${basename(pdf)} (Chinese): ${read.length} of ${wanted.length} characters`);
        expect(read.length / wanted.length).toBeGreaterThanOrEqual(0.95);
      },
    );

    const variable = systemFont('Inter.var.ttf');
    it.skipIf(!variable)('a variable font, its default instance (Inter from fonts-inter-variable)', async () => {
      const file = variable as string;
      expectArticleWords(await buildOne('custom', templateWithFont('Inter', { regular: file }), [file]));
    });
  },
);
