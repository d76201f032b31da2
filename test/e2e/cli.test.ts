import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCi } from '../../src/cli/io.js';
import { version } from '../../src/version.js';
import { cli, cliJson } from '../helpers/cli.js';
import { makeProject, removeProject } from '../helpers/project.js';

const listing = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

describe('the command line is checked before anything is read or written', () => {
  const root = makeProject({ 'page.txt': 'A title\n\nSome text of a page that would be imported.\n' });
  const before = listing(root);
  afterAll(() => removeProject(root));

  it.each([
    [['biuld'], /unknown argument: biuld\n {2}did you mean "handout build"\?/],
    [['build', '--frce'], /unknown argument: --frce\n {2}did you mean --force\?/],
    [['build', '-q'], /unknown argument: -q\n {2}did you mean --quiet\?/],
    // An option at the end of the line, or an empty value from a CI variable, never means "everything".
    [['build', '--out'], /not enough arguments following: out/],
    [['build', '--article'], /not enough arguments following: article/],
    [['build', '--article='], /--article needs a value, and "" was given/],
    [['chek', '--quiet'], /did you mean "handout check"\?/],
    [['build', '--jobs', '0'], /--jobs takes a whole number of at least 1, not "0"/],
    [['build', '--jobs', 'two'], /--jobs takes a whole number of at least 1, not "two"/],
    [['build', '--jobs', '0x10'], /--jobs takes a whole number of at least 1, not "0x10"/],
    [['build', '--template', '../../etc'], /--template takes a template's name .*, not "\.\.\/\.\.\/etc"/],
    [['build', '--shard', '5/4'], /--shard takes I\/N with 1 ≤ I ≤ N, e\.g\. 2\/4, not "5\/4"/],
    [['build', '--bleed', '3furlongs'], /--bleed takes a length such as 0\.125in or 3mm, not "3furlongs"/],
    [['build', '--watch', '--dry-run'], /--watch cannot be combined with --dry-run/],
    [['import', 'page.txt', '--dry-rn'], /unknown argument: --dry-rn\n {2}did you mean --dry-run\?/],
    [['import', 'page.txt', 'page.txt', '--id', 'x'], /--id names one article/],
    [
      ['manifest', 'a.json', 'b.json'],
      /did you mean "handout manifest merge a\.json b\.json --out merged\/manifest\.json"\?/,
    ],
    [['manifest'], /"handout manifest" needs a command: merge/],
    [['manifest', 'merge', '--out', 'm.json'], /not enough non-option arguments/],
    [['check', '--print', '--strict', '--dry-run'], /unknown argument: --dry-run/],
  ])('%j: exit 2, a message, nothing touched', async (args, message) => {
    const r = await cli(args, root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    // The help of the command named, else the tool's.
    expect(r.stderr).toMatch(/Run "handout (build |import |manifest |check )?--help" for usage\./);
    expect(r.stdout).toBe('');
    expect(listing(root)).toEqual(before);
  });

  it('-h and --help, -v and --version work everywhere, on stdout, with exit 0', async () => {
    for (const args of [['-h'], ['--help'], ['build', '-h'], ['check', '--help'], ['manifest', 'merge', '-h']]) {
      const r = await cli(args, root);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/Options:/);
    }
    const tool = (await cli(['--help'], root)).stdout;
    expect(tool).toMatch(/handout init \[dir\]/);
    // The tool's help describes the tool, not the default command's options.
    expect(tool).toMatch(/^handout <command> \[options\]/);
    expect(tool).not.toMatch(/--shard/);
    expect((await cli(['build', '--help'], root)).stdout).toMatch(/--shard/);
    for (const args of [['-v'], ['--version'], ['check', '-v']]) {
      const r = await cli(args, root);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
    expect(listing(root)).toEqual(before);
  });
});

describe('a wrong or empty project folder is an error, never "0 built"', () => {
  const empty = mkdtempSync(join(tmpdir(), 'handout-empty-'));
  afterAll(() => removeProject(empty));

  it('--root must exist; nothing is created', async () => {
    const missing = join(empty, 'nowhere');
    for (const command of ['build', 'check', 'clean']) {
      const r = await cli([command, '--root', missing], empty);
      expect(r.code, command).toBe(2);
      expect(r.stderr).toMatch(/error not-a-project: the project folder .*nowhere does not exist/);
      expect(existsSync(missing)).toBe(false);
    }
    const imported = await cli(['import', 'x.txt', '--root', missing], empty);
    expect(imported.code).toBe(2);
    expect(existsSync(missing)).toBe(false);
  });

  it('an empty folder: build and check exit 2 with a hint, and create no out/', async () => {
    for (const command of ['build', 'check']) {
      const r = await cli([command], empty);
      expect(r.code, command).toBe(2);
      expect(r.stderr).toMatch(/is not a Handout Press project: there is no content\/articles folder/);
      expect(r.stderr).toMatch(
        /hint: A project has articles in content\/articles\/ and clinics in content\/clinics\/.*handout init/,
      );
    }
    expect(readdirSync(empty)).toEqual([]);
  });

  it("inside a project's content/ folder: the hint names the project folder above", async () => {
    const root = makeProject();
    const r = await cli(['build'], join(root, 'content'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`The folder ${root} above looks like one: run there, or pass --root ${root}.`);
    expect(existsSync(join(root, 'content', 'out'))).toBe(false);
    removeProject(root);
  });

  it('articles but no clinic is not a project either', async () => {
    const root = makeProject({ 'content/articles/a.md': '---\ntitle: A\n---\n\nText.\n' }, { samples: false });
    mkdirSync(join(root, 'content/clinics'));
    const r = await cli(['check'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/content\/clinics has no clinic file \(\*\.yaml\)/);
    removeProject(root);
  });
});

describe('the config', () => {
  it('handout.config.yml is found as well as .yaml, and --config names another file', async () => {
    const root = makeProject({
      'handout.config.yml': 'builds:\n  - template: handout\n    clinics: [harbor-wellness]\n',
    });
    const plan = (await cliJson(['build', '--dry-run'], root)).json.plan;
    expect(plan.map((p: { output: string }) => p.output)).toEqual([
      'harbor-wellness/acupuncture-knee-pain.pdf',
      'harbor-wellness/puncion-seca-cuello.pdf',
    ]);
    writeFileSync(join(root, 'ci.yaml'), 'builds:\n  - template: large-print\n    articles: [puncion-seca-cuello]\n');
    const other = (await cliJson(['build', '--dry-run', '--config', 'ci.yaml'], root)).json.plan;
    expect(other.map((p: { output: string }) => p.output)).toEqual([
      'harbor-wellness/puncion-seca-cuello-large-print.pdf',
      'ridgeline-integrative/puncion-seca-cuello-large-print.pdf',
    ]);
    const missing = await cli(['check', '--config', 'nope.yaml'], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml: error config-missing: the config file .*nope\.yaml does not exist/);
    removeProject(root);
  });

  it('a config may name other folders for the articles and clinics', async () => {
    const root = makeProject(
      { 'handout.config.yaml': 'content: { articles: docs, clinics: brands }\n' },
      { samples: false },
    );
    mkdirSync(join(root, 'docs'));
    mkdirSync(join(root, 'brands'));
    writeFileSync(join(root, 'docs/a.md'), '---\ntitle: A short note\n---\n\nSome text.\n');
    writeFileSync(join(root, 'brands/c.yaml'), 'name: C Clinic\n');
    const r = await cliJson(['build', '--jobs', '1'], root);
    expect(r.code).toBe(0);
    expect(r.json.outputs.map((o: { path: string }) => o.path)).toEqual(['out/c/a.pdf']);
    removeProject(root);
  });

  it('CI=false and CI=0 mean not CI', () => {
    expect([undefined, '', 'false', '0', 'FALSE'].map(isCi)).toEqual([false, false, false, false, false]);
    expect(['true', '1', 'yes'].map(isCi)).toEqual([true, true, true]);
  });
});

describe('handout manifest merge', () => {
  const root = makeProject({}, { samples: 'short' });
  afterAll(() => removeProject(root));

  it('a missing file, invalid JSON or another kind of file: exit 1, a placed error, nothing written', async () => {
    writeFileSync(join(root, 'bad.json'), '{ "outputs": ');
    writeFileSync(join(root, 'other.json'), '{ "name": "not a manifest" }');
    for (const [file, pattern] of [
      ['missing.json', /missing\.json: error file-missing: manifest not found/],
      ['bad.json', /bad\.json: error manifest-invalid: the manifest .*bad\.json is not valid JSON/],
      ['other.json', /other\.json: error manifest-invalid: .* is not a Handout Press manifest/],
    ] as const) {
      const r = await cli(['manifest', 'merge', file, '--out', 'merged/manifest.json'], root);
      expect(r.code, file).toBe(1);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).toMatch(/nothing was written/);
      expect(existsSync(join(root, 'merged'))).toBe(false);
    }
  });

  it('shards that disagree: exit 1, and the merged manifest is not written', async () => {
    await cli(['build', '--jobs', '1', '--quiet', '--clinic', 'harbor-wellness', '--out', 'a'], root);
    await cli(['build', '--jobs', '1', '--quiet', '--clinic', 'harbor-wellness', '--out', 'b', '--pdfa'], root);
    const r = await cli(
      ['manifest', 'merge', 'a/manifest.json', 'b/manifest.json', '--out', 'merged/manifest.json'],
      root,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /error manifest-conflict: the shards disagree: harbor-wellness\/acupuncture-knee-pain\.pdf differs/,
    );
    expect(existsSync(join(root, 'merged'))).toBe(false);
  });

  it('a shard whose PDF is missing: exit 1, nothing written', async () => {
    await cli(['build', '--jobs', '1', '--quiet', '--clinic', 'harbor-wellness', '--out', 'damaged'], root);
    writeFileSync(join(root, 'damaged/harbor-wellness/acupuncture-knee-pain.pdf'), 'damaged');
    const r = await cli(['manifest', 'merge', 'damaged/manifest.json', '--out', 'merged/manifest.json'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/acupuncture-knee-pain\.pdf is missing or is not the PDF its manifest lists/);
    expect(existsSync(join(root, 'merged'))).toBe(false);
  });
});

describe('--json: one shape for every command', () => {
  it('build, dry run, check, clean and merge give command, ok, exitCode and placed diagnostics with relative paths', async () => {
    const root = makeProject({
      'content/articles/bad.md': '---\ntitle: Bad\n---\n\nSee <b>this</b>.\n',
      'handout.config.yaml':
        'builds:\n  - template: handout\n  - template: trifold\n    articles: [puncion-seca-cuello]\n',
    });
    const build = (await cliJson(['build', '--jobs', '1'], root)).json;
    const dry = (await cliJson(['build', '--dry-run'], root)).json;
    const check = (await cliJson(['check'], root)).json;
    const clean = (await cliJson(['clean'], root)).json;
    const merge = (await cliJson(['manifest', 'merge', 'out/manifest.json', '--out', 'all/manifest.json'], root)).json;
    for (const report of [build, dry, check, clean, merge]) {
      expect(Object.keys(report).slice(0, 3)).toEqual(['command', 'ok', 'exitCode']);
      expect(report.ok).toBe(report.exitCode === 0);
      for (const d of report.diagnostics) {
        expect(Object.keys(d).sort()).toEqual(
          [
            'article',
            'clinic',
            'code',
            'column',
            'file',
            'hint',
            'line',
            'message',
            'output',
            'severity',
            'template',
            'group',
            'earlier',
          ].sort(),
        );
        expect(d.file.startsWith('/')).toBe(d.file.includes('handout-press') || d.file.includes('/templates/'));
        expect(report.diagnosticGroups[d.group]).toMatchObject({ code: d.code, message: d.message });
      }
    }
    expect([build.command, dry.command, check.command, clean.command, merge.command]).toEqual([
      'build',
      'build',
      'check',
      'clean',
      'manifest merge',
    ]);
    const html = { code: 'raw-html', file: 'content/articles/bad.md', line: 5, column: 5 };
    expect(build.diagnostics).toContainEqual(expect.objectContaining({ ...html, severity: 'error' }));
    expect(check.diagnostics).toContainEqual(expect.objectContaining({ ...html, severity: 'error' }));
    // A note about one output says which: clinic, article, template and output.
    expect(build.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'note',
        code: 'fit-size',
        clinic: 'harbor-wellness',
        article: 'puncion-seca-cuello',
        template: 'trifold',
        output: 'harbor-wellness/puncion-seca-cuello-trifold.pdf',
      }),
    );
    expect(build.outputs[0].path).toMatch(/^out\//);
    // results: every selected output by name, the failed ones too, which "failed" only counts.
    expect(build.results).toHaveLength(build.outputs.length + build.upToDate + build.failed);
    expect(build.results.filter((r: { status: string }) => r.status === 'failed')).toEqual(
      ['harbor-wellness', 'ridgeline-integrative'].map((clinic) =>
        expect.objectContaining({ output: `${clinic}/bad.pdf`, article: 'bad', clinic, pages: null, bytes: null }),
      ),
    );
    expect(build.results.find((r: { status: string }) => r.status === 'built')).toMatchObject({
      path: expect.stringMatching(/^out\//),
      pages: expect.any(Number),
    });
    const again = (await cliJson(['build', '--jobs', '1'], root)).json;
    expect(new Set(again.results.map((r: { status: string }) => r.status))).toEqual(new Set(['up-to-date', 'failed']));
    expect(merge).toMatchObject({ ok: true, outputs: 6, copied: 6, manifest: 'all/manifest.json' });
    expect(readFileSync(join(root, 'all/manifest.json'), 'utf8')).toBe(
      readFileSync(join(root, 'out/manifest.json'), 'utf8'),
    );
    removeProject(root);
  });
});

describe('--json answers with one JSON object whatever went wrong', () => {
  const empty = mkdtempSync(join(tmpdir(), 'handout-json-'));
  afterAll(() => removeProject(empty));

  it('a usage error: exit 2, nothing on stderr, a usage diagnostic with the suggestion in its hint', async () => {
    const result = await cliJson(['build', '--jobz', '2'], empty);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('');
    expect(result.json).toMatchObject({ command: 'build', ok: false, exitCode: 2 });
    expect(result.json.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'usage', message: 'unknown argument: --jobz', file: '.' }),
    ]);
    expect(result.json.diagnostics[0].hint).toContain('--jobs');
  });

  it('a mistyped command, a missing subcommand argument and a bad value each give one object', async () => {
    const typo = await cliJson(['biuld'], empty);
    expect(typo.json).toMatchObject({ command: null, exitCode: 2 });
    expect(typo.json.diagnostics[0].hint).toContain('handout build');
    const merge = await cliJson(['manifest', 'merge', 'a.json'], empty);
    expect(merge.json).toMatchObject({ command: 'manifest merge', exitCode: 2 });
    const jobs = await cliJson(['build', '--jobs', 'many'], empty);
    expect(jobs.json).toMatchObject({ command: 'build', exitCode: 2, diagnostics: [{ code: 'usage' }] });
    const watch = await cliJson(['build', '--watch'], empty);
    expect(watch.json.diagnostics[0].message).toMatch(/--watch prints as it goes/);
  });

  it('outside a project: exit 2 and the not-a-project error as JSON, on build and check alike', async () => {
    for (const command of ['build', 'check']) {
      const result = await cliJson([command], empty);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('');
      expect(result.json).toMatchObject({ command, ok: false, exitCode: 2, diagnostics: [{ code: 'not-a-project' }] });
    }
  });

  it('--version and --help with --json are JSON too; --no-json after --json turns it off', async () => {
    expect((await cliJson(['--version'], empty)).json).toMatchObject({ ok: true, version });
    expect((await cliJson(['check', '--help'], empty)).json.help).toContain('--json');
    const off = await cli(['build', '--json', '--no-json', '--bogus'], empty);
    expect(off.stdout).toBe('');
    expect(off.stderr).toContain('unknown argument: --bogus');
  });
});
