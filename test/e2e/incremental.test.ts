import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ManifestEntry, readManifest } from '../../src/batch/manifest.js';
import { cli, cliJson } from '../helpers/cli.js';
import { copyProject, makeProject, repoRoot } from '../helpers/project.js';

const png = (width: number, shade: number) => {
  const image = new PNG({ width, height: width });
  image.data.fill(shade);
  return PNG.sync.write(image);
};

/** A project whose outputs read every kind of input: a project template with a partial, a font and an image of its own. */
function project(): string {
  return makeProject(
    {
      'handout.config.yaml': [
        'builds:',
        '  - template: handout',
        '  - template: badge',
        '    articles: [puncion-seca-cuello]',
        'labels:',
        '  en: { book: "Scan to book" }',
      ].join('\n'),
      'content/articles/with-image.md': '---\ntitle: With an image\n---\n\nA picture.\n\n![A knee](images/knee.png)\n',
      'content/articles/images/knee.png': png(40, 120),
      'templates/badge/layout.hbs': [
        '<document size="{{clinic.page}}" title="{{article.title}}" lang="{{article.lang}}">',
        '  <font name="Custom" regular="custom/Custom.ttf"/>',
        '  <style name="body" font="Custom" size="12pt"/>',
        ...['item', 'quote', 'caption', 'alert-title', 'callout-title'].map(
          (n) => `  <style name="${n}" extends="body"/>`,
        ),
        '  <body>',
        '    <h level="1">{{article.title}}</h>',
        '    {{> note}}',
        '    <image src="assets/badge.png" alt="A badge" width="40pt"/>',
        '    {{#each article.blocks}}{{> block pstyle="body"}}{{/each}}',
        '  </body>',
        '</document>',
      ].join('\n'),
      'templates/badge/note.hbs': '<p>Printed for {{clinic.name}}.</p>\n',
      'assets/badge.png': png(20, 60),
      'fonts/custom/Custom.ttf': readFileSync(join(repoRoot, 'fonts/dejavu/DejaVuSans.ttf')),
    },
    { samples: 'short' },
  );
}

const all = [
  'harbor-wellness/acupuncture-knee-pain.pdf',
  'harbor-wellness/puncion-seca-cuello-badge.pdf',
  'harbor-wellness/puncion-seca-cuello.pdf',
  'harbor-wellness/with-image.pdf',
  'ridgeline-integrative/acupuncture-knee-pain.pdf',
  'ridgeline-integrative/puncion-seca-cuello-badge.pdf',
  'ridgeline-integrative/puncion-seca-cuello.pdf',
  'ridgeline-integrative/with-image.pdf',
];
const handouts = all.filter((o) => !o.includes('badge'));

async function rebuilt(root: string): Promise<string[]> {
  const r = await cliJson(['build', '--jobs', '1'], root);
  expect(r.json.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
  return r.json.outputs.map((o: { path: string }) => o.path.replace(/^out\//, '')).sort();
}

/** The project built once for the file; each case changes a copy of it, so the cases do not depend on their order. */
let built: string;
let firstBuild: string[];
beforeAll(async () => {
  built = project();
  firstBuild = await rebuilt(built);
});

describe('incremental builds are exact: each kind of input rebuilds exactly the outputs that read it', () => {
  let root: string;
  beforeEach(() => {
    root = copyProject(built);
  });
  const edit = (path: string, change: (text: string) => string) =>
    writeFileSync(join(root, path), change(readFileSync(join(root, path), 'utf8')));

  it('builds everything once, then nothing (also in a copy of the project)', async () => {
    expect(firstBuild).toEqual(all);
    expect(await rebuilt(built)).toEqual([]);
    expect(await rebuilt(root)).toEqual([]);
    // A file touched but unchanged is not a change.
    utimesSync(join(root, 'assets/badge.png'), new Date(), new Date());
    expect(await rebuilt(root)).toEqual([]);
  });

  it.each([
    ['an article', () => edit('content/articles/with-image.md', (t) => `${t}\nOne more line.\n`), ['with-image']],
    [
      "an article's image",
      () => writeFileSync(join(root, 'content/articles/images/knee.png'), png(40, 200)),
      ['with-image'],
    ],
    [
      'a clinic file',
      () => edit('content/clinics/ridgeline-integrative.yaml', (t) => t.replace(/^name: .*$/m, 'name: Ridgeline Care')),
      ['ridgeline-integrative/'],
    ],
    ['a logo', () => writeFileSync(join(root, 'content/clinics/harbor-logo.png'), png(64, 30)), ['harbor-wellness/']],
    [
      'a template file',
      () => edit('templates/badge/layout.hbs', (t) => t.replace('size="12pt"', 'size="12.5pt"')),
      ['badge'],
    ],
    ['a partial', () => edit('templates/badge/note.hbs', (t) => t.replace('Printed for', 'Made for')), ['badge']],
    [
      'an image a template names outside its folder',
      () => writeFileSync(join(root, 'assets/badge.png'), png(20, 90)),
      ['badge'],
    ],
    [
      'a font of the project',
      () =>
        copyFileSync(
          join(repoRoot, 'fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf'),
          join(root, 'fonts/custom/Custom.ttf'),
        ),
      ['badge'],
    ],
    [
      'a partial added to a template folder (it shadows a shared one)',
      () => writeFileSync(join(root, 'templates/badge/block.hbs'), '<p>A block of type {{type}}.</p>\n'),
      ['badge'],
    ],
    [
      'a project template added where the built-in one was used',
      () => {
        mkdirSync(join(root, 'templates/handout'));
        for (const file of ['layout.hbs', 'styles.hbs'])
          copyFileSync(join(repoRoot, 'templates/handout', file), join(root, 'templates/handout', file));
      },
      handouts,
    ],
    [
      "the config's English labels (only English handouts print them)",
      () => edit('handout.config.yaml', (t) => t.replace('Scan to book', 'Scan to book a visit')),
      ['acupuncture-knee-pain', 'with-image'],
    ],
  ])('%s', async (_what, change, affected) => {
    change();
    const expected = all.filter((o) => affected.some((a) => o.includes(a)));
    expect(await rebuilt(root)).toEqual(expected);
    expect(await rebuilt(root)).toEqual([]);
  });

  it('records each input with its hash in the manifest, and the settings besides', async () => {
    writeFileSync(join(root, 'templates/badge/block.hbs'), '<p>A block of type {{type}}.</p>\n');
    expect(await rebuilt(root)).toEqual(all.filter((o) => o.includes('badge')));
    const manifest = readManifest(join(root, 'out/manifest.json'));
    const entry = manifest.outputs['harbor-wellness/puncion-seca-cuello-badge.pdf'] as ManifestEntry;
    expect(Object.keys(entry.inputs)).toEqual(
      expect.arrayContaining([
        'assets/badge.png',
        'content/articles/puncion-seca-cuello.md',
        'content/clinics/harbor-wellness.yaml',
        'content/clinics/harbor-logo.png',
        'fonts/custom/Custom.ttf',
        'templates/badge/*.hbs',
        'templates/badge/block.hbs',
        'templates/badge/layout.hbs',
        'templates/badge/note.hbs',
        'handout-press:templates/_shared/*.hbs',
      ]),
    );
    expect(entry.inputs['assets/badge.png']).toMatch(/^[0-9a-f]{64}$/);
    // The config is not an input: what it says that applies to the output is among its settings.
    expect(Object.keys(entry.inputs)).not.toContain('handout.config.yaml');
    expect(Object.keys(manifest.outputs['harbor-wellness/with-image.pdf']?.inputs ?? {})).toContain(
      'content/articles/images/knee.png',
    );
  });
});

describe('filtered and sharded runs touch only their own manifest entries', () => {
  it('--article, --clinic, --template and --shard runs keep the others; the next plain build has nothing to do', async () => {
    const root = copyProject(built);
    const entries = () => Object.keys(JSON.parse(readFileSync(join(root, 'out/manifest.json'), 'utf8')).outputs).sort();
    expect(entries()).toEqual(all);
    for (const args of [
      ['--article', 'with-image', '--force'],
      ['--clinic', 'harbor-wellness', '--force'],
      ['--shard', '2/3', '--force'],
      ['--template', 'handout', '--article', 'puncion-seca-cuello', '--force'],
    ]) {
      const r = await cliJson(['build', '--jobs', '1', ...args], root);
      expect(r.json.outputs.length, args.join(' ')).toBeGreaterThan(0);
      expect(entries(), args.join(' ')).toEqual(all);
    }
    expect(await rebuilt(root)).toEqual([]);
  });
});

describe('outputs no longer planned', () => {
  const gone = ['harbor-wellness/with-image.pdf', 'ridgeline-integrative/with-image.pdf'];

  it('are reported after each build, listed by clean --dry-run, and removed by --prune (a changed file is left)', async () => {
    const root = copyProject(built);
    rmSync(join(root, 'content/articles/with-image.md'));
    const r = await cliJson(['build', '--jobs', '1'], root);
    expect(r.code).toBe(0);
    expect(r.json.unplanned).toEqual(gone);
    expect(r.json.diagnostics.filter((d: { code: string }) => d.code === 'output-unplanned')).toMatchObject(
      gone.map((output) => ({ severity: 'warning', output, file: `out/${output}` })),
    );
    const text = await cli(['build', '--jobs', '1'], root);
    expect(text.stderr).toMatch(/with-image\.pdf: warning output-unplanned: no longer planned/);
    expect(text.stderr).toMatch(/hint: Remove it with "handout build --prune" or "handout clean"\./);
    for (const output of gone) expect(existsSync(join(root, 'out', output))).toBe(true);

    const dry = await cli(['clean', '--dry-run'], root);
    expect(dry.stdout).toMatch(/would remove out\/harbor-wellness\/with-image\.pdf\n/);
    expect(existsSync(join(root, 'out', gone[0] as string))).toBe(true);

    writeFileSync(join(root, 'out', gone[1] as string), 'edited by hand');
    const pruned = await cliJson(['build', '--jobs', '1', '--prune'], root);
    expect(pruned.json.pruned).toEqual([gone[0]]);
    expect(pruned.json.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'output-changed', output: gone[1], severity: 'warning' }),
    );
    expect(existsSync(join(root, 'out', gone[0] as string))).toBe(false);
    expect(existsSync(join(root, 'out', gone[1] as string))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(root, 'out/manifest.json'), 'utf8'));
    expect(Object.keys(manifest.outputs)).not.toContain(gone[0]);
    expect(Object.keys(manifest.outputs)).not.toContain(gone[1]);
    expect(Object.keys(manifest.readability)).not.toContain('with-image');
    expect((await cliJson(['clean'], root)).json).toMatchObject({ ok: true, removed: [] });
  });

  it('handout clean removes them without building, and the folders they leave empty', async () => {
    // An article removed, one of its outputs changed by hand, the other pruned.
    const root = copyProject(built);
    rmSync(join(root, 'content/articles/with-image.md'));
    writeFileSync(join(root, 'out', gone[1] as string), 'edited by hand');
    expect((await cliJson(['build', '--jobs', '1', '--prune'], root)).json.pruned).toEqual([gone[0]]);
    rmSync(join(root, 'content/clinics/ridgeline-integrative.yaml'));
    const r = await cliJson(['clean'], root);
    expect(r.json.removed).toEqual([
      'ridgeline-integrative/acupuncture-knee-pain.pdf',
      'ridgeline-integrative/puncion-seca-cuello-badge.pdf',
      'ridgeline-integrative/puncion-seca-cuello.pdf',
    ]);
    // The hand-edited file stays, so its folder does too.
    expect(existsSync(join(root, 'out/ridgeline-integrative/with-image.pdf'))).toBe(true);
    rmSync(join(root, 'out/ridgeline-integrative/with-image.pdf'));
    rmSync(join(root, 'content/clinics/harbor-wellness.yaml'));
    writeFileSync(join(root, 'content/clinics/other.yaml'), 'name: Other\n');
    await cli(['clean'], root);
    expect(existsSync(join(root, 'out/harbor-wellness'))).toBe(false);
  });

  it('a build that fails keeps the earlier PDFs in the manifest, so a later clean still finds them', async () => {
    const other = copyProject(built);
    const clinic = join(other, 'content/clinics/ridgeline-integrative.yaml');
    writeFileSync(clinic, `${readFileSync(clinic, 'utf8')}\nlogo: gone.png\n`.replace(/^logo:.*\n/m, ''));
    expect((await cli(['build', '--jobs', '1', '--quiet'], other)).code).toBe(1);
    const listed = Object.keys(JSON.parse(readFileSync(join(other, 'out/manifest.json'), 'utf8')).outputs);
    expect(listed.filter((o) => o.startsWith('ridgeline-integrative/'))).not.toEqual([]);
    rmSync(clinic);
    const cleaned = await cliJson(['clean'], other);
    expect(cleaned.json.removed.length).toBeGreaterThan(0);
    expect(existsSync(join(other, 'out/ridgeline-integrative'))).toBe(false);
  });
});
