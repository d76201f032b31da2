import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../src/batch/manifest.js';
import { cli, cliJson } from '../helpers/cli.js';
import { pageTexts } from '../helpers/pdf.js';
import { makeProject, removeProject } from '../helpers/project.js';

async function pdfText(path: string) {
  const pages = await pageTexts(readFileSync(path));
  return { pages, total: pages.length, text: pages.join('\n') };
}

/** Every heading and paragraph of the sample article, as the order they must appear in. */
function articleTextsInOrder(markdown: string): string[] {
  const body = markdown.split('\n---\n')[1] ?? '';
  return body
    .split('\n')
    .filter((line) => /^(## |[A-Z])/.test(line))
    .map((line) => line.replace(/^## /, '').replace(/\*\*/g, '').split(' ').slice(0, 5).join(' '));
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('handout build (samples)', () => {
  let root: string;
  let result: Awaited<ReturnType<typeof cliJson>>;

  beforeAll(async () => {
    root = makeProject();
    result = await cliJson(['build'], root);
  });
  afterAll(() => removeProject(root));

  it('builds one PDF per article × clinic and reports them as JSON', () => {
    expect(result.code).toBe(0);
    const report = result.json;
    expect(report).toMatchObject({ command: 'build', ok: true, exitCode: 0, upToDate: 0, failed: 0, outDir: 'out' });
    expect(report.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    expect(report.outputs.map((o: { clinic: string; article: string }) => `${o.clinic}/${o.article}`).sort()).toEqual([
      'harbor-wellness/acupuncture-knee-pain',
      'harbor-wellness/puncion-seca-cuello',
      'ridgeline-integrative/acupuncture-knee-pain',
      'ridgeline-integrative/puncion-seca-cuello',
    ]);
    for (const output of report.outputs) {
      expect(output).toMatchObject({ template: 'handout' });
      expect(output.path).toBe(`out/${output.clinic}/${output.article}.pdf`);
      expect(output.bytes).toBe(readFileSync(join(root, output.path)).length);
    }
  });

  it('prints every heading and paragraph in reading order, with the clinic and page numbers', async () => {
    const markdown = readFileSync(join(root, 'content/articles/acupuncture-knee-pain.md'), 'utf8');
    const { text, total, pages } = await pdfText(join(root, 'out/harbor-wellness/acupuncture-knee-pain.pdf'));
    const flat = squash(text);
    let from = 0;
    for (const start of articleTextsInOrder(markdown)) {
      const at = flat.indexOf(start, from);
      expect(at, `"${start}" after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at;
    }
    expect(flat).toContain('Harbor Wellness Acupuncture');
    expect(flat).toContain('(207) 555-0142');
    expect(total).toBeGreaterThanOrEqual(3);
    expect(total).toBeLessThanOrEqual(6);
    pages.forEach((page, index) => {
      expect(squash(page)).toContain(`Page ${index + 1} of ${total}`);
    });
    expect(text).not.toContain('\u0000');
  });

  it('uses the A4 page and SVG logo of the second clinic', async () => {
    const bytes = readFileSync(join(root, 'out/ridgeline-integrative/acupuncture-knee-pain.pdf'));
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const { text } = await pdfText(join(root, 'out/ridgeline-integrative/acupuncture-knee-pain.pdf'));
    expect(squash(text)).toContain('(541) 555-0187');
  });

  it('writes the same bytes on a second build', async () => {
    const first = readFileSync(join(root, 'out/harbor-wellness/acupuncture-knee-pain.pdf'));
    await cli(['build', '--quiet', '--force', '--clinic', 'harbor-wellness', '--jobs', '1'], root);
    expect(readFileSync(join(root, 'out/harbor-wellness/acupuncture-knee-pain.pdf')).equals(first)).toBe(true);
  });
});

describe('handout build (bad input)', () => {
  const second = '---\ntitle: Dry needling for neck tension\n---\n\nA short second article.\n';

  async function buildWith(files: Record<string, string>, args: string[] = []) {
    const root = makeProject({ 'content/articles/dry-needling.md': second, ...files }, { samples: 'short' });
    const result = await cli(['build', '--jobs', '1', ...args], root);
    const built = existsSync(join(root, 'out'))
      ? readdirSync(join(root, 'out'), { recursive: true })
          .map(String)
          .filter((f) => f.endsWith('.pdf'))
          .sort()
      : [];
    const leftovers = existsSync(join(root, 'out'))
      ? readdirSync(join(root, 'out'), { recursive: true })
          .map(String)
          .filter((f) => f.endsWith('.tmp'))
      : [];
    removeProject(root);
    return { ...result, built, leftovers };
  }

  it('missing title: names file and line, builds the rest, exits 1', async () => {
    const r = await buildWith({ 'content/articles/dry-needling.md': '---\nsubtitle: no title\n---\n\nBody.\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /content\/articles\/dry-needling\.md:2:1: error invalid-field: front matter: "title" is required/,
    );
    expect(r.stderr).toMatch(/hint: /);
    expect(r.built).toEqual([
      'harbor-wellness/acupuncture-knee-pain.pdf',
      'harbor-wellness/puncion-seca-cuello.pdf',
      'ridgeline-integrative/acupuncture-knee-pain.pdf',
      'ridgeline-integrative/puncion-seca-cuello.pdf',
    ]);
    expect(r.leftovers).toEqual([]);
  });

  it('unreadable YAML in a clinic file', async () => {
    const r = await buildWith({ 'content/clinics/broken.yaml': 'name: Broken\ncolors: { primary: "#000"\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/content\/clinics\/broken\.yaml:\d+:\d+: error yaml-syntax/);
    expect(r.built).toHaveLength(6);
  });

  it('unknown clinic or article id', async () => {
    const clinic = await buildWith({}, ['--clinic', 'nowhere']);
    expect(clinic.code).toBe(1);
    expect(clinic.stderr).toMatch(/no clinic with id "nowhere"/);
    expect(clinic.stderr).toMatch(/Known clinics: harbor-wellness, ridgeline-integrative/);
    const article = await buildWith({}, ['--article', 'nothing', '--article', 'dry-needling']);
    expect(article.code).toBe(1);
    expect(article.stderr).toMatch(/no article with id "nothing"/);
    expect(article.built).toEqual(['harbor-wellness/dry-needling.pdf', 'ridgeline-integrative/dry-needling.pdf']);
  });

  it('missing logo: names the clinic file and the logo line', async () => {
    const r = await buildWith({ 'content/clinics/nologo.yaml': 'name: No Logo Clinic\nlogo: missing.png\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/content\/clinics\/nologo\.yaml:2: error image-missing: logo not found/);
    expect(r.built.filter((f) => f.startsWith('nologo'))).toEqual([]);
    expect(r.built).toHaveLength(6);
  });

  it('unknown layout element in a project template', async () => {
    const r = await buildWith(
      {
        'templates/custom/layout.hbs':
          '<document>\n<body>\n<p>{{article.title}}</p>\n<marquee>hi</marquee>\n</body>\n</document>\n',
      },
      ['--template', 'custom'],
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/templates\/custom\/layout\.hbs:4:1: error spec-invalid: unknown element <marquee>\n/);
    expect(r.built).toEqual([]);
  });

  it('a template typo names the template file, line and column', async () => {
    const r = await buildWith(
      { 'templates/custom/layout.hbs': '<document>\n<body>\n<p>{{article.titel}}</p>\n</body>\n</document>\n' },
      ['--template', 'custom'],
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /templates\/custom\/layout\.hbs:3:6: error template-variable: template uses "article\.titel"/,
    );
    // One template mistake is reported once, not once per handout.
    expect(r.stderr.match(/template-variable/g)).toHaveLength(1);
  });

  it('usage errors exit 2', async () => {
    const r = await buildWith({}, ['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown argument: --frobnicate/);
    expect(r.built).toEqual([]);
  });

  it('a failed handout never leaves a PDF behind, and --json lists the error', async () => {
    const root = makeProject({ 'content/articles/bad.md': '---\ntitle: [\n---\n' }, { samples: 'short' });
    const r = await cliJson(['build', '--jobs', '1'], root);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ ok: false, exitCode: 1, failed: 2 });
    expect(r.json.diagnostics[0]).toEqual({
      severity: 'error',
      code: 'yaml-syntax',
      message: expect.stringMatching(/front matter/),
      file: 'content/articles/bad.md',
      line: 2,
      column: 9,
      hint: expect.any(String),
      clinic: null,
      article: null,
      template: null,
      output: null,
      group: 0,
      earlier: false,
    });
    expect(existsSync(join(root, 'out/harbor-wellness/bad.pdf'))).toBe(false);
    removeProject(root);
  });
});

describe('handout build (images and links)', () => {
  it('embeds an article image and makes links clickable', async () => {
    const root = makeProject({
      'content/articles/with-image.md':
        '---\ntitle: Pictures\n---\n\nSee [our site](https://example.org/knees).\n\n![A wave logo](../clinics/harbor-logo.png "The logo")\n',
    });
    const r = await cli(['build', '--article', 'with-image', '--clinic', 'harbor-wellness', '--jobs', '1'], root);
    expect(r.code).toBe(0);
    const pdf = readFileSync(join(root, 'out/harbor-wellness/with-image.pdf')).toString('latin1');
    expect(pdf).toContain('/URI (https://example.org/knees)');
    expect(pdf.match(/\/Subtype \/Image/g)?.length).toBeGreaterThanOrEqual(2);
    expect(squash((await pdfText(join(root, 'out/harbor-wellness/with-image.pdf'))).text)).toContain('The logo');
    removeProject(root);
  });
});

describe('library', () => {
  it('buildHandout builds in memory exactly what the CLI builds, with the project config', async () => {
    const root = makeProject({
      'handout.config.yaml': 'pdfa: true\nclinics:\n  harbor-wellness: { page: A4 }\n',
    });
    const { buildHandout } = await import('../../src/index.js');
    const built = await buildHandout({ root, article: 'acupuncture-knee-pain', clinic: 'harbor-wellness' });
    expect(built).toMatchObject({ output: 'harbor-wellness/acupuncture-knee-pain.pdf', pages: expect.any(Number) });
    const pdf = Buffer.from(built.pdf);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdf.toString('latin1')).toContain('pdfaid:part');
    const r = await cli(
      [
        'build',
        '--article',
        'acupuncture-knee-pain',
        '--clinic',
        'harbor-wellness',
        '--template',
        'handout',
        '--jobs',
        '1',
      ],
      root,
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, 'out', built.output)).equals(pdf)).toBe(true);
    const manifest = readManifest(join(root, 'out/manifest.json'));
    expect(manifest.outputs[built.output]).toMatchObject({ inputHash: built.inputHash, inputs: built.inputs });
    writeFileSync(join(root, 'x.pdf'), pdf);
    expect((await pdfText(join(root, 'x.pdf'))).text).toContain('Acupuncture for knee pain');
    removeProject(root);
  });

  it('buildHandout goes through the same confinement: a path out of the project is refused, never read', async () => {
    const root = makeProject();
    const { buildHandout } = await import('../../src/index.js');
    await expect(
      buildHandout({ root, article: '../../../etc/passwd', clinic: 'harbor-wellness' }),
    ).rejects.toMatchObject({
      code: 'path-outside',
      message: expect.stringMatching(/not a file of the project's articles folder/),
    });
    await expect(buildHandout({ root, article: 'nope', clinic: 'harbor-wellness' })).rejects.toMatchObject({
      code: 'unknown-article',
    });
    const byPath = await buildHandout({
      root,
      article: 'content/articles/puncion-seca-cuello.md',
      clinic: 'harbor-wellness',
    });
    expect(byPath.output).toBe('harbor-wellness/puncion-seca-cuello.pdf');
    removeProject(root);
  });
});
