import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { readManifest } from '../../src/batch/manifest.js';
import { readBrand } from '../../src/brand/index.js';
import { checkProject } from '../../src/check/index.js';
import { readArticle } from '../../src/content/index.js';
import { renderHandout } from '../../src/pipeline.js';
import { documentInfo, pageTexts } from '../helpers/pdf.js';
import { copyProject, makeProject, removeProject, repoRoot, writeIn } from '../helpers/project.js';

const squash = (text: string) => text.replace(/\s+/g, ' ');
const fixture = (name: string) => join(repoRoot, 'test/fixtures/articles', name);
const harbor = readBrand(join(repoRoot, 'content/clinics/harbor-wellness.yaml'));
const english = /Page \d+ of|Questions\?|Last reviewed|Scan to|This handout|When to get help|Contact us/;

async function textOf(pdf: Uint8Array): Promise<string> {
  return squash((await pageTexts(pdf)).join(' '));
}

describe('a French article is French throughout', () => {
  it.each(['handout', 'trifold'])(
    '%s: every fixed word, the date and the urgent-care title in French',
    async (template) => {
      const article = readArticle(fixture('acupuncture-genou.md'), repoRoot);
      const { pdf } = await renderHandout({ root: repoRoot, article, brand: harbor, template });
      const text = await textOf(pdf);
      // French sets a narrow no-break space before the colon.
      expect(text).toMatch(/Dernière révision\s: 14 septembre 2026/);
      expect(text).toMatch(/Scannez pour prendre rendez-\s?vous/);
      expect(text).toContain('Elle ne remplace pas les conseils de votre médecin');
      expect(text).toContain('Quand demander de l’aide sans attendre');
      if (template === 'handout') {
        expect(text).toMatch(/Page 1 sur 2/);
        expect(text).toContain('Des questions ? Appelez-nous');
      } else expect(text).toContain('Nous contacter');
      expect(text).not.toMatch(english);
      const info = await documentInfo(pdf);
      expect(info).toMatchObject({ Language: 'fr', Keywords: expect.stringMatching(/^information des patients, /) });
    },
  );

  it('a German article gets German labels', async () => {
    const article = readArticle(fixture('akupunktur-knie.md'), repoRoot);
    const text = await textOf(
      (await renderHandout({ root: repoRoot, article, brand: harbor, template: 'handout' })).pdf,
    );
    expect(text).toMatch(/Seite 1 von 2/);
    expect(text).toContain('Zuletzt geprüft: 14. September 2026');
    expect(text).toContain('Fragen? Rufen Sie uns an');
    expect(text).toContain('Wann Sie sofort Hilfe holen sollten');
    expect(text).not.toMatch(english);
  });
});

describe('labels overridden per project and per clinic', () => {
  let root: string;
  beforeAll(() => {
    root = makeProject();
    copyFileSync(fixture('acupuncture-genou.md'), join(root, 'content/articles/acupuncture-genou.md'));
    writeIn(root, 'content/articles/knaet.md', '---\ntitle: Akupunktur för knät\nlang: sv\n---\n\nArtikelns text.\n');
    writeIn(
      root,
      'handout.config.yaml',
      [
        'labels:',
        '  en: { book: "Scan to book online" }',
        '  fr: { book: "Scannez pour réserver en ligne" }',
        '  sv: { page: "Sida", of: "av" }',
      ].join('\n'),
    );
    const ridgeline = readFileSync(join(root, 'content/clinics/ridgeline-integrative.yaml'), 'utf8');
    writeIn(
      root,
      'content/clinics/ridgeline-integrative.yaml',
      `${ridgeline}\nlabels:\n  en:\n    disclaimer: Ridgeline's own words for the disclaimer.\n    visit: Scan for the Ridgeline site\n`,
    );
  });
  afterAll(() => removeProject(root));

  it("each clinic prints its own wording over the project's, in its own language", async () => {
    const report = await buildProject({
      root,
      articles: ['acupuncture-knee-pain', 'acupuncture-genou', 'knaet'],
      clinics: [],
      jobs: 1,
    });
    expect(report.errors).toEqual([]);
    const read = async (clinic: string, article: string) =>
      textOf(readFileSync(join(report.outDir, clinic, `${article}.pdf`)));
    const harborText = await read('harbor-wellness', 'acupuncture-knee-pain');
    expect(harborText).toContain('Scan to book online');
    expect(harborText).toContain('It does not replace advice from your own doctor');
    const ridgelineText = await read('ridgeline-integrative', 'acupuncture-knee-pain');
    expect(ridgelineText).toContain("Ridgeline's own words for the disclaimer.");
    expect(ridgelineText).not.toContain('It does not replace advice');
    // The clinic changed English only: its French handouts keep the project's and the built-in French.
    expect(await read('harbor-wellness', 'acupuncture-genou')).toContain('Scannez pour réserver en ligne');
    expect(await read('ridgeline-integrative', 'acupuncture-genou')).toContain('Elle ne remplace pas les conseils');

    // Swedish has only two labels from the project: a warning names the rest, in the report and the manifest.
    expect(await read('harbor-wellness', 'knaet')).toMatch(/Sida 1 av 1/);
    const warning = report.warnings.find((w) => w.code === 'labels-missing');
    expect(warning).toMatchObject({ file: join(root, 'content/articles/knaet.md'), line: 3 });
    expect(warning?.message).toMatch(
      /^labels missing for language "sv": reviewed, questions, .* are printed in English$/,
    );
    expect(warning?.message).not.toMatch(/\bpage\b/);
    expect(report.warnings.filter((w) => w.code === 'labels-missing')).toHaveLength(1);
    const manifest = readManifest(join(report.outDir, 'manifest.json'));
    expect(manifest.outputs['harbor-wellness/knaet.pdf']?.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'labels-missing',
        file: 'content/articles/knaet.md',
        line: 3,
        message: warning?.message,
      }),
    );
  });

  it('handout check warns too, and a mistyped label key is an error at its line', async () => {
    // A copy: the clinic with the typo must not reach the build case.
    const copy = copyProject(root);
    writeIn(copy, 'content/clinics/typo.yaml', 'name: Typo Clinic\nlabels:\n  en:\n    bok: Scan me\n');
    const report = await checkProject({ root: copy });
    expect(report.problems).toContainEqual(
      expect.objectContaining({ code: 'labels-missing', severity: 'warning', line: 3 }),
    );
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        code: 'invalid-field',
        file: join(copy, 'content/clinics/typo.yaml'),
        line: 4,
        message: expect.stringContaining('unknown field "labels.en.bok"'),
      }),
    );
  });
});
