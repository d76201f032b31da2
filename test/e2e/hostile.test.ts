import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { lockName } from '../../src/batch/lock.js';
import { checkProject } from '../../src/check/index.js';
import { main } from '../../src/cli/index.js';
import type { Problem } from '../../src/errors.js';
import { importArticle } from '../../src/import/index.js';
import { captureIo } from '../helpers/io.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const made: string[] = [];
const project = (files: Record<string, string | Buffer> = {}, samples = true) => {
  const root = makeProject(files, { samples: samples && 'short' });
  made.push(root);
  return root;
};
const outside = mkdtempSync(join(tmpdir(), 'handout-outside-'));
made.push(outside);
afterAll(() => {
  for (const root of made) removeProject(root);
});

const build = (root: string, extra: Partial<Parameters<typeof buildProject>[0]> = {}) =>
  buildProject({ root, articles: [], clinics: [], jobs: 1, ...extra });
const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []);
const noInternal = (problems: readonly Problem[]) => {
  for (const p of problems) {
    expect(p.code, p.message).not.toBe('internal');
    expect(p.file, p.message).toBeTruthy();
  }
};
/** A template that is the built-in handout with one change to its layout. */
const handoutWith = (change: (layout: string) => string, styles = '') => {
  const layout = readFileSync(join(repoRoot, 'templates/handout/layout.hbs'), 'utf8');
  return {
    'templates/custom/layout.hbs': change(layout),
    'templates/custom/styles.hbs': styles + readFileSync(join(repoRoot, 'templates/handout/styles.hbs'), 'utf8'),
  };
};
const onlyCustomFor = (article: string) =>
  `builds:\n  - template: handout\n  - template: custom\n    articles: [${article}]\n`;
const pdfOf = (path: string) => readFileSync(path).subarray(0, 5).toString() === '%PDF-';

describe('nothing is read or written outside the project', () => {
  it('a partial, a layout and a template folder linked out of the project are refused; the rest is built', async () => {
    writeFileSync(join(outside, 'secret.hbs'), 'TOP-SECRET');
    mkdirSync(join(outside, 'tpl'), { recursive: true });
    writeFileSync(join(outside, 'tpl/layout.hbs'), '<document><body><p>TOP-SECRET</p></body></document>');
    const root = project({
      ...handoutWith((l) => `{{> leak}}${l}`),
      'handout.config.yaml': `${onlyCustomFor('puncion-seca-cuello')}  - template: linked\n    articles: [puncion-seca-cuello]\n`,
    });
    symlinkSync(join(outside, 'secret.hbs'), join(root, 'templates/custom/leak.hbs'));
    symlinkSync(join(outside, 'tpl'), join(root, 'templates/linked'));
    const check = await checkProject({ root });
    const outsideErrors = check.problems.filter((p) => p.code === 'path-outside');
    expect(outsideErrors.map((p) => p.file.slice(root.length + 1)).sort()).toEqual([
      'templates/custom/leak.hbs',
      'templates/linked/layout.hbs',
    ]);
    const report = await build(root);
    noInternal(report.errors);
    expect(report.errors.every((e) => e.code === 'path-outside')).toBe(true);
    expect(report.failed).toBe(4);
    expect(report.outputs.map((o) => o.template)).toEqual(['handout', 'handout', 'handout', 'handout']);
    const pdfs = filesIn(join(root, 'out')).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.some((f) => f.includes('custom') || f.includes('linked'))).toBe(false);
    expect(filesIn(join(root, 'out')).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('an article or clinic file linked out of the project is refused at its own path', async () => {
    writeFileSync(join(outside, 'leak.md'), '---\ntitle: Leak\n---\n\nTOP-SECRET\n');
    writeFileSync(join(outside, 'leak.yaml'), 'name: Leak\n');
    const root = project();
    symlinkSync(join(outside, 'leak.md'), join(root, 'content/articles/leak.md'));
    symlinkSync(join(outside, 'leak.yaml'), join(root, 'content/clinics/leak.yaml'));
    const report = await build(root);
    const places = report.errors.map((e) => [e.code, e.file.slice(root.length + 1)]);
    expect(places).toEqual(
      expect.arrayContaining([
        ['path-outside', 'content/articles/leak.md'],
        ['path-outside', 'content/clinics/leak.yaml'],
      ]),
    );
    expect(report.outputs).toHaveLength(4);
  });

  it('fonts/: a link out of the project and a dangling link are one warning each; only handouts naming them fail', async () => {
    writeFileSync(join(outside, 'Font.ttf'), 'not read');
    const root = project(handoutWith((l) => l, '<font name="Gone" regular="Gone.ttf"/>'));
    writeFileSync(join(root, 'handout.config.yaml'), onlyCustomFor('puncion-seca-cuello'));
    mkdirSync(join(root, 'fonts'));
    symlinkSync(join(outside, 'Font.ttf'), join(root, 'fonts/Out.ttf'));
    symlinkSync(join(root, 'fonts/missing.ttf'), join(root, 'fonts/Gone.ttf'));
    const report = await build(root);
    const warned = report.warnings.filter((w) => w.code === 'font-unusable').map((w) => w.file.slice(root.length + 1));
    expect(warned).toEqual(['fonts/Gone.ttf', 'fonts/Out.ttf']);
    expect(report.outputs.map((o) => o.template)).toEqual(['handout', 'handout', 'handout', 'handout']);
    expect(report.failed).toBe(2);
    // The <font> element is in the template's styles.hbs: the error is at that line.
    expect(report.errors.map((e) => [e.file.slice(root.length + 1), e.line])).toEqual([
      ['templates/custom/styles.hbs', 1],
    ]);
  });

  it('"out" in the config may not leave the project; --out may', async () => {
    const root = project({ 'handout.config.yaml': 'out: ../victim\n' });
    const report = await build(root);
    expect(report.errors).toMatchObject([{ code: 'out-outside', file: join(root, 'handout.config.yaml'), line: 1 }]);
    expect(existsSync(join(dirname(root), 'victim'))).toBe(false);
    const elsewhere = join(outside, 'given-on-the-command-line');
    const explicit = await build(root, { out: elsewhere });
    expect(explicit.errors).toEqual([]);
    expect(filesIn(elsewhere).filter((f) => f.endsWith('.pdf'))).toHaveLength(4);
  });

  it("the temp sweep removes only this tool's own temporary files, in folders it writes", async () => {
    const root = project();
    const folder = join(root, 'out/harbor-wellness');
    mkdirSync(folder, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    const stale = `.acupuncture-knee-pain.pdf.handout-${dead}-0123456789ab.tmp`;
    writeFileSync(join(folder, stale), 'half a PDF');
    writeFileSync(join(folder, 'notes.tmp'), 'someone else’s');
    writeFileSync(join(root, 'content/draft.tmp'), 'not in the output');
    await build(root);
    expect(existsSync(join(folder, stale))).toBe(false);
    expect(readFileSync(join(folder, 'notes.tmp'), 'utf8')).toBe('someone else’s');
    expect(existsSync(join(root, 'content/draft.tmp'))).toBe(true);
  });

  it('an article whose file name holds a newline or a direction override is refused; the others build', async () => {
    const sample = readFileSync(join(repoRoot, 'content/articles/puncion-seca-cuello.md'), 'utf8');
    const root = project({ 'content/articles/bad\nname.md': sample, 'content/articles/evil\u202Egnp.md': sample });
    const report = await build(root);
    expect(report.errors.map((e) => [e.code, e.message])).toEqual([
      ['file-name', 'the file name "bad\\nname" holds a control or text-direction character; the file is left out'],
      ['file-name', 'the file name "evil\u202Egnp" holds a control or text-direction character; the file is left out'],
    ]);
    expect(report.outputs.map((o) => o.article).sort()).toEqual([
      'acupuncture-knee-pain',
      'acupuncture-knee-pain',
      'puncion-seca-cuello',
      'puncion-seca-cuello',
    ]);
    // The manifest holds no key its own reader rejects: the next build has nothing to do.
    const again = await build(root);
    expect([again.outputs.length, again.upToDate]).toEqual([0, 4]);
  });

  it('a logo replaced with its old modified time kept (cp -p, rsync -t) is drawn anew in the same process', async () => {
    const root = project();
    const logo = join(root, 'content/clinics/ridgeline-logo.svg');
    const pdf = join(root, 'out/ridgeline-integrative/puncion-seca-cuello.pdf');
    // A whole-second time is restored exactly (a Date keeps only milliseconds of the nanoseconds a file has),
    // so size and modified time are the same before and after: only the change time and content tell.
    const second = Math.floor(statSync(logo).mtimeMs / 1000) - 60;
    utimesSync(logo, second, second);
    await build(root);
    const first = readFileSync(pdf);
    const before = statSync(logo, { bigint: true });
    writeFileSync(logo, readFileSync(logo, 'utf8').replace('fill="#5B21B6"', 'fill="#B6215B"'));
    utimesSync(logo, second, second);
    const after = statSync(logo, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    const again = await build(root);
    expect(again.outputs.map((o) => o.clinic)).toContain('ridgeline-integrative');
    expect(readFileSync(pdf).equals(first)).toBe(false);
  });

  it('handout import --id ../.. is refused and writes nothing', async () => {
    const root = project();
    const page = join(root, 'page.txt');
    writeFileSync(page, 'Heat therapy\n\nWarmth relaxes tight muscles. Use it for twenty minutes.\n');
    const io = captureIo(root);
    const code = await main(['import', page, '--id', '../../escape', '--root', root], io);
    expect(code).toBe(1);
    expect(io.err.join('')).toMatch(/page\.txt: error import-id: --id "\.\.\/\.\.\/escape" is not an article id/);
    expect(existsSync(join(root, '..', 'escape.md'))).toBe(false);
    expect(filesIn(join(root, 'content/articles'))).toEqual(['acupuncture-knee-pain.md', 'puncion-seca-cuello.md']);
  });
});

describe('every error placed, never "internal"', () => {
  const bomb = [
    'name: Bomb',
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  ].join('\n');
  const article = (front: string, body = 'Text.') => `---\ntitle: T\n${front}---\n\n${body}\n`;
  const deepSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">${'<g>'.repeat(5000)}${'</g>'.repeat(5000)}</svg>`;
  it.each([
    ['a YAML alias bomb', { 'content/clinics/bomb.yaml': bomb }, 'yaml-aliases', 'content/clinics/bomb.yaml', 6],
    [
      'an impossible date',
      { 'content/articles/d.md': article('reviewed: 2026-13-45\n') },
      'invalid-field',
      'content/articles/d.md',
      3,
    ],
    [
      'a lang the date printer refuses',
      { 'content/articles/l.md': article('lang: en-US-US\n') },
      'invalid-field',
      'content/articles/l.md',
      3,
    ],
    [
      'a bad % escape in an image URL',
      { 'content/articles/p.md': article('', 'Hi.\n\n![a](%E0%A4%A.png)') },
      'image-path',
      'content/articles/p.md',
      7,
    ],
    [
      'an image path that is a folder',
      { 'content/articles/f.md': article('', 'Hi.\n\n![a folder](.)') },
      'not-a-file',
      'content/articles/f.md',
      7,
    ],
    [
      'a javascript: link',
      { 'content/articles/j.md': article('', 'Click [here](javascript:alert(1)).') },
      'link-scheme',
      'content/articles/j.md',
      5,
    ],
    [
      'a javascript: booking address',
      { 'content/clinics/j.yaml': 'name: J\ncontact:\n  booking: "javascript:alert(document.cookie)"\n' },
      'invalid-field',
      'content/clinics/j.yaml',
      3,
    ],
    [
      'a booking address too long for a QR code',
      { 'content/clinics/q.yaml': `name: Q\ncontact:\n  booking: https://example.org/${'a'.repeat(3000)}\n` },
      'invalid-field',
      'content/clinics/q.yaml',
      3,
    ],
    [
      'a deeply nested SVG logo',
      { 'content/clinics/s.yaml': 'name: S\nlogo: s.svg\n', 'content/clinics/s.svg': deepSvg },
      'svg-too-complex',
      'content/clinics/s.yaml',
      2,
    ],
  ])('%s', async (_name, files, code, file, line) => {
    const root = project(files as Record<string, string>);
    const report = await checkProject({ root });
    noInternal(report.problems);
    expect(report.problems).toContainEqual(expect.objectContaining({ code, file: join(root, file), line }));
  });

  it('the booking error says how long an address may be', async () => {
    const root = project({
      'content/clinics/q.yaml': `name: Q\ncontact:\n  booking: https://example.org/${'a'.repeat(3000)}\n`,
    });
    const problem = (await checkProject({ root })).problems.find((p) => p.file.endsWith('q.yaml'));
    expect(problem?.message).toMatch(/too long for a QR code \(at most 2331 bytes/);
  });

  it('a truncated font: an error at the font file and at the template that names it', async () => {
    const ttf = readFileSync(join(repoRoot, 'fonts/dejavu/DejaVuSans.ttf'));
    const root = project({
      'fonts/Cut.ttf': ttf.subarray(0, 40_000),
      ...handoutWith((l) => l, '<font name="Cut" regular="Cut.ttf"/>'),
      'handout.config.yaml': onlyCustomFor('puncion-seca-cuello'),
    });
    const report = await checkProject({ root });
    noInternal(report.problems);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ code: 'font-invalid', file: join(root, 'fonts/Cut.ttf') }),
    );
    const atTemplate = report.problems.find((p) => p.file.endsWith('templates/custom/styles.hbs'));
    expect(atTemplate).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringMatching(/cannot load font Cut\.ttf: the file is cut short/),
    });
  });

  it('deeply nested HTML in import: an error at its line', () => {
    const root = project({}, false);
    const page = join(root, 'deep.html');
    writeFileSync(
      page,
      `<html><body><article><h1>T</h1>\n${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}</article></body></html>`,
    );
    expect(() => importArticle(page)).toThrow(
      expect.objectContaining({ code: 'import-too-deep', file: page, line: 2 }),
    );
  });

  it('a FIFO as a logo or an article image is refused at its place; the run ends', async () => {
    const root = project({
      'content/clinics/pipe.yaml': 'name: Pipe\nlogo: pipe.png\n',
      'content/articles/pipe.md': article('', 'Hi.\n\n![a pipe](pipe.png)'),
    });
    spawnSync('mkfifo', [join(root, 'content/clinics/pipe.png'), join(root, 'content/articles/pipe.png')]);
    const report = await checkProject({ root });
    noInternal(report.problems);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ code: 'not-a-file', file: join(root, 'content/clinics/pipe.yaml'), line: 2 }),
    );
    expect(report.problems).toContainEqual(
      expect.objectContaining({ code: 'not-a-file', file: join(root, 'content/articles/pipe.md'), line: 7 }),
    );
  });
});

describe('geometry: a frame without room is an error at the template, never a hang', () => {
  it.each([
    [
      'a 100000 in margin',
      (l: string) => l.replace('margin="0.8in 1.2in"', 'margin="0.8in 100000in"'),
      /margins leave no room across the page/,
    ],
    [
      'a header taller than the page',
      // The band is as tall as its content: its 12 in padding is measured by layout, which refuses it.
      (l: string) => l.replace('bandTop="0.5in"', 'bandTop="12in"'),
      /page 1 has no room for the body/,
    ],
  ])(
    '%s: check and build end with an error at the template; other handouts are built',
    async (_name, change, pattern) => {
      const root = project({ ...handoutWith(change), 'handout.config.yaml': onlyCustomFor('puncion-seca-cuello') });
      const check = await checkProject({ root });
      expect(
        check.problems.some((p) => ['spec-invalid', 'layout-geometry'].includes(p.code) && pattern.test(p.message)),
      ).toBe(true);
      const report = await build(root);
      noInternal(report.errors);
      expect(report.errors[0]?.file).toBe(join(root, 'templates/custom/layout.hbs'));
      expect(report.outputs).toHaveLength(4);
      expect(report.failed).toBe(2);
    },
  );
});

describe('output folder: locked, and its faults reported once', () => {
  it('two builds into the same folder at once: the second waits; both finish, every file whole', async () => {
    const root = project();
    const out = join(outside, 'shared-out');
    const [a, b] = await Promise.all([build(root, { out, force: true }), build(root, { out, force: true })]);
    expect([a.errors, b.errors]).toEqual([[], []]);
    expect(a.outputs.length + b.outputs.length).toBe(8);
    for (const pdf of filesIn(out).filter((f) => f.endsWith('.pdf'))) expect(pdfOf(join(out, pdf))).toBe(true);
    expect(filesIn(out).some((f) => f.endsWith('.tmp') || f === lockName)).toBe(false);
  });

  it('a stale lock (its process is gone) is taken over; a live one is refused clearly after the wait', async () => {
    const root = project();
    const lock = join(root, 'out', lockName);
    mkdirSync(dirname(lock), { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    writeFileSync(lock, JSON.stringify({ pid: dead, host: (await import('node:os')).hostname() }));
    expect((await build(root)).outputs).toHaveLength(4);
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname() }));
    const refused = await build(root, { force: true, lockWaitMs: 300 });
    expect(refused.errors).toMatchObject([{ code: 'output-locked', file: join(root, 'out') }]);
    expect(refused.errors[0]?.message).toContain(`process ${process.pid}`);
    expect(refused.failed).toBe(4);
  });

  it('an output folder that is a file: one error naming the path and the cause, exit 1', async () => {
    const root = project();
    writeFileSync(join(root, 'not-a-folder'), 'x');
    const io = captureIo(root);
    const code = await main(['build', '--root', root, '--out', join(root, 'not-a-folder'), '--jobs', '1'], io);
    expect(code).toBe(1);
    const stderr = io.err.join('');
    expect(stderr.match(/error output-unwritable/g)).toHaveLength(1);
    expect(stderr).toMatch(/not-a-folder: error output-unwritable: cannot write .*not-a-folder: a file is in the way/);
    expect(stderr).toMatch(/0 built, 0 up to date, 4 failed/);
  });
});

describe('templates: {{log}} never reaches stdout', () => {
  it('build --json prints only the JSON on stdout; the log goes to stderr', async () => {
    const { handout } = await import('../helpers/cli.js');
    const root = project({
      ...handoutWith((l) => `{{log "template says hello"}}${l}`),
      'handout.config.yaml':
        'builds:\n  - template: custom\n    articles: [puncion-seca-cuello]\n    clinics: [harbor-wellness]\n',
    });
    const r = await handout(['build', '--json'], root);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).outputs).toHaveLength(1);
    expect(r.stderr).toContain('template log: template says hello');
  });
});
