import { createHash } from 'node:crypto';
import type { ManifestData, ManifestEntry } from '../src/batch/manifest.js';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** What the built-in handout template reads besides the article and the clinic (as a real build records it). */
const templateInputs = [
  ...['Bold', 'BoldItalic', 'Italic', 'Regular'].map(
    (style) => `handout-press:fonts/atkinson-hyperlegible/AtkinsonHyperlegible-${style}.ttf`,
  ),
  'handout-press:fonts/dejavu/DejaVuSans-Bold.ttf',
  'handout-press:fonts/dejavu/DejaVuSans.ttf',
  'handout-press:templates/_shared/*.hbs',
  ...['alert-box', 'block', 'callout-box', 'contact', 'notes', 'single-column', 'table'].map(
    (name) => `handout-press:templates/_shared/${name}.hbs`,
  ),
  'handout-press:templates/handout/*.hbs',
  'handout-press:templates/handout/layout.hbs',
  'handout-press:templates/handout/styles.hbs',
  'templates/handout/layout.hbs',
];

/**
 * A manifest as a build of `clinics` × `articles` handouts leaves it, made in memory (no PDFs): realistic ids,
 * the inputs a real build records, a fit note for every tenth article and a Spanish translation of every fifth.
 */
export function syntheticManifest(clinics: number, articles: number): ManifestData {
  const outputs: Record<string, ManifestEntry> = {};
  const shared = Object.fromEntries(
    templateInputs.map((name) => [name, name.startsWith('templates/') ? 'absent' : hash(name)]),
  );
  const clinicId = (c: number) => `clinic-${String(c).padStart(4, '0')}-family-wellness`;
  const articleId = (a: number) => `article-${String(a).padStart(4, '0')}-knee-pain-relief`;
  for (let c = 0; c < clinics; c++) {
    for (let a = 0; a < articles; a++) {
      const article = articleId(a);
      const clinic = clinicId(c);
      const spanish = a % 5 === 1;
      const translation = spanish ? articleId(a - 1) : a % 5 === 0 ? articleId(a + 1) : null;
      const inputs: Record<string, string> = {
        [`content/articles/${article}.md`]: hash(article),
        [`content/clinics/${clinic}.yaml`]: hash(clinic),
        [`content/clinics/${clinic}-logo.png`]: hash(`${clinic} logo`),
      };
      Object.assign(inputs, shared);
      const output = `${clinic}/${article}.pdf`;
      outputs[output] = {
        article,
        clinic,
        template: 'handout',
        inputs,
        inputHash: hash(`${output} inputs`),
        sha256: hash(`${output} bytes`),
        pages: 2,
        bytes: 70_000 + a,
        diagnostics:
          a % 10 === 0
            ? [
                {
                  code: 'fit-size',
                  severity: 'note',
                  message:
                    'fit: pages kept the body text at 13.5 pt and set its line spacing to 96% so the handout has 2 pages',
                  file: `content/articles/${article}.md`,
                  article,
                  clinic,
                  template: 'handout',
                  output,
                },
              ]
            : [],
        lang: spanish ? 'es' : 'en',
        translations: translation
          ? [{ article: translation, lang: spanish ? 'en' : 'es', output: `${clinic}/${translation}.pdf` }]
          : [],
      };
    }
  }
  return { outputs, readability: {} };
}
