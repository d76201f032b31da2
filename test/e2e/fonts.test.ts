import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { readArticle } from '../../src/content/index.js';
import { renderHandout } from '../../src/pipeline.js';
import { cli, cliJson } from '../helpers/cli.js';
import { pageTexts } from '../helpers/pdf.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

/**
 * A system font by family, as fontconfig finds it (Debian's fonts-droid-fallback, installed by .ci/run); null
 * without fontconfig or the font, and the cases that need it are skipped: `npm test` needs no system package.
 */
function systemFont(family: string): string | null {
  try {
    const files = execFileSync('fc-list', ['-f', '%{file}\n', `:family=${family}`], { encoding: 'utf8' });
    return files.split('\n').find((f) => /\.ttf$/i.test(f)) ?? null;
  } catch {
    return null;
  }
}
const droid = systemFont('Droid Sans Fallback');
if (!droid)
  console.warn(
    "fonts.test: Debian's fonts-droid-fallback is not installed: its cases are skipped (.ci/run installs it)",
  );

const chinese = [
  '---',
  'title: 針灸與膝蓋疼痛',
  'lang: zh-Hant',
  'reviewed: 2026-09-14',
  '---',
  '',
  '## 為什麼膝蓋會痛',
  '',
  '您的膝蓋是一個大關節，每次您站立、走路或爬樓梯時都承受著您的體重。',
  '',
  '治療師會將非常細的針插入您身體的特定穴位。',
  '',
].join('\n');

const builtIn = (name: string) => readFileSync(join(repoRoot, 'fonts', name));

/** A copy of a font with OS/2 fsType set: 0x0002 is "restricted licence embedding". */
function withFsType(bytes: Buffer, fsType: number): Buffer {
  const copy = Buffer.from(bytes);
  const tables = copy.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const at = 12 + i * 16;
    if (copy.toString('latin1', at, at + 4) === 'OS/2') {
      copy.writeUInt16BE(fsType, copy.readUInt32BE(at + 8) + 8);
      return copy;
    }
  }
  throw new Error('no OS/2 table');
}

describe('project fonts: a Chinese article builds once a font that covers it is in fonts/', () => {
  let root: string;
  beforeAll(() => {
    root = makeProject({
      'content/articles/zhen-jiu.md': chinese,
      'handout.config.yaml':
        'builds:\n  - template: handout\n    articles: [zhen-jiu]\n    clinics: [harbor-wellness]\n',
    });
  });
  afterAll(() => removeProject(root));

  it('without one: a single error naming the script, the count, the first line and the remedy', async () => {
    const { code, json } = await cliJson(['build'], root);
    expect(code).toBe(1);
    const glyphs = json.diagnostics.filter((d: { code: string }) => d.code === 'glyph-missing');
    expect(glyphs).toHaveLength(1);
    expect(glyphs[0]).toMatchObject({
      file: 'content/articles/zhen-jiu.md',
      line: 2,
      output: 'harbor-wellness/zhen-jiu.pdf',
      // The article's characters and its Chinese labels' (the closing block, the page footer).
      message: expect.stringMatching(/^no font covers Han \(Traditional Chinese\): \d+ characters, first at line 2/),
      hint: expect.stringMatching(/fonts\/ folder, e\.g\. Noto Sans CJK TC from Debian's fonts-noto-cjk/),
    });
  });

  it.skipIf(!droid)(
    'with one in fonts/: every template falls back to it; the text layer holds the Chinese',
    async () => {
      mkdirSync(join(root, 'fonts'), { recursive: true });
      copyFileSync(droid as string, join(root, 'fonts', 'Fallback.ttf'));
      const { code, stdout, stderr } = await cli(['build'], root);
      expect(code, stdout + stderr).toBe(0);
      const pdf = readFileSync(join(root, 'out', 'harbor-wellness', 'zhen-jiu.pdf'));
      expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DroidSansFallback/);
      const text = (await pageTexts(pdf)).join('').replace(/\s+/g, '');
      expect(text).toContain('針灸與膝蓋疼痛');
      expect(text).toContain('您的膝蓋是一個大關節，每次您站立、走路或爬樓梯時都承受著您的體重。');
    },
  );

  // Follows the case above, which puts the font in fonts/.
  it.skipIf(!droid)('a font added to fonts/ later makes the built handouts out of date', async () => {
    expect((await cli(['build'], root)).stdout).toMatch(/0 to build, 1 up to date/);
    copyFileSync(join(repoRoot, 'fonts', 'dejavu', 'DejaVuSans.ttf'), join(root, 'fonts', 'Extra.ttf'));
    expect((await cli(['build'], root)).stdout).toMatch(/1 to build, 0 up to date/);
  });

  // Follows the case above, which puts the font in fonts/.
  it.skipIf(!droid)(
    'handout fonts lists the project, clinic and built-in fonts with the scripts each covers',
    async () => {
      const { code, json } = await cliJson(['fonts'], root);
      expect(code).toBe(0);
      expect(json).toMatchObject({ command: 'fonts', ok: true, exitCode: 0, diagnostics: [] });
      expect(json.fonts).toContainEqual(
        expect.objectContaining({
          family: 'Droid Sans Fallback',
          style: 'Regular',
          format: 'TrueType',
          file: 'fonts/Fallback.ttf',
          source: 'project',
          scripts: expect.arrayContaining(['Han']),
        }),
      );
      expect(json.fonts).toContainEqual(
        expect.objectContaining({
          family: 'DejaVu Sans',
          // The tool's own files are given whole, as everywhere in the CLI's output.
          file: join(repoRoot, 'fonts', 'dejavu', 'DejaVuSans.ttf'),
          source: 'built-in',
          scripts: expect.arrayContaining(['Latin', 'Cyrillic', 'Hebrew']),
        }),
      );
      const text = await cli(['fonts'], root);
      expect(text.stdout).toMatch(
        /^Droid Sans Fallback \(project\)\n {2}Regular {2}TrueType {2}fonts\/Fallback\.ttf {2}.*Han/m,
      );
    },
  );
});

describe('brand fonts per clinic', () => {
  let root: string;
  beforeAll(() => {
    root = makeProject({
      'content/clinics/brand/Body.ttf': builtIn('dejavu/DejaVuSans.ttf'),
      'content/clinics/brand/Body-Bold.ttf': builtIn('dejavu/DejaVuSans-Bold.ttf'),
      'content/clinics/brand/Locked.ttf': withFsType(builtIn('dejavu/DejaVuSans.ttf'), 0x0002),
      'content/clinics/brand/PreviewOnly.ttf': withFsType(builtIn('dejavu/DejaVuSans.ttf'), 0x0006),
    });
  });
  afterAll(() => removeProject(root));

  const clinic = (name: string, fonts: string) => {
    const file = join(root, 'content', 'clinics', `${name}.yaml`);
    writeFileSync(file, `name: ${name}\ncolors:\n  primary: "#0F766E"\n${fonts}`);
    return file;
  };

  it("the built-in templates draw a clinic's body and heading fonts, the other clinics keep theirs", async () => {
    const own = readBrand(
      clinic('own', 'fonts:\n  body: { regular: brand/Body.ttf, bold: brand/Body-Bold.ttf }\n'),
      root,
    );
    expect(own.fonts.body).toMatchObject({ name: 'DejaVu Sans' });
    const long = readArticle(join(root, 'content', 'articles', 'acupuncture-knee-pain.md'));
    const short = readArticle(join(root, 'content', 'articles', 'puncion-seca-cuello.md'));
    for (const template of ['handout', 'large-print', 'two-column', 'trifold']) {
      // The sample project folds only the short article into a brochure: the long one does not fit one.
      const article = template === 'trifold' ? short : long;
      const { pdf } = await renderHandout({ root, article, brand: own, template });
      const raw = Buffer.from(pdf).toString('latin1');
      expect(raw, template).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
      expect(raw, template).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold/);
      expect(raw, template).not.toMatch(/AtkinsonHyperlegible/);
    }
    const other = readBrand(join(root, 'content', 'clinics', 'harbor-wellness.yaml'), root);
    const { pdf } = await renderHandout({ root, article: long, brand: other, template: 'handout' });
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/AtkinsonHyperlegible/);
  });

  it('a heading font is used for titles only', async () => {
    const brand = readBrand(clinic('headed', 'fonts:\n  heading: brand/Body-Bold.ttf\n'), root);
    const article = readArticle(join(root, 'content', 'articles', 'acupuncture-knee-pain.md'));
    const raw = Buffer.from((await renderHandout({ root, article, brand, template: 'handout' })).pdf).toString(
      'latin1',
    );
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+AtkinsonHyperlegible-Regular/);
  });

  it('refuses a font whose licence forbids embedding, at the line of the clinic file that names it', () => {
    const file = clinic('locked', 'fonts:\n  body: brand/Locked.ttf\n');
    expect(() => readBrand(file, root)).toThrow(
      expect.objectContaining({
        code: 'font-restricted',
        file,
        line: 5,
        message: expect.stringContaining('Locked.ttf'),
      }),
    );
    // "Preview & print" beside the restricted bit allows embedding.
    expect(readBrand(clinic('preview', 'fonts:\n  body: brand/PreviewOnly.ttf\n'), root).fonts.body).not.toBeNull();
  });

  it.skipIf(!droid)(
    'checks glyph coverage per clinic and article: only the clinic without a font for the script fails',
    async () => {
      copyFileSync(droid as string, join(root, 'content/clinics/brand/Han.ttf'));
      clinic('han', 'fonts:\n  body: brand/Han.ttf\n');
      writeFileSync(join(root, 'content/articles/zhen-jiu.md'), chinese);
      writeFileSync(
        join(root, 'handout.config.yaml'),
        'builds:\n  - template: handout\n    articles: [zhen-jiu, acupuncture-knee-pain]\n    clinics: [han, harbor-wellness]\n',
      );
      const { json } = await cliJson(['build'], root);
      const missing = json.diagnostics.filter((d: { code: string }) => d.code === 'glyph-missing');
      expect(missing.map((d: { output: string }) => d.output)).toEqual(['harbor-wellness/zhen-jiu.pdf']);
      expect(json.outputs.map((o: { path: string }) => o.path).sort()).toEqual([
        'out/han/acupuncture-knee-pain.pdf',
        'out/han/zhen-jiu.pdf',
        'out/harbor-wellness/acupuncture-knee-pain.pdf',
      ]);
    },
  );

  it('names the script and the Debian font for scripts beyond Han', async () => {
    writeFileSync(
      join(root, 'content/articles/thai.md'),
      '---\ntitle: Thai\nlang: en\nreviewed: 2026-09-14\n---\n\nFine text.\n\nSay ภาษา and ไทย.\n',
    );
    writeFileSync(join(root, 'handout.config.yaml'), 'builds:\n  - template: handout\n    articles: [thai]\n');
    const { json } = await cliJson(['build'], root);
    const missing = json.diagnostics.filter((d: { code: string }) => d.code === 'glyph-missing');
    expect(missing.length).toBeGreaterThan(0);
    for (const d of missing) {
      expect(d).toMatchObject({ file: 'content/articles/thai.md', line: 9 });
      expect(d.message).toMatch(/^no font covers Thai: 6 characters, first at line 9/);
      expect(d.hint).toMatch(/Noto Sans Thai from Debian's fonts-noto-core/);
    }
  });
});

describe('handout fonts in the tool’s own repository', () => {
  it('lists the fonts/ folder that is the tool’s own once, as built-in', async () => {
    const { json } = await cliJson(['fonts'], repoRoot);
    const sources = new Set(json.fonts.map((f: { source: string }) => f.source));
    expect(sources).toEqual(new Set(['built-in']));
    const files = json.fonts.map((f: { file: string }) => f.file);
    expect(files.length).toBe(new Set(files).size);
  });
});
