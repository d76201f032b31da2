import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cli, cliJson } from '../helpers/cli.js';
import { pageTexts } from '../helpers/pdf.js';
import { makeProject, removeProject, repoRoot, writeIn } from '../helpers/project.js';

const pdfs = (root: string) =>
  existsSync(join(root, 'out'))
    ? readdirSync(join(root, 'out'), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.pdf'))
    : [];

describe('handout check', () => {
  it('lists every mistake of a project at once, each with its file and line', async () => {
    const root = makeProject({
      'content/articles/no-title.md': '---\nsubtitle: Missing its title\n---\n\nText.\n',
      'content/articles/raw-html.md':
        '---\ntitle: Raw HTML\n---\n\nFine.\n\n<div>not Markdown</div>\n\nA private glyph \uE000 and <b>bold</b>.\n',
      'content/articles/odd-glyph.md': '---\ntitle: Odd glyph\n---\n\nA private glyph \uE000 here.\n',
      'content/clinics/bad-color.yaml': 'name: Bad Color Clinic\ncolors:\n  primary: teal\n',
      'content/clinics/no-logo.yaml': 'name: No Logo Clinic\nlogo: missing.png\n',
      'templates/typo/layout.hbs': '<document>\n<body>\n<p>{{article.titel}}</p>\n</body>\n</document>\n',
      'templates/blink/layout.hbs': '<document>\n<body>\n<blink>{{article.title}}</blink>\n</body>\n</document>\n',
      'fonts/broken.ttf': 'not a font',
      'handout.config.yaml': [
        'builds:',
        '  - template: handout',
        '  - template: typo',
        '    articles: [acupuncture-knee-pain]',
        '  - template: blink',
        '    articles: [acupuncture-knee-pain]',
        '  - template: handout',
        '    clinics: [nowhere]',
        '    output: "{clinic}/{article}-again.pdf"',
      ].join('\n'),
    });
    const r = await cli(['check'], root);
    expect(r.code).toBe(1);
    const expected = [
      /content\/articles\/no-title\.md:2:1: error invalid-field: front matter: "title" is required/,
      /content\/articles\/odd-glyph\.md:5: error glyph-missing: no font has the character "\uE000" \(U\+E000\)/,
      /content\/articles\/raw-html\.md:7:1: error raw-html: HTML block <div>not Markdown<\/div> is not allowed/,
      // Block HTML does not hide the article's other problems: a missing glyph, inline HTML.
      /content\/articles\/raw-html\.md:9: error glyph-missing/,
      /content\/articles\/raw-html\.md:9:23: error raw-html: inline HTML <b> is not allowed/,
      /content\/clinics\/bad-color\.yaml:3:12: error invalid-field: clinic: "colors\.primary" must be a hex color/,
      /content\/clinics\/no-logo\.yaml:2: error image-missing: logo not found/,
      /fonts\/broken\.ttf: error font-invalid: cannot load font/,
      /handout\.config\.yaml:8: error unknown-clinic: no clinic with id "nowhere"/,
      /templates\/blink\/layout\.hbs:3:1: error spec-invalid: unknown element <blink>\n/,
      /templates\/typo\/layout\.hbs:3:6: error template-variable: template uses "article\.titel"/,
    ];
    for (const pattern of expected) expect(r.stdout).toMatch(pattern);
    expect(r.stdout).toMatch(/hint: /);
    expect(r.stdout).toMatch(/: \d+ errors/);
    expect(pdfs(root)).toEqual([]);
    const { json } = await cliJson(['check'], root);
    expect(json).toMatchObject({ command: 'check', ok: false, exitCode: 1 });
    expect(json.errors).toBeGreaterThanOrEqual(expected.length);
    expect(json.diagnostics[0]).toMatchObject({ file: 'content/articles/no-title.md', line: 2, severity: 'error' });
    // Each diagnostic of a handout says which one: clinic, article and template.
    expect(json.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'glyph-missing',
        file: 'content/articles/odd-glyph.md',
        line: 5,
        article: 'odd-glyph',
        template: 'handout',
      }),
    );
    removeProject(root);
  });

  it('passes the sample project', async () => {
    const r = await cli(['check'], repoRoot);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 errors/);
  });
});

describe('hardening: each bad input gets its error and no PDF', () => {
  const article = '---\ntitle: Hardening\n---\n\nText.\n';

  async function buildWith(files: Record<string, string | Buffer>, extra?: (root: string) => void) {
    const root = makeProject({ 'content/articles/hard.md': article, ...files }, { samples: false });
    writeIn(root, 'content/clinics/ok.yaml', 'name: OK Clinic\n');
    extra?.(root);
    const r = await cli(['build', '--jobs', '1'], root);
    const built = pdfs(root);
    removeProject(root);
    return { ...r, built };
  }

  it.each([
    [
      'a logo path that climbs out of the project',
      // Enough steps to reach the file system's root from wherever the project is (a step above the root stays there).
      { 'content/clinics/x.yaml': `name: X\nlogo: ${'../'.repeat(40)}etc/passwd\n` },
      /x\.yaml:2: error path-outside: logo is outside the project/,
    ],
    [
      'an absolute logo path',
      { 'content/clinics/x.yaml': 'name: X\nlogo: /etc/hostname\n' },
      /x\.yaml:2: error path-outside/,
    ],
    [
      'an article image outside the project',
      { 'content/articles/img.md': '---\ntitle: I\n---\n\n![x](../../../outside.png)\n' },
      /img\.md:5:1: error path-outside: image \.\.\/\.\.\/\.\.\/outside\.png is outside the project/,
    ],
    [
      'a remote article image',
      { 'content/articles/img.md': '---\ntitle: I\n---\n\n![x](https://example.com/x.png)\n' },
      /img\.md:5:1: error image-remote/,
    ],
    [
      'a text file named .png',
      { 'content/clinics/x.yaml': 'name: X\nlogo: fake.png\n', 'content/clinics/fake.png': 'hello' },
      /x\.yaml:2: error image-invalid: logo fake\.png is not a PNG, JPEG or SVG/,
    ],
    [
      'an SVG logo with a script',
      {
        'content/clinics/x.yaml': 'name: X\nlogo: x.svg\n',
        'content/clinics/x.svg':
          '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
      },
      /x\.yaml:2: error svg-unsafe: logo x\.svg: the SVG contains a script/,
    ],
    [
      'an SVG logo pointing at another file',
      {
        'content/clinics/x.yaml': 'name: X\nlogo: x.svg\n',
        'content/clinics/x.svg':
          '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>',
      },
      /svg-unsafe: logo x\.svg: the SVG refers to another file or address \(file:\/\/\/etc\/passwd\)/,
    ],
    [
      'a Latin-1 article',
      { 'content/articles/latin.md': Buffer.from('---\ntitle: Caf\xe9\n---\n\nCaf\xe9 con leche.\n', 'latin1') },
      /latin\.md:2:1: error encoding: article is not valid UTF-8/,
    ],
    [
      'a control character pasted into an article',
      { 'content/articles/bell.md': '---\ntitle: Bell\n---\n\nA bell \u0007 rings.\n' },
      /bell\.md:5:8: error encoding: article holds a control character \(U\+0007\)/,
    ],
    [
      'lists nested too deep',
      {
        'content/articles/deep.md': `---\ntitle: Deep\n---\n\n${Array.from({ length: 10 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n`,
      },
      /deep\.md:\d+:\d+: error too-deep: lists and quotes are nested more than 8 deep/,
    ],
    [
      'an article over 2 MB',
      { 'content/articles/huge.md': `---\ntitle: Huge\n---\n\n${'word '.repeat(450_000)}\n` },
      /huge\.md: error too-large: article is 2\.1 MB; the limit is 2 MB/,
    ],
  ])('%s', async (_name, files, pattern) => {
    const r = await buildWith(files as Record<string, string | Buffer>);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(pattern);
    const bad = Object.keys(files as object).map((f) =>
      f
        .split('/')
        .pop()
        ?.replace(/\.\w+$/, ''),
    );
    for (const pdf of r.built) for (const name of bad) expect(pdf).not.toContain(`${name}.pdf`);
  });

  it('a symlink from the project to a file outside it', async () => {
    const outside = join(tmpdir(), `handout-outside-${process.pid}.png`);
    writeFileSync(outside, PNG.sync.write(new PNG({ width: 4, height: 4 })));
    onTestFinished(() => rmSync(outside, { force: true }));
    const r = await buildWith({ 'content/clinics/x.yaml': 'name: X\nlogo: link.png\n' }, (root) =>
      symlinkSync(outside, join(root, 'content/clinics/link.png')),
    );
    expect(r.stderr).toMatch(/x\.yaml:2: error path-outside/);
    expect(r.built.some((f) => f.startsWith('x/'))).toBe(false);
  });

  it('a truncated PNG and an image over the pixel limit', async () => {
    const whole = PNG.sync.write(new PNG({ width: 300, height: 300 }));
    const huge = Buffer.from(whole);
    huge.writeUInt32BE(20_000, 16); // IHDR width and height: 20,000 × 20,000 pixels
    huge.writeUInt32BE(20_000, 20);
    const r = await buildWith({
      'content/clinics/cut.yaml': 'name: Cut\nlogo: cut.png\n',
      'content/clinics/cut.png': whole.subarray(0, whole.length - 40),
      'content/clinics/big.yaml': 'name: Big\nlogo: big.png\n',
      'content/clinics/big.png': huge,
    });
    expect(r.stderr).toMatch(/cut\.yaml:2: error image-damaged: logo cut\.png: the PNG is damaged or truncated/);
    expect(r.stderr).toMatch(
      /big\.yaml:2: error image-too-large: logo big\.png is 20000 × 20000 pixels; the limit is 40 megapixels/,
    );
    expect(r.built).toEqual(['ok/hard.pdf']);
  });

  it('a damaged JPEG is an error at the line that names it (article image, clinic logo); a whole one is drawn', async () => {
    const photo = readFileSync(join(repoRoot, 'test/fixtures/images/photo.jpg'));
    const cut = Buffer.concat([photo.subarray(0, photo.length >> 1), Buffer.from([0xff, 0xd9])]);
    const two = Buffer.from(photo);
    two.writeUInt8(2, two.indexOf(Buffer.from([0xff, 0xc0])) + 9); // the frame header's component count
    const r = await buildWith({
      'content/articles/cut.md': '---\ntitle: Cut\n---\n\nText.\n\n![A photo](cut.jpg)\n',
      'content/articles/cut.jpg': cut,
      'content/articles/whole.md': '---\ntitle: Whole\n---\n\n![A photo](whole.jpg)\n',
      'content/articles/whole.jpg': photo,
      'content/clinics/two.yaml': 'name: Two\nlogo: two.jpg\n',
      'content/clinics/two.jpg': two,
    });
    expect(r.stderr).toMatch(
      /cut\.md:7: error image-damaged: ok\/cut\.pdf: image cut\.jpg: the JPEG is cut short in its image data/,
    );
    expect(r.stderr).toMatch(
      /two\.yaml:2: error image-invalid: logo two\.jpg is a JPEG with 2 colour components; a PDF shows 1 \(grey\), 3 \(colour\) or 4 \(CMYK\)/,
    );
    expect(r.built.sort()).toEqual(['ok/hard.pdf', 'ok/whole.pdf']);
  });

  it('accepts UTF-8 with a byte-order mark and CRLF line endings', async () => {
    const r = await buildWith({ 'content/articles/hard.md': `\uFEFF${article.replace(/\n/g, '\r\n')}` });
    expect(r.code).toBe(0);
    expect(r.built).toEqual(['ok/hard.pdf']);
  });

  it('templates cannot reach partials outside their folder or Node', async () => {
    const root = makeProject({
      'templates/evil/layout.hbs': '<document><body>{{> ../../../etc/passwd}}</body></document>',
    });
    const r = await cli(['build', '--template', 'evil', '--jobs', '1'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /templates\/evil\/layout\.hbs: error template-syntax: template error: The partial \.\.\/\.\.\/\.\.\/etc\/passwd could not be found/,
    );
    expect(pdfs(root)).toEqual([]);
    mkdirSync(join(root, 'templates/proto'), { recursive: true });
    writeFileSync(
      join(root, 'templates/proto/layout.hbs'),
      '<document><body><p>{{lookup article "constructor"}}{{article.__proto__}}</p></body></document>',
    );
    const proto = await cli(
      ['build', '--template', 'proto', '--jobs', '1', '--article', 'acupuncture-knee-pain'],
      root,
    );
    // Prototype lookups come back empty: nothing of Object or Function reaches the page.
    const pages = await pageTexts(readFileSync(join(root, 'out/harbor-wellness/acupuncture-knee-pain-proto.pdf')));
    expect(proto.code).toBe(0);
    expect(pages.join('')).not.toMatch(/function|Object|native code/);
    removeProject(root);
  });
});
