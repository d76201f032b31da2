import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HandoutJob } from '../../src/batch/messages.js';
import { createPool } from '../../src/batch/pool.js';
import { readBrand } from '../../src/brand/index.js';
import { watchProject } from '../../src/cli/watch.js';
import { readArticle } from '../../src/content/index.js';
import { screenOutput } from '../../src/pipeline.js';
import { captureIo } from '../helpers/io.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const root = makeProject();
afterAll(() => removeProject(root));

function job(name: string): HandoutJob {
  return {
    root: repoRoot,
    article: readArticle(join(repoRoot, 'content/articles/puncion-seca-cuello.md')),
    brand: readBrand(join(repoRoot, 'content/clinics/harbor-wellness.yaml')),
    template: 'handout',
    path: join(root, 'out', `${name}.pdf`),
    output: screenOutput,
    labels: {},
    inputs: {},
    settings: {},
  };
}

describe('worker pool: a crashed or runaway worker is replaced; its handout fails with a placed error', () => {
  it('a worker that dies fails only its own handout; the next one is built by its replacement', async () => {
    const pool = createPool(1, { handoutSeconds: 60 });
    try {
      // An article that is not one makes the worker throw where nothing catches it: the worker dies.
      const broken = { ...job('broken'), article: null } as unknown as HandoutJob;
      const [dead, next] = await Promise.all([pool.run(broken), pool.run(job('next'))]);
      expect(dead).toMatchObject({ type: 'failed', problems: [{ code: 'worker-crashed', file: broken.path }] });
      expect(next).toMatchObject({ type: 'built', pages: 2 });
      expect(readFileSync(join(root, 'out/next.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await pool.close();
    }
  });

  it('a handout over its time budget is stopped with an error at its article; the run ends', async () => {
    const pool = createPool(1, { handoutSeconds: 0.001 });
    try {
      const result = await pool.run(job('slow'));
      expect(result).toMatchObject({
        type: 'failed',
        problems: [{ code: 'handout-timeout', file: join(repoRoot, 'content/articles/puncion-seca-cuello.md') }],
      });
      expect(existsSync(join(root, 'out/slow.pdf'))).toBe(false);
    } finally {
      await pool.close();
    }
  });
});

describe('watch mode', () => {
  it('keeps seeing a file after atomic saves and keeps watching after a failed rebuild', async () => {
    const file = join(root, 'content/articles/puncion-seca-cuello.md');
    const io = captureIo(root);
    let rebuilds = 0;
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const watching = watchProject(
      root,
      join(root, 'out'),
      async () => {
        rebuilds++;
        if (rebuilds === 1) throw new Error('the rebuild failed');
      },
      io,
      { stop: stopped },
    );
    // Checked every few milliseconds until true, however long the machine takes: the test's timeout is the only limit.
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((r) => setTimeout(r, 10));
    };
    await until(() => io.out.join('').includes('watching'));
    // Replace-and-rename, as sed -i, vim and JetBrains save: three times.
    for (let save = 1; save <= 3; save++) {
      writeFileSync(`${file}.swp`, `${readFileSync(file, 'utf8')}\nSaved ${save}.\n`);
      renameSync(`${file}.swp`, file);
      await until(() => rebuilds >= save);
    }
    stop();
    await watching;
    expect(rebuilds).toBe(3);
    expect(io.err.join('')).toMatch(/error internal: unexpected failure: the rebuild failed/);
    expect(readdirSync(join(root, 'content/articles')).some((f) => f.endsWith('.swp'))).toBe(false);
  });
});
