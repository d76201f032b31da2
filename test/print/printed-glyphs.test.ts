import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOneArticle } from '../helpers/build-one.js';
import { toCollection, toWoff } from '../helpers/font-files.js';
import { longWords, missingOcrTools, ocrLanguages, printedText, systemFont, wordsFound } from '../helpers/ocr.js';
import { repoRoot } from '../helpers/project.js';

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

/** Build one article for one clinic with one template, with these files in fonts/; the PDF's path. */
function buildOne(template: string, files: Record<string, string>, fonts: Record<string, Buffer> = {}, text = article) {
  const inFonts = Object.fromEntries(Object.entries(fonts).map(([name, bytes]) => [`fonts/${name}`, bytes]));
  return buildOneArticle(template, { id: 'walking', text }, { ...files, ...inFonts });
}

/** Debian's font files by name, read; null when one is not installed. */
function systemFonts(...names: string[]): Record<string, Buffer> | null {
  const paths = names.map(systemFont);
  if (paths.includes(null)) return null;
  return Object.fromEntries(names.map((name, i) => [name, readFileSync(paths[i] as string)]));
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
const bundled = (name: string) => readFileSync(join(repoRoot, 'fonts/dejavu', name));

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

    it('WOFF (the bundled DejaVu Sans, wrapped as WOFF in the test)', async () => {
      const fonts = {
        'DejaVuSans.woff': toWoff(bundled('DejaVuSans.ttf')),
        'DejaVuSans-Bold.woff': toWoff(bundled('DejaVuSans-Bold.ttf')),
      };
      const faces = { regular: 'DejaVuSans.woff', bold: 'DejaVuSans-Bold.woff' };
      expectArticleWords(await buildOne('custom', templateWithFont('Woff', faces), fonts));
    });

    const cff = systemFonts(...Object.values(cffFaces));
    it.skipIf(!cff)('an OpenType/CFF family (.otf, C059 from fonts-urw-base35)', async () => {
      expectArticleWords(await buildOne('custom', templateWithFont('C059', cffFaces), cff as Record<string, Buffer>));
    });

    it.skipIf(!cff)('faces of an OpenType/CFF collection chosen by name (.otc made of C059 in the test)', async () => {
      const fonts = cff as Record<string, Buffer>;
      const otc = toCollection([fonts['C059-Roman.otf'] as Buffer, fonts['C059-Bold.otf'] as Buffer]);
      const faces = { regular: 'C059.otc#C059-Roman', bold: 'C059.otc#C059-Bold' };
      expectArticleWords(await buildOne('custom', templateWithFont('C059 collection', faces), { 'C059.otc': otc }));
    });

    const cjk = systemFonts('NotoSansCJK-Regular.ttc');
    it.skipIf(!cjk)('a font collection, its first face (.ttc, Noto Sans CJK from fonts-noto-cjk): Latin', async () => {
      const files = templateWithFont('Noto Sans CJK', { regular: 'NotoSansCJK-Regular.ttc' });
      expectArticleWords(await buildOne('custom', files, cjk as Record<string, Buffer>));
    });

    it.skipIf(!cjk || !languages.includes('chi_sim'))(
      'a face of a font collection chosen by name (Noto Sans CJK SC): Chinese, read by Tesseract chi_sim',
      async () => {
        const files = templateWithFont('Noto Sans CJK', { regular: 'NotoSansCJK-Regular.ttc#Noto Sans CJK SC' });
        const pdf = await buildOne('custom', files, cjk as Record<string, Buffer>, hanArticle);
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

    const variable = systemFonts('Inter.var.ttf');
    it.skipIf(!variable)(
      'a variable font: its default instance and a named one (Inter from fonts-inter-variable, bold = "#Bold")',
      async () => {
        const faces = { regular: 'Inter.var.ttf', bold: 'Inter.var.ttf#Bold' };
        expectArticleWords(
          await buildOne('custom', templateWithFont('Inter', faces), variable as Record<string, Buffer>),
        );
      },
    );
  },
);
