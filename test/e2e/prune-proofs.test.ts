import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSyntheticProject } from '../../bench/synthetic.js';
import { buildProject } from '../../src/batch/index.js';
import { type ProofStore, readStore, writeStore } from '../../src/proof/store.js';
import { cli, cliJson } from '../helpers/cli.js';
import { removeProject } from '../helpers/project.js';

const page = { width: 10, height: 10, widthPt: 612, heightPt: 792 };

/** Proofs as `handout proof` leaves them: pages per output, a contact sheet per clinic and per article. */
function writeProofs(root: string, outputs: readonly string[], extra: Partial<ProofStore['outputs']> = {}): void {
  const proofs = join(root, 'out/proofs');
  const store: ProofStore = { proofVersion: 1, outputs: {}, sheets: {} };
  const file = (path: string) => {
    mkdirSync(dirname(join(proofs, path)), { recursive: true });
    writeFileSync(join(proofs, path), 'png');
  };
  for (const output of outputs) {
    const dir = output.replace(/\.pdf$/, '');
    file(`${dir}/page-1.png`);
    store.outputs[output] = { sha256: 'x', dpi: 72, dir, pages: [{ name: 'page-1.png', ...page }] };
    for (const sheet of [`clinic-${dir.split('/')[0]}`, `article-${dir.split('/')[1]}`]) {
      file(`sheets/${sheet}-1.png`);
      file(`sheets/${sheet}.pdf`);
      store.sheets[sheet] = { key: 'k', images: [`sheets/${sheet}-1.png`], pdf: `sheets/${sheet}.pdf`, labels: [] };
    }
  }
  Object.assign(store.outputs, extra);
  writeStore(join(proofs, 'proofs.json'), store);
}

describe("--prune and clean remove a deleted article's proofs too, and only inside the output folder", () => {
  let root: string;
  const all = [
    'clinic-001/article-001.pdf',
    'clinic-001/article-002.pdf',
    'clinic-002/article-001.pdf',
    'clinic-002/article-002.pdf',
  ];
  const gone = all.filter((o) => o.includes('article-002'));

  beforeAll(async () => {
    root = makeSyntheticProject({ clinics: 2, articles: 2, minWords: 40, maxWords: 60 });
    expect((await buildProject({ root, jobs: 1 })).outputs).toHaveLength(4);
  }, 120_000);
  afterAll(() => removeProject(root));

  it("build --prune: the pages and the article's contact sheet go; the others and a file a hostile record names stay", async () => {
    const victim = join(root, 'victim.png');
    writeFileSync(victim, 'keep');
    // A record anyone can edit names a page outside the proofs folder, under the name of an output to prune.
    writeProofs(
      root,
      all.filter((o) => o !== 'clinic-002/article-002.pdf'),
      {
        'clinic-002/article-002.pdf': { sha256: 'x', dpi: 72, dir: '../..', pages: [{ name: 'victim.png', ...page }] },
      },
    );
    rmSync(join(root, 'content/articles/article-002.md'));
    const report = await buildProject({ root, jobs: 1, prune: true });
    expect(report.pruned).toEqual(gone);
    const proofs = join(root, 'out/proofs');
    expect(existsSync(join(proofs, 'clinic-001/article-002'))).toBe(false);
    expect(existsSync(join(proofs, 'sheets/article-article-002.pdf'))).toBe(false);
    expect(existsSync(join(proofs, 'clinic-001/article-001/page-1.png'))).toBe(true);
    expect(existsSync(join(proofs, 'sheets/clinic-clinic-001.pdf'))).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    const { store } = readStore(join(proofs, 'proofs.json'));
    expect(Object.keys(store.outputs).sort()).toEqual(['clinic-001/article-001.pdf', 'clinic-002/article-001.pdf']);
    expect(Object.keys(store.sheets).sort()).toEqual(['article-article-001', 'clinic-clinic-001', 'clinic-clinic-002']);
  });
});

describe('clean --dry-run lists exactly what clean removes', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) removeProject(root);
  });
  /** Three articles built, two deleted since; one of their PDFs was edited by hand (clean leaves it). */
  const project = async () => {
    const root = makeSyntheticProject({ clinics: 1, articles: 3, minWords: 40, maxWords: 60 });
    roots.push(root);
    expect((await buildProject({ root, jobs: 1 })).outputs).toHaveLength(3);
    rmSync(join(root, 'content/articles/article-002.md'));
    rmSync(join(root, 'content/articles/article-003.md'));
    writeFileSync(join(root, 'out/clinic-001/article-003.pdf'), 'edited by hand');
    return root;
  };

  it('while the config is broken: both remove nothing, list nothing and say why', async () => {
    const root = await project();
    writeFileSync(join(root, 'handout.config.yaml'), 'builds: [oops\n');
    const dry = await cliJson(['clean', '--dry-run'], root);
    const real = await cliJson(['clean'], root);
    for (const r of [dry, real]) {
      expect(r.code).toBe(1);
      expect(r.json.diagnostics[0]).toMatchObject({ code: 'yaml-syntax', file: 'handout.config.yaml' });
    }
    expect(dry.json.wouldRemove).toEqual([]);
    expect(real.json.removed).toEqual([]);
    expect(existsSync(join(root, 'out/clinic-001/article-002.pdf'))).toBe(true);
  });

  it('with a good config: the dry run lists what clean then removes, and the same warning', async () => {
    const root = await project();
    const dry = await cli(['clean', '--dry-run'], root);
    const real = await cli(['clean'], root);
    expect(dry.stdout).toBe('would remove out/clinic-001/article-002.pdf\n1 output would be removed\n');
    expect(real.stdout).toBe('removed out/clinic-001/article-002.pdf\n1 output removed\n');
    for (const r of [dry, real])
      expect(r.stderr).toMatch(/warning output-changed: clinic-001\/article-003\.pdf was changed/);
    expect(existsSync(join(root, 'out/clinic-001/article-002.pdf'))).toBe(false);
  });
});
