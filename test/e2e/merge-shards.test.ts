import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSyntheticProject } from '../../bench/synthetic.js';
import { type BuildOptions, buildProject } from '../../src/batch/index.js';
import { readManifestStrict } from '../../src/batch/manifest.js';
import { cli, cliJson } from '../helpers/cli.js';
import { removeProject } from '../helpers/project.js';

/** Shards 1/2 and 2/2 of one plan, another plan's 2/2 (PDF/A on) and a filtered run, each in its own folder. */
describe('manifest merge takes the shards of one plan, each once, none missing', () => {
  let root: string;
  const build = async (out: string, more: Partial<BuildOptions>) => {
    const report = await buildProject({ root, out: join(root, out), jobs: 1, ...more });
    expect(report.errors).toEqual([]);
  };
  const merge = (...files: string[]) =>
    cli(['manifest', 'merge', ...files.map((f) => `${f}/manifest.json`), '--out', 'merged/manifest.json'], root);

  beforeAll(async () => {
    root = makeSyntheticProject({ clinics: 2, articles: 2, minWords: 40, maxWords: 60 });
    await build('one', { shard: { index: 1, count: 2 } });
    await build('two', { shard: { index: 2, count: 2 } });
    await build('other', { shard: { index: 2, count: 2 }, output: { pdfa: true } });
    await build('filtered', { articles: ['article-001'] });
  }, 120_000);
  afterAll(() => removeProject(root));

  it('each shard records its part of the plan; shards of one plan share its id', () => {
    const [one, two, other] = ['one', 'two', 'other'].map(
      (f) => readManifestStrict(join(root, f, 'manifest.json')).plan,
    );
    expect(one).toMatchObject({ shard: { index: 1, count: 2 }, outputs: 4 });
    expect(two).toMatchObject({ id: one?.id, shard: { index: 2, count: 2 } });
    expect(other?.id).not.toBe(one?.id);
    expect(readManifestStrict(join(root, 'filtered', 'manifest.json')).plan).toBeNull();
  });

  it.each([
    [['one'], /error shard-missing: shard 2\/2 is missing: the plan has 4 outputs/],
    [['one', 'one', 'two'], /error manifest-conflict: shard 1\/2 is given 2 times/],
    [
      ['one', 'other'],
      /error manifest-conflict: the shards are parts of different plans: .*one\/manifest\.json \(shard 1\/2\)/,
    ],
    [['one', 'two', 'filtered'], /error manifest-invalid: .*filtered\/manifest\.json is not a shard of a plan/],
  ])('%j: exit 1, says which, writes nothing', async (folders, message) => {
    const r = await merge(...folders);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(existsSync(join(root, 'merged'))).toBe(false);
  });

  it('a missing shard in --json: one object with the placed diagnostic', async () => {
    const r = await cliJson(['manifest', 'merge', 'two/manifest.json', '--out', 'merged/manifest.json'], root);
    expect(r.json).toMatchObject({ ok: false, exitCode: 1, diagnostics: [{ code: 'shard-missing' }] });
    expect(r.json.diagnostics[0].message).toMatch(/shard 1\/2 is missing/);
  });

  it('every shard once: the merged manifest holds the whole plan', async () => {
    const r = await merge('two', 'one');
    expect(r.code).toBe(0);
    const merged = readManifestStrict(join(root, 'merged/manifest.json'));
    expect(merged.plan).toMatchObject({ shard: { index: 1, count: 1 }, outputs: 4 });
    expect(Object.keys(merged.data.outputs)).toHaveLength(4);
  });
});
