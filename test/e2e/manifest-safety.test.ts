import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { proofOutputs } from '../../src/proof/index.js';
import { cli } from '../helpers/cli.js';
import { copyProject, syntheticProject } from '../helpers/project.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A manifest is a file anyone can edit (or a pull request can ship): its output names are never trusted as paths. */
describe('a manifest that names files outside its folder', () => {
  // Built once; each case changes a copy of its own, so none depends on another having run.
  const built = syntheticProject({ clinics: 1, articles: 1, minWords: 40, maxWords: 60 });
  let root: string;
  beforeAll(async () => {
    expect((await cli(['build', '--jobs', '1', '--quiet'], built)).code).toBe(0);
  });
  beforeEach(() => {
    root = copyProject(built);
  });

  it('makes clean and prune remove nothing outside the output folder', async () => {
    const victim = join(root, 'victim.pdf');
    writeFileSync(victim, 'not yours to delete');
    const manifestFile = join(root, 'out/manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const [entry] = Object.values(manifest.outputs) as Record<string, unknown>[];
    manifest.outputs['../victim.pdf'] = { ...entry, article: 'gone', sha256: sha256(victim) };
    writeFileSync(manifestFile, JSON.stringify(manifest));
    await cli(['clean'], root);
    await cli(['build', '--jobs', '1', '--prune', '--quiet'], root);
    expect(readFileSync(victim, 'utf8')).toBe('not yours to delete');
  });

  it('an entry whose clinic is a path: proof of the folder refuses the manifest, and a build replaces it', async () => {
    const manifestFile = join(root, 'out/manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const [name] = Object.keys(manifest.outputs) as string[];
    manifest.outputs[name as string].clinic = '../../OUTSIDE';
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const before = readdirSync(root).sort();
    // The library on a folder as it came (a CI artifact): the manifest is an error, nothing is drawn.
    await expect(proofOutputs({ outDir: join(root, 'out'), dpi: 36, jobs: 1 })).rejects.toMatchObject({
      code: 'manifest-invalid',
      message: expect.stringMatching(/with a clinic that is not a plain name: "\.\.\/\.\.\/OUTSIDE"/),
    });
    expect(existsSync(join(root, 'out/proofs'))).toBe(false);
    // The command builds first: the damaged manifest is said, and every output built again over it.
    const run = await cli(['proof', '--dpi', '36', '--jobs', '1'], root);
    expect(run.stderr).toMatch(/warning manifest-invalid: .*not a plain name.*; every output is built again/);
    expect(readdirSync(root).sort()).toEqual(before);
    expect(existsSync(join(root, '..', 'OUTSIDE'))).toBe(false);
  });

  it('makes manifest merge refuse the shard, writing nothing', async () => {
    const shard = join(root, 'shard');
    mkdirSync(join(shard, 'c'), { recursive: true });
    const outside = join(root, 'outside.pdf');
    writeFileSync(outside, 'keep me');
    const pdf = join(root, 'out', readdirSync(join(root, 'out')).find((f) => f !== 'manifest.json') as string);
    const built = readdirSync(pdf)[0] as string;
    writeFileSync(join(shard, 'c/a.pdf'), readFileSync(join(pdf, built)));
    const manifest = JSON.parse(readFileSync(join(root, 'out/manifest.json'), 'utf8'));
    const [entry] = Object.values(manifest.outputs) as Record<string, unknown>[];
    manifest.outputs = { '../../outside.pdf': { ...entry, sha256: sha256(join(shard, 'c/a.pdf')) } };
    writeFileSync(join(shard, 'manifest.json'), JSON.stringify(manifest));
    const r = await cli(['manifest', 'merge', 'shard/manifest.json', '--out', 'merged/deeper/manifest.json'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /manifest-invalid: .*lists an output that is not a PDF inside its folder: "\.\.\/\.\.\/outside\.pdf"/,
    );
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
    expect(existsSync(join(root, 'merged'))).toBe(false);
  });

  it('merge --out must name a manifest file, not a folder or another file: a usage error, nothing written', async () => {
    mkdirSync(join(root, 'a-folder'), { recursive: true });
    writeFileSync(join(root, 'notes.txt'), 'mine');
    for (const out of ['a-folder', 'fresh/', 'notes.txt']) {
      const r = await cli(['manifest', 'merge', 'out/manifest.json', '--out', out], root);
      expect(r.code, out).toBe(2);
      expect(r.stderr, out).toMatch(/output-unwritable: --out (names a folder|would replace)/);
    }
    expect(readFileSync(join(root, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(join(root, 'a-folder'))).toEqual([]);
    expect(existsSync(join(root, 'fresh'))).toBe(false);
  });

  it('makes diff refuse a PDF reached through a linked folder that leads outside', async () => {
    const head = join(root, 'head');
    cpSync(join(root, 'out'), head, { recursive: true });
    const clinic = readdirSync(head).find((f) => f !== 'manifest.json' && !f.startsWith('.')) as string;
    const elsewhere = join(root, 'elsewhere');
    renameSync(join(head, clinic), elsewhere);
    symlinkSync(elsewhere, join(head, clinic));
    const r = await cli(['diff', 'out', 'head', '--report', 'report'], root);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/bad-manifest: the manifest names a file outside its folder/);
  });

  it('a bleed the print shop cannot use is a usage error', async () => {
    const r = await cli(['build', '--bleed', '999in'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--bleed is at most 0\.5in/);
  });
});
