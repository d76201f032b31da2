import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildHandout, buildProject, readManifest } from '../../src/index.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const dejavu = join(repoRoot, 'fonts/dejavu/DejaVuSans.ttf');
const atkinson = join(repoRoot, 'fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A project whose one template draws its body in fonts/brand/Brand.ttf, a file the tests replace. */
const root = makeProject({
  'handout.config.yaml': 'builds:\n  - template: brand\n    articles: [acupuncture-knee-pain]\n',
  'templates/brand/layout.hbs': [
    '<document size="{{clinic.page}}" title="{{article.title}}" lang="{{article.lang}}" fallback="DejaVu Sans">',
    '  <font name="Brand" regular="brand/Brand.ttf"/>',
    '  <style name="body" font="Brand" size="11pt"/>',
    ...['item', 'quote', 'caption', 'alert-title', 'callout-title'].map((n) => `  <style name="${n}" extends="body"/>`),
    '  <body>',
    '    <h level="1">{{article.title}}</h>',
    '    {{#each article.blocks}}{{> block pstyle="body"}}{{/each}}',
    '  </body>',
    '</document>',
  ].join('\n'),
  'fonts/brand/Brand.ttf': readFileSync(dejavu),
});
afterAll(() => removeProject(root));
const brandFont = join(root, 'fonts/brand/Brand.ttf');

/** The PostScript names of the fonts a PDF embeds (its /BaseFont entries lie outside compressed streams). */
function embeddedFonts(pdf: Uint8Array): string[] {
  const names = Buffer.from(pdf)
    .toString('latin1')
    .matchAll(/\/BaseFont \/[A-Z]{6}\+([^\s/>]+)/g);
  return [...new Set([...names].map((m) => m[1] as string))].sort();
}

describe('a font file replaced between two builds in one process', () => {
  it('buildProject embeds the new font, records its hash, and does not count the old PDF as up to date', async () => {
    copyFileSync(dejavu, brandFont);
    const out = join(root, 'out');
    const first = await buildProject({ root, out, articles: [], clinics: [], jobs: 1 });
    expect(first.errors).toEqual([]);
    const pdf = join(out, 'harbor-wellness/acupuncture-knee-pain-brand.pdf');
    expect(embeddedFonts(readFileSync(pdf))).toEqual(['DejaVuSans']);

    copyFileSync(atkinson, brandFont);
    const second = await buildProject({ root, out, articles: [], clinics: [], jobs: 1 });
    expect(second.errors).toEqual([]);
    expect(second.results.map((o) => o.status)).toEqual(['built', 'built']);
    expect(embeddedFonts(readFileSync(pdf))).toContain('AtkinsonHyperlegible-Regular');
    expect(embeddedFonts(readFileSync(pdf))).not.toContain('DejaVuSans-Bold');
    const entry = readManifest(join(out, 'manifest.json')).outputs['harbor-wellness/acupuncture-knee-pain-brand.pdf'];
    expect(entry?.inputs['fonts/brand/Brand.ttf']).toBe(sha256(atkinson));
  });

  it('buildHandout draws with the new font, and with the old one again when it comes back', async () => {
    const build = () =>
      buildHandout({ root, article: 'acupuncture-knee-pain', clinic: 'harbor-wellness', template: 'brand' });
    copyFileSync(atkinson, brandFont);
    const withAtkinson = await build();
    copyFileSync(dejavu, brandFont);
    const withDejaVu = await build();
    copyFileSync(atkinson, brandFont);
    const again = await build();
    expect(embeddedFonts(withAtkinson.pdf)).toContain('AtkinsonHyperlegible-Regular');
    expect(embeddedFonts(withDejaVu.pdf)).toEqual(['DejaVuSans']);
    expect(withDejaVu.inputs['fonts/brand/Brand.ttf']).toBe(sha256(dejavu));
    // A font seen before is known by its content: the same bytes give the same PDF.
    expect(Buffer.from(again.pdf).equals(Buffer.from(withAtkinson.pdf))).toBe(true);
  });
});
