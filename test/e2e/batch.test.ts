import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/shared/confined-read.js';
import { cli, cliJson, startHandout } from '../helpers/cli.js';
import { makeProject, removeProject, syntheticProject } from '../helpers/project.js';

const pdfsIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.pdf'))
        .sort()
    : [];
const manifestOf = (root: string, out = 'out') => JSON.parse(readFileSync(join(root, out, 'manifest.json'), 'utf8'));
const built = (json: { outputs: { path: string }[] }) => json.outputs.map((o) => o.path.replace(/^out\//, '')).sort();

describe('batch builds', () => {
  it('rebuilds only the outputs of a changed article, and nothing on a no-op run', async () => {
    const root = syntheticProject({ clinics: 3, articles: 3, minWords: 80, maxWords: 120 });
    const first = await cliJson(['build', '--jobs', '1'], root);
    expect(first.json.outputs).toHaveLength(9);
    const before = manifestOf(root);
    const mtimes = Object.fromEntries(
      pdfsIn(join(root, 'out')).map((f) => [f, statSync(join(root, 'out', f)).mtimeMs]),
    );

    const noop = (await cliJson(['build', '--jobs', '1'], root)).json;
    expect(noop.outputs).toEqual([]);
    expect(noop.upToDate).toBe(9);

    const articleFile = join(root, 'content/articles/article-002.md');
    writeFileSync(articleFile, `${readFileSync(articleFile, 'utf8')}\nOne more sentence.\n`);
    const second = (await cliJson(['build', '--jobs', '1'], root)).json;
    expect(built(second)).toEqual([
      'clinic-001/article-002.pdf',
      'clinic-002/article-002.pdf',
      'clinic-003/article-002.pdf',
    ]);
    const after = manifestOf(root);
    for (const [output, entry] of Object.entries(after.outputs) as [string, { inputHash: string }][]) {
      const changed = output.includes('article-002');
      expect(entry.inputHash !== before.outputs[output].inputHash, output).toBe(changed);
      expect(statSync(join(root, 'out', output)).mtimeMs !== mtimes[output], output).toBe(changed);
    }
    removeProject(root);
  });

  it("rebuilds only one clinic's outputs when its logo changes, and rebuilds a damaged file", async () => {
    const root = syntheticProject({ clinics: 2, articles: 2, minWords: 60, maxWords: 80 });
    await cli(['build', '--quiet', '--jobs', '1'], root);
    const logo = join(root, 'content/clinics/clinic-001.png');
    // Touching a file without changing it rebuilds nothing: inputs are compared by content.
    utimesSync(logo, new Date(), new Date());
    expect((await cliJson(['build', '--jobs', '1'], root)).json.outputs).toEqual([]);
    const svg = join(root, 'content/clinics/clinic-002.svg');
    writeFileSync(svg, readFileSync(svg, 'utf8').replace('r="30"', 'r="32"'));
    const rebuilt = (await cliJson(['build', '--jobs', '1'], root)).json;
    expect(rebuilt.outputs.map((o: { clinic: string }) => o.clinic)).toEqual(['clinic-002', 'clinic-002']);
    writeFileSync(join(root, 'out/clinic-001/article-001.pdf'), 'damaged');
    const repaired = (await cliJson(['build', '--jobs', '1'], root)).json;
    expect(built(repaired)).toEqual(['clinic-001/article-001.pdf']);
    removeProject(root);
  });

  it('one broken article leaves all others built and exits 1; fixing it rebuilds only it', async () => {
    const root = syntheticProject({ clinics: 2, articles: 5, minWords: 60, maxWords: 80 });
    const broken = join(root, 'content/articles/article-003.md');
    const good = readFileSync(broken, 'utf8');
    writeFileSync(broken, good.replace(/^title: .*$/m, 'title: ['));
    const first = await cli(['build', '--jobs', '1'], root);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/article-003\.md:\d+:\d+: error yaml-syntax/);
    expect(first.stderr).toMatch(/8 built, 0 up to date, 2 failed/);
    expect(pdfsIn(join(root, 'out'))).toHaveLength(8);
    writeFileSync(broken, good);
    const second = await cliJson(['build', '--jobs', '1'], root);
    expect(second.code).toBe(0);
    expect(second.json.outputs.map((o: { article: string }) => o.article)).toEqual(['article-003', 'article-003']);
    removeProject(root);
  });

  it('builds a config plan: a second template for one clinic, A4 for another', async () => {
    const root = makeProject({
      'handout.config.yaml': [
        'builds:',
        '  - template: handout',
        '  - template: handout',
        '    clinics: [harbor-wellness]',
        '    output: "extra/{clinic}-{article}.pdf"',
        'clinics:',
        '  harbor-wellness: { page: A4 }',
      ].join('\n'),
    });
    const dry = await cli(['build', '--dry-run'], root);
    expect(dry.stdout).toMatch(
      /would build +extra\/harbor-wellness-acupuncture-knee-pain\.pdf +\[handout; builds\[1\]/,
    );
    const r = await cli(['build', '--quiet', '--jobs', '1'], root);
    expect(r.code).toBe(0);
    expect(pdfsIn(join(root, 'out'))).toEqual([
      'extra/harbor-wellness-acupuncture-knee-pain.pdf',
      'extra/harbor-wellness-puncion-seca-cuello.pdf',
      'harbor-wellness/acupuncture-knee-pain.pdf',
      'harbor-wellness/puncion-seca-cuello.pdf',
      'ridgeline-integrative/acupuncture-knee-pain.pdf',
      'ridgeline-integrative/puncion-seca-cuello.pdf',
    ]);
    expect(readFileSync(join(root, 'out/harbor-wellness/acupuncture-knee-pain.pdf'), 'latin1')).toMatch(
      /\/MediaBox \[0 0 595\.28 841\.89\]/,
    );
    removeProject(root);
  });

  it('reports a config mistake at its line, and builds nothing', async () => {
    const root = makeProject({ 'handout.config.yaml': 'builds:\n  - template: handout\n    clinic: [x]\n' });
    const r = await cli(['build'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /handout\.config\.yaml:3:5: error invalid-field: config: unknown field "builds\.0\.clinic"\n {2}hint: Did you mean "clinics"\?/,
    );
    expect(existsSync(join(root, 'out'))).toBe(false);
    removeProject(root);
  });

  it('a build killed mid-run leaves no truncated PDF and a manifest listing only whole files', async () => {
    // One thread: the build outlasts its first manifest save (after a second of building) by a wide margin at any speed.
    const root = syntheticProject({ clinics: 6, articles: 10, minWords: 150, maxWords: 250 });
    const manifest = join(root, 'out', 'manifest.json');
    const run = startHandout(['build', '--jobs', '1'], root);
    // Once some PDFs and a first manifest exist (checked as each output is reported), kill the build without warning.
    await run.when((output) => (output.match(/^built /gm)?.length ?? 0) >= 5 && existsSync(manifest));
    run.child.kill('SIGKILL');
    expect(await run.exited).toBe('SIGKILL');
    const written = pdfsIn(join(root, 'out'));
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(60);
    for (const file of written) {
      const bytes = readFileSync(join(root, 'out', file));
      expect(bytes.subarray(0, 5).toString(), file).toBe('%PDF-');
      expect(bytes.subarray(-6).toString().trim(), file).toBe('%%EOF');
    }
    const listed = JSON.parse(readFileSync(manifest, 'utf8')).outputs as Record<string, { sha256: string }>;
    expect(Object.keys(listed).length).toBeGreaterThan(0);
    for (const [file, entry] of Object.entries(listed)) {
      expect(sha256(readFileSync(join(root, 'out', file))), file).toBe(entry.sha256);
    }
    // The next run finishes the job and cleans up after the killed one.
    const next = await cli(['build', '--jobs', '1', '--quiet'], root);
    expect(next.code).toBe(0);
    expect(pdfsIn(join(root, 'out'))).toHaveLength(60);
    expect(
      readdirSync(join(root, 'out'), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.tmp')),
    ).toEqual([]);
    removeProject(root);
  });
});

describe('watch', () => {
  it('rebuilds what a change affects, keeps watching after an error, and stops on Ctrl+C with 0', async () => {
    const root = makeProject({}, { samples: 'short' });
    const run = startHandout(['build', '--watch', '--jobs', '1'], root);
    await run.until(/watching/);
    const clinic = join(root, 'content/clinics/harbor-wellness.yaml');
    writeFileSync(clinic, readFileSync(clinic, 'utf8').replace('Gentle care since 2009', 'Gentle care since 2010'));
    await run.until(
      /changed content\/clinics\/harbor-wellness\.yaml\n2 to build, 2 up to date\nbuilt out\/harbor-wellness/,
    );
    writeFileSync(clinic, 'name: [\n');
    await run.until(/harbor-wellness\.yaml:\d+:\d+: error yaml-syntax/);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    removeProject(root);
  });
});
