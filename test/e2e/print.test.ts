import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { readArticle } from '../../src/content/index.js';
import { type OutputOptions, renderHandout, screenOutput } from '../../src/pipeline.js';
import { cli, cliJson } from '../helpers/cli.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const root = repoRoot;
const knee = readArticle(join(root, 'content/articles/acupuncture-knee-pain.md'));
const spanish = readArticle(join(root, 'content/articles/puncion-seca-cuello.md'));
const harbor = readBrand(join(root, 'content/clinics/harbor-wellness.yaml'));

/** Every stream of a PDF, inflated where it is compressed. */
function streams(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf);
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = raw.indexOf('stream\n', at);
    if (start < 0) break;
    const end = raw.indexOf('\nendstream', start);
    const body = raw.subarray(start + 7, end);
    const dict = raw.subarray(Math.max(0, start - 400), start).toString('latin1');
    try {
      out.push(
        /FlateDecode/.test(dict.slice(dict.lastIndexOf('<<')))
          ? inflateSync(body).toString('latin1')
          : body.toString('latin1'),
      );
    } catch {
      out.push(body.toString('latin1'));
    }
    at = end + 10;
  }
  return out;
}

/** The knee article for Harbor Wellness with the given output options. */
const kneeHandout = (output: Partial<OutputOptions>) =>
  renderHandout({ root, article: knee, brand: harbor, template: 'handout', output: { ...screenOutput, ...output } });

const numbers = (text: string) => text.trim().split(/\s+/).map(Number);
const boxOf = (raw: string, name: string) =>
  numbers((new RegExp(`/${name} \\[([^\\]]+)\\]`).exec(raw) as RegExpExecArray)[1] as string);

describe('PDF/A', () => {
  it('writes PDF/A-2a with PDF/UA identification, an sRGB output intent and only embedded fonts', async () => {
    const { pdf } = await kneeHandout({ pdfa: true });
    const raw = Buffer.from(pdf).toString('latin1');
    const xmp = streams(pdf).find((s) => s.includes('pdfaid')) ?? '';
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    // PDF/A admits the pdfuaid property only with an extension schema describing it.
    const schema = /<rdf:li rdf:parseType="Resource">\s*<pdfaSchema:schema>[\s\S]*?<\/pdfaSchema:property>/.exec(
      xmp,
    )?.[0];
    expect(schema).toContain('<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>');
    expect(schema).toContain('<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>');
    expect(schema).toMatch(/<pdfaProperty:name>part<\/pdfaProperty:name>\s*<pdfaProperty:valueType>Integer</);
    // A CIDSet must list every glyph of the program, composite glyphs' parts included: none is written.
    expect(raw).not.toContain('/CIDSet');
    expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(raw).toMatch(/\/S \/GTS_PDFA1/);
    const fonts = [...raw.matchAll(/\/Type \/Font\s*\n?\/Subtype \/(\w+)/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(0);
    expect(raw).not.toMatch(/\/Subtype \/Type1/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    // Every font program is embedded.
    const descriptors = raw.match(/\/Type \/FontDescriptor/g) ?? [];
    const programs = raw.match(/\/FontFile2? \d+ 0 R/g) ?? [];
    expect(programs.length).toBe(descriptors.length);
  });
});

describe('print-shop output', () => {
  const letterBleed = { bleed: 9 };

  it('sets TrimBox and BleedBox for Letter with a 0.125 in bleed', async () => {
    const { pdf } = await kneeHandout(letterBleed);
    const raw = Buffer.from(pdf).toString('latin1');
    expect(boxOf(raw, 'MediaBox')).toEqual([0, 0, 630, 810]);
    expect(boxOf(raw, 'TrimBox')).toEqual([9, 9, 621, 801]);
    expect(boxOf(raw, 'BleedBox')).toEqual([0, 0, 630, 810]);
  });

  it('extends the header band into the bleed', async () => {
    const { pdf } = await kneeHandout(letterBleed);
    // The band rectangle starts 9 pt left of and above the trim (x = −9 before the 9 pt shift, so 0).
    const page = streams(pdf).find((s) => s.includes(' re') && s.includes('BT')) ?? '';
    expect(page).toMatch(/(^|\n)-9 -9 630 (102\.6|1\d\d(\.\d+)?) re/);
  });

  it('draws crop marks outside the trim box', async () => {
    const { pdf } = await kneeHandout({ ...letterBleed, marks: true });
    const raw = Buffer.from(pdf).toString('latin1');
    const [x1, y1, x2, y2] = boxOf(raw, 'TrimBox') as [number, number, number, number];
    const page = streams(pdf).find((s) => s.includes('0.25 w')) ?? '';
    const marks = page.slice(page.indexOf('0.25 w'));
    const lines = [...marks.matchAll(/([\d.-]+) ([\d.-]+) m\n([\d.-]+) ([\d.-]+) l/g)].map((m) =>
      m.slice(1).map(Number),
    );
    expect(lines).toHaveLength(8);
    const height = boxOf(raw, 'MediaBox')[3] as number;
    for (const [ax, ay, bx, by] of lines as [number, number, number, number][]) {
      // PDFKit writes the top-left coordinates flipped: y in PDF space is height − y.
      for (const [x, y] of [
        [ax, height - ay],
        [bx, height - by],
      ] as [number, number][]) {
        const inside = x > x1 + 0.01 && x < x2 - 0.01 && y > y1 + 0.01 && y < y2 - 0.01;
        expect(inside, `mark point ${x},${y}`).toBe(false);
      }
    }
  });

  it('the on-screen PDF has no trim or bleed box', async () => {
    const { pdf } = await kneeHandout({});
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).not.toMatch(/TrimBox|BleedBox/);
    expect(boxOf(raw, 'MediaBox')).toEqual([0, 0, 612, 792]);
  });

  it('CMYK output paints brand colors in CMYK, text in black only, and no RGB for brand colors', async () => {
    const { pdf, notes } = await renderHandout({
      root,
      article: spanish,
      brand: harbor,
      template: 'handout',
      output: { ...screenOutput, cmyk: true },
    });
    const content = streams(pdf)
      .filter((s) => s.includes('BT'))
      .join('\n');
    // PDFKit sets colors as "/DeviceCMYK cs c m y k scn" or "/DeviceRGB cs r g b scn": no RGB may be left.
    expect(content).toMatch(/\/DeviceCMYK (cs|CS)/);
    expect(content).not.toMatch(/\/DeviceRGB (cs|CS)/);
    expect(content).not.toMatch(/ (rg|RG)\n/);
    // Body text (#1A1A1A) in black ink alone; the brand color by the documented conversion.
    expect(content).toMatch(/\n0 0 0 1 scn\n/);
    expect(content).toMatch(/\n0\.873 0 0\.068 0\.537 scn\n/);
    expect(notes).toContainEqual(
      expect.objectContaining({
        code: 'cmyk-images',
        severity: 'warning',
        message: expect.stringMatching(/left in RGB/),
      }),
    );
  });

  it('uses the exact CMYK a clinic gives for its colors', async () => {
    const project = makeProject({
      'content/clinics/exact.yaml': 'name: Exact\ncolors:\n  primary: "#0F766E"\n  primaryCmyk: [90, 20, 55, 10]\n',
    });
    const brand = readBrand(join(project, 'content/clinics/exact.yaml'));
    const { pdf } = await renderHandout({
      root: project,
      article: knee,
      brand,
      template: 'handout',
      output: { ...screenOutput, cmyk: true },
    });
    expect(streams(pdf).join('\n')).toMatch(/\n0\.9 0\.2 0\.55 0\.1 scn\n/);
    removeProject(project);
  });

  it('the CLI takes --pdfa --bleed --marks --cmyk', async () => {
    const project = makeProject();
    const { json } = await cliJson(
      ['build', '--jobs', '1', '--pdfa', '--bleed', '3mm', '--marks', '--cmyk', '--clinic', 'harbor-wellness'],
      project,
    );
    expect(json.outputs).toHaveLength(2);
    const raw = readFileSync(join(project, 'out/harbor-wellness/acupuncture-knee-pain.pdf'), 'latin1');
    expect(raw).toMatch(/\/TrimBox/);
    expect(raw).toMatch(/\/OutputIntents/);
    removeProject(project);
  });
});

describe('readability gate', () => {
  const hard =
    '---\ntitle: Hard\n---\n\nComprehensive multidisciplinary rehabilitation necessitates individualized physiotherapeutic interventions incorporating progressive neuromuscular reeducation alongside pharmacological considerations.\n';

  it('grades each language by its own formula, named, and says once which languages are not graded', async () => {
    const hardGerman =
      '---\ntitle: Schwer\nlang: de\n---\n\nDie interdisziplinäre Rehabilitationsbehandlung berücksichtigt individualisierte physiotherapeutische Interventionsmaßnahmen einschließlich neuromuskulärer Koordinationsübungen.\n';
    const project = makeProject(
      {
        'content/articles/schwer.md': hardGerman,
        'content/articles/koleno.md': '---\ntitle: Колено\nlang: ru\n---\n\nКолено — большой сустав.\n',
        'content/articles/dau.md': '---\ntitle: Đầu gối\nlang: vi\n---\n\nĐầu gối là một khớp lớn.\n',
        'content/articles/xigai.md': '---\ntitle: 膝蓋\nlang: zh-Hant\n---\n\n膝蓋是一個大關節。\n',
        'handout.config.yaml': 'readability: { maxGrade: 8 }\n',
      },
      { samples: 'short' },
    );
    const { stdout } = await cli(['check'], project);
    expect(stdout).toMatch(
      /schwer\.md:6: warning reading-grade: reading level is about grade 16 \(Amstad reading ease -?[\d.]+\), above the limit of 8/,
    );
    expect(stdout).toMatch(/schwer\.md: Amstad -?\d+(\.\d)? \(about grade 16\); [\d.]+ words per sentence/);
    expect(stdout).toMatch(/xigai\.md: [\d.]+ characters per sentence, 2 sentences/);
    expect(stdout).toMatch(/koleno\.md: [\d.]+ words per sentence/);
    expect(stdout.match(/not graded/g)).toHaveLength(1);
    expect(stdout).toContain('not graded (no published readability formula for ru, vi, zh-Hant)');
    removeProject(project);
  });

  it('warns over the grade by default, fails with --strict, and reports every article', async () => {
    const project = makeProject({
      'content/articles/hard.md': hard,
      'handout.config.yaml': 'readability: { maxGrade: 8 }\n',
    });
    const warn = await cli(['check'], project);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(
      /content\/articles\/hard\.md:5: warning reading-grade: reading level is Flesch–Kincaid grade \d+(\.\d)?, above the limit of 8/,
    );
    expect(warn.stdout).toMatch(/acupuncture-knee-pain\.md: Flesch–Kincaid grade \d/);
    expect(warn.stdout).toMatch(/puncion-seca-cuello\.md: Fernández-Huerta \d/);
    const strict = await cli(['check', '--strict'], project);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/hard\.md:5: error reading-grade/);
    removeProject(project);
  });

  it('--print warns about low-resolution logos, hairlines and small text', async () => {
    const project = makeProject({
      'templates/tiny/layout.hbs':
        '<document><style name="body" size="8pt"/><body><p>{{article.title}}</p><rule thickness="0.1pt"/><image src="content/clinics/harbor-logo.png" alt="Logo" width="3in"/></body></document>',
    });
    const r = await cli(['check', '--print', '--template', 'tiny', '--clinic', 'harbor-wellness'], project);
    expect(r.stdout).toMatch(
      /warning print-resolution: harbor-wellness\/acupuncture-knee-pain-tiny\.pdf: harbor-logo\.png prints at 160 dpi/,
    );
    expect(r.stdout).toMatch(/warning print-hairline: .*a line 0\.10 pt thin/);
    expect(r.stdout).toMatch(/warning print-small-text: .*text at 8 pt/);
    removeProject(project);
  });
});
