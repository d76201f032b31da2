import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliJson } from '../helpers/cli.js';
import { documentInfo, pageTexts } from '../helpers/pdf.js';
import { copyProject, makeProject, removeProject } from '../helpers/project.js';

/** Every built-in template that has a footer; the tri-fold's stamp is in its own test below. */
const config = 'builds:\n  - template: handout\n  - template: large-print\n  - template: two-column\n';
const root = makeProject({ 'handout.config.yaml': config }, { samples: 'short' });
const first = join(root, 'out/release/2026.12');
afterAll(() => removeProject(root));

/** Every file under a folder, relative, sorted. */
function filesIn(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }))
      if (entry.isDirectory()) walk(join(at, entry.name));
      else found.push(relative(dir, join(at, entry.name)));
  };
  walk(dir);
  return found.sort();
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('handout release', () => {
  beforeAll(async () => {
    const result = await cli(['release', '--version', '2026.12', '--jobs', '1'], root);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
  }, 120_000);

  it('writes the PDFs by clinic, a zip per clinic, the checksums and the record', () => {
    const files = filesIn(first);
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(2 * 2 * 3);
    expect(new Set(pdfs.map((f) => f.split('/')[0]))).toEqual(new Set(['harbor-wellness', 'ridgeline-integrative']));
    for (const name of ['CHANGES.md', 'changes.json', 'index.html', 'release.json', 'SHA256SUMS', 'manifest.json'])
      expect(files).toContain(name);
    for (const clinic of ['harbor-wellness', 'ridgeline-integrative']) {
      const zip = unzipSync(readFileSync(join(first, `${clinic}.zip`)));
      const inside = pdfs.filter((f) => f.startsWith(`${clinic}/`));
      expect(Object.keys(zip)).toEqual(inside);
      for (const name of inside) expect(Buffer.from(zip[name] as Uint8Array).equals(readFileSync(join(first, name))));
    }
    // sha256sum itself checks every file the list names, and the list names every file but itself.
    const checked = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: first, encoding: 'utf8' });
    expect(checked.trim().split('\n')).toHaveLength(files.length - 1);
    expect(checked).not.toMatch(/FAILED/);

    const record = json(join(first, 'release.json'));
    expect(record).toMatchObject({ release: 1, version: '2026.12', since: null, tool: expect.any(String) });
    expect(record.outputs.map((o: { path: string }) => o.path)).toEqual(pdfs);
    const spanish = record.outputs.find((o: { path: string }) => o.path === 'harbor-wellness/puncion-seca-cuello.pdf');
    const bytes = readFileSync(join(first, spanish.path));
    expect(spanish).toMatchObject({
      clinic: 'harbor-wellness',
      article: 'puncion-seca-cuello',
      template: 'handout',
      language: 'es',
      bytes: bytes.byteLength,
      reviewed: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      grade: expect.any(Number),
    });
    expect(spanish.sha256).toBe(
      execFileSync('sha256sum', [spanish.path], { cwd: first, encoding: 'utf8' }).slice(0, 64),
    );
    // The date is the newest review date: no clock, so a rerun writes the same record.
    const newest = record.outputs
      .map((o: { reviewed: string }) => o.reviewed)
      .sort()
      .at(-1);
    expect(record.date).toBe(`${newest}T00:00:00.000Z`);
    expect(readFileSync(join(first, 'CHANGES.md'), 'utf8')).toMatch(/First release/);
  });

  it('stamps every page of every PDF with the version and review date, in its language, and the metadata', async () => {
    const record = json(join(first, 'release.json'));
    for (const output of record.outputs) {
      const pdf = readFileSync(join(first, output.path));
      const pages = await pageTexts(pdf);
      expect(pages.length).toBe(output.pages);
      const word = output.language === 'es' ? 'Edición' : 'Edition';
      for (const text of pages) expect(text).toMatch(new RegExp(`${word} 2026\\.12 · `));
      // pdf.js files keys the standard does not name under Custom.
      expect((await documentInfo(pdf)).Custom).toEqual({ Version: '2026.12' });
      expect(pdf.toString('latin1')).toContain('<xmpMM:VersionID>2026.12</xmpMM:VersionID>');
    }
  });

  it('lists every handout by clinic in a self-contained index.html', () => {
    const html = readFileSync(join(first, 'index.html'), 'utf8');
    const record = json(join(first, 'release.json'));
    for (const output of record.outputs) expect(html).toContain(`href="${output.path}"`);
    expect(html).toContain('Harbor Wellness Acupuncture');
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(record.outputs.length);
    // Nothing to fetch: no link or script leaves the folder.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('is byte-identical when made twice from the same inputs', async () => {
    const again = await cli(['release', '--version', '2026.12', '--out', 'elsewhere/2026.12', '--jobs', '1'], root);
    expect(again.code).toBe(0);
    const second = join(root, 'elsewhere/2026.12');
    expect(filesIn(second)).toEqual(filesIn(first));
    for (const file of filesIn(first))
      expect(readFileSync(join(second, file)).equals(readFileSync(join(first, file))), file).toBe(true);
  }, 120_000);

  it('replaces a release with --force, whole, leaving nothing beside it', async () => {
    const second = join(root, 'elsewhere/2026.12');
    writeFileSync(join(second, 'stray.txt'), 'not part of the release');
    const again = await cliJson(['release', '--version', '2026.12', '--out', 'elsewhere/2026.12', '--force'], root);
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({ built: 0, upToDate: 12 });
    expect(filesIn(second)).toEqual(filesIn(first));
    expect(readdirSync(join(root, 'elsewhere')).sort()).toEqual(['.build', '2026.12']);
  }, 120_000);

  it('lists exactly the outputs of a changed article and a changed clinic in the next release', async () => {
    const next = copyProject(root);
    const article = join(next, 'content/articles/acupuncture-knee-pain.md');
    writeFileSync(
      article,
      readFileSync(article, 'utf8').replace('Your knee is a large joint', 'Your knee is a big joint'),
    );
    const clinic = join(next, 'content/clinics/ridgeline-integrative.yaml');
    writeFileSync(clinic, readFileSync(clinic, 'utf8').replace('(541) 555-0187', '(541) 555-0199'));
    const result = await cliJson(['release', '--version', '2027.01', '--jobs', '1'], next);
    expect(result.code).toBe(0);
    const changes = json(join(next, 'out/release/2027.01/changes.json'));
    expect(changes.since).toBe('2026.12');
    expect(changes.added).toEqual([]);
    expect(changes.removed).toEqual([]);
    const changed = changes.changed.map((c: { path: string }) => c.path);
    const expected = json(join(first, 'release.json'))
      .outputs.map((o: { path: string }) => o.path)
      .filter((p: string) => p.startsWith('ridgeline-integrative/') || p.includes('acupuncture-knee-pain'));
    expect(changed).toEqual(expected);
    expect(changes.unchanged).toBe(12 - expected.length);
    const markdown = readFileSync(join(next, 'out/release/2027.01/CHANGES.md'), 'utf8');
    expect(markdown).toMatch(/harbor-wellness\/acupuncture-knee-pain\.pdf: page 1\n {2}- “large” → “big”/);
    expect(markdown).toMatch(/“555-0187” → “555-0199”/);
    for (const path of expected) expect(markdown).toContain(`- ${path}: `);
    // The stamp differs on every page, but it is not a change: the Spanish handouts of Harbor are not listed.
    expect(markdown).not.toContain('harbor-wellness/puncion-seca-cuello');
    removeProject(next);
  }, 120_000);

  it('refuses a version whose folder exists (exit 2), and leaves it as it was', async () => {
    const before = statSync(join(first, 'release.json')).mtimeMs;
    const result = await cli(['release', '--version', '2026.12'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error release-exists: release 2026\.12 exists already/);
    expect(statSync(join(first, 'release.json')).mtimeMs).toBe(before);
  });

  it.each([
    ['a path', '../2026.12'],
    ['a slash', 'v1/2'],
    ['a space', '2026 12'],
    ['a control character', '2026.12\u0007'],
    ['nothing', ''],
  ])('refuses a version with %s as a usage error', async (_what, version) => {
    const result = await cli(['release', '--version', version], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--version/);
  });

  it('writes nothing when an output fails (exit 1)', async () => {
    const broken = makeProject({ 'handout.config.yaml': config }, { samples: 'short' });
    const file = join(broken, 'content/articles/puncion-seca-cuello.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: ['));
    const result = await cli(['release', '--version', '1.0', '--jobs', '1'], broken);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error release-incomplete: release 1\.0 not written/);
    expect(result.stderr).toMatch(/puncion-seca-cuello\.md:\d+:\d+: error yaml-syntax/);
    const left = existsSync(join(broken, 'out/release')) ? readdirSync(join(broken, 'out/release')) : [];
    // The stamped build's own folder keeps what was built; of the release, not even a partial folder is left.
    expect(left.filter((name) => name !== '.build')).toEqual([]);
    removeProject(broken);
  }, 120_000);

  it('refuses a --since that is not a release (exit 2), before building', async () => {
    const result = await cli(['release', '--version', '9.9', '--since', 'content'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error release-baseline/);
    expect(existsSync(join(root, 'out/release/9.9'))).toBe(false);
  });
});

describe('handout build --stamp', () => {
  it('records the stamp: a stamped and an unstamped build never pass for each other', async () => {
    const project = makeProject({}, { samples: 'short' });
    const build = async (...args: string[]) =>
      (await cliJson(['build', '--jobs', '1', '--article', 'acupuncture-knee-pain', ...args], project)).json;
    const plain = await build();
    expect(plain.outputs).toHaveLength(2);
    const pdf = join(project, 'out/harbor-wellness/acupuncture-knee-pain.pdf');
    expect((await pageTexts(readFileSync(pdf))).join('\n')).not.toMatch(/Edition/);
    const stamped = await build('--stamp', 'v3.1.0');
    expect(stamped.outputs).toHaveLength(2);
    expect((await pageTexts(readFileSync(pdf)))[0]).toMatch(/Edition v3\.1\.0 · Last reviewed: /);
    expect((await build('--stamp', 'v3.1.0')).upToDate).toBe(2);
    expect((await build()).outputs).toHaveLength(2);
    expect((await cli(['build', '--stamp', 'a b'], project)).code).toBe(2);
    removeProject(project);
  }, 120_000);

  it("puts the stamp on the tri-fold's back panel (the outside of the one sheet) and in its metadata", async () => {
    const project = makeProject();
    const args = ['build', '--template', 'trifold', '--article', 'puncion-seca-cuello', '--clinic', 'harbor-wellness'];
    expect((await cli([...args, '--stamp', '2026.12', '--jobs', '1'], project)).code).toBe(0);
    const pdf = readFileSync(join(project, 'out/harbor-wellness/puncion-seca-cuello-trifold.pdf'));
    expect((await pageTexts(pdf))[0]).toMatch(/Edición 2026\.12/);
    expect((await documentInfo(pdf)).Custom).toEqual({ Version: '2026.12' });
    removeProject(project);
  }, 120_000);
});
