import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli, cliJson } from '../helpers/cli.js';
import { removeProject } from '../helpers/project.js';

describe('handout init', () => {
  const parent = mkdtempSync(join(tmpdir(), 'handout-init-'));
  const dir = join(parent, 'my-handouts');
  afterAll(() => removeProject(parent));

  it('scaffolds a project that checks and builds green at once', async () => {
    const r = await cli(['init', 'my-handouts'], parent);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/created my-handouts\/handout\.config\.yaml\n/);
    expect(r.stdout).toMatch(/Next: cd my-handouts && npm init -y && npm install --save-dev handout-press/);
    expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual([
      '.github',
      '.github/workflows',
      '.github/workflows/handouts.yml',
      '.gitignore',
      'content',
      'content/articles',
      'content/articles/stretching-at-home.md',
      'content/clinics',
      'content/clinics/sample-clinic-logo.svg',
      'content/clinics/sample-clinic.yaml',
      'handout.config.yaml',
    ]);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^out\/$/m);
    expect(readFileSync(join(dir, 'handout.config.yaml'), 'utf8')).toMatch(/^# /m);
    const workflow = parse(readFileSync(join(dir, '.github/workflows/handouts.yml'), 'utf8'));
    expect(JSON.stringify(workflow.jobs)).toContain('npx handout build');

    const check = await cliJson(['check'], dir);
    expect(check.code).toBe(0);
    expect(check.json).toMatchObject({ errors: 0, warnings: 0 });
    const build = await cliJson(['build', '--jobs', '1'], dir);
    expect(build.code).toBe(0);
    expect(build.json.outputs.map((o: { path: string }) => o.path)).toEqual([
      'out/sample-clinic/stretching-at-home.pdf',
    ]);
    expect(build.json.diagnostics.filter((d: { severity: string }) => d.severity !== 'note')).toEqual([]);
  });

  it('in a repository with its own .gitignore: keeps its lines and adds the output folders it lacks', async () => {
    const repo = join(parent, 'repo');
    mkdirSync(repo);
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n*.log');
    const r = await cli(['init'], repo);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/added the output folders to \.gitignore\n/);
    expect(r.stdout).not.toMatch(/created \.gitignore/);
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe('node_modules/\n*.log\nout/\ndiff-report/\n');
    expect(existsSync(join(repo, 'handout.config.yaml'))).toBe(true);
  });

  it('never overwrites: with any of its files already there, it writes nothing and exits 2', async () => {
    const existing = join(parent, 'existing');
    mkdirSync(existing);
    writeFileSync(join(existing, 'handout.config.yaml'), 'builds: []\n');
    const r = await cli(['init', existing], parent);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error init-exists: .*already has .*handout\.config\.yaml.*; nothing was written/);
    expect(readFileSync(join(existing, 'handout.config.yaml'), 'utf8')).toBe('builds: []\n');
    expect(readdirSync(existing)).toEqual(['handout.config.yaml']);
  });

  it('says so when the folder cannot be made, instead of looping (a file in the way; /proc on Linux)', async () => {
    writeFileSync(join(parent, 'a-file'), 'not a folder\n');
    const r = await cli(['init', 'a-file/project'], parent);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /error init-unwritable: cannot write .*a-file\/project\/.*: a file is in the way where a folder should be \(ENOTDIR\)/,
    );
    if (process.platform === 'linux') expect((await cli(['init', '/proc/self/project'], parent)).code).toBe(1);
  });

  it('writes nothing through a link: a dangling one where a file goes, or a folder that leads outside', async () => {
    const outside = join(parent, 'outside');
    mkdirSync(outside, { recursive: true });
    mkdirSync(join(parent, 'linked-folder'));
    symlinkSync(outside, join(parent, 'linked-folder/content'));
    const r = await cli(['init', 'linked-folder'], parent);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/init-unwritable: content\/articles leads through a link to a folder outside/);
    expect(readdirSync(outside)).toEqual([]);
    mkdirSync(join(parent, 'dangling'));
    symlinkSync(join(outside, 'nothing-here'), join(parent, 'dangling/.gitignore'));
    const d = await cli(['init', 'dangling'], parent);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/init-exists: .*\.gitignore; nothing was written/);
    expect(readdirSync(join(parent, 'dangling'))).toEqual(['.gitignore']);
    expect(readdirSync(outside)).toEqual([]);
  });
});
