import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { createPool } from '../../src/batch/pool.js';
import { checkProject } from '../../src/check/index.js';
import { diffBuilds } from '../../src/diff/index.js';
import { proofOutputs } from '../../src/proof/index.js';
import { limits, workBudget } from '../../src/shared/limits.js';
import { hugeImagePdf, inflationBombPdf, longStringPdf, manyDrawsPdf } from '../helpers/hostile-pdf.js';
import { copyProject, makeProject, removeProject } from '../helpers/project.js';

/** The largest resident memory of this process's children (the workers), sampled until stopped; null without /proc. */
function sampleChildren(): () => number | null {
  let peak: number | null = null;
  const sample = () => {
    let pids: string[];
    try {
      pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    } catch {
      return;
    }
    for (const pid of pids) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'latin1');
        if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
        const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
        peak = Math.max(peak ?? 0, rss);
      } catch {
        // A process that ended between the listing and the read.
      }
    }
  };
  const timer = setInterval(sample, 50);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

const pdfs = {
  slow: 'harbor-wellness/puncion-seca-cuello.pdf',
  image: 'harbor-wellness/acupuncture-knee-pain.pdf',
  bomb: 'ridgeline-integrative/puncion-seca-cuello.pdf',
  plain: 'ridgeline-integrative/acupuncture-knee-pain.pdf',
};

describe('drawing PDFs in proof, diff and serve: every PDF under the time and memory budget', () => {
  let built: string;
  beforeAll(async () => {
    built = makeProject({}, { samples: 'short' });
    await buildProject({ root: built, articles: [], clinics: [], jobs: 1 });
  });
  afterAll(() => removeProject(built));

  it('proof: a PDF over the time budget, an oversized image and an inflation bomb are each a placed error; the other PDF is drawn', async () => {
    const root = copyProject(built);
    const out = join(root, 'out');
    // Small on disk: 150 KB that takes minutes to draw, 1 KB claiming 1.6 gigapixels, 300 KB inflating to 300 MB.
    writeFileSync(join(out, pdfs.slow), manyDrawsPdf(2_000_000));
    writeFileSync(join(out, pdfs.image), hugeImagePdf(40_000, 40_000));
    writeFileSync(join(out, pdfs.bomb), await inflationBombPdf(300 * 1024 * 1024));
    // The 2 million draws take minutes; the other PDFs a second or two even on a loaded machine.
    const budget = { seconds: 20, heapMb: 96 };
    const peak = sampleChildren();
    const report = await proofOutputs({ outDir: out, jobs: 2, sheets: false, budget });
    const peakRss = peak();
    const errorOf = (output: string) => report.errors.find((e) => e.file === join(out, output));
    expect(errorOf(pdfs.slow)).toMatchObject({ code: 'handout-timeout', severity: 'error' });
    expect(errorOf(pdfs.slow)?.message).toContain('took more than 20 s');
    expect(errorOf(pdfs.image)).toMatchObject({ code: 'image-too-large', severity: 'error' });
    expect(errorOf(pdfs.image)?.message).toContain('40000 × 40000 pixels');
    expect(errorOf(pdfs.bomb)).toMatchObject({ code: 'too-large', severity: 'error' });
    expect(errorOf(pdfs.bomb)?.message).toContain(`more than ${limits.pdfStreamBytes / 1024 / 1024} MB`);
    expect(report.errors).toHaveLength(3);
    expect(report.outputs.map((o) => o.output)).toEqual([pdfs.plain]);
    expect(report.outputs[0]?.pages.length).toBeGreaterThan(0);
    // No worker ever held more than its budget (heap and what lies outside it), whatever it was given.
    if (peakRss !== null) expect(peakRss).toBeLessThan((budget.heapMb + limits.workerNativeMb) * 1024 * 1024);
  });

  it('diff: a PDF over the memory budget is a placed error; the other changed output is still compared', async () => {
    const root = copyProject(built);
    const out = join(root, 'out');
    writeFileSync(join(out, pdfs.slow), longStringPdf(60_000_000));
    copyFileSync(join(out, pdfs.image), join(out, pdfs.plain));
    const report = await diffBuilds({
      old: join(built, 'out'),
      new: out,
      report: null,
      jobs: 2,
      budget: { seconds: 120, heapMb: 64 },
    });
    expect(report.errors).toEqual([
      expect.objectContaining({ code: 'handout-memory', severity: 'error', file: join(out, pdfs.slow) }),
    ]);
    expect(report.errors[0]?.message).toContain('needed more than 64 MB of memory');
    const plain = report.outputs.find((o) => o.output === pdfs.plain);
    expect(plain).toMatchObject({ status: 'changed', significant: true });
    expect(plain?.pages.length).toBeGreaterThan(0);
    expect(report.significant).toBe(true);
  });
});

describe('check lays out under the build budget', () => {
  it('a template with seven nested loops over the blocks is the build error in check too', async () => {
    const loops = '{{#each @root.article.blocks}}'.repeat(7);
    // The whole sample article: dozens of blocks, so billions of paragraphs.
    const root = makeProject({
      'templates/handout/layout.hbs': `<document>\n  <body>\n    ${loops}<p>x</p>${'{{/each}}'.repeat(7)}\n  </body>\n</document>\n`,
    });
    try {
      const selection = { articles: ['acupuncture-knee-pain'], clinics: ['harbor-wellness'] };
      const budget = { seconds: 120, heapMb: 48 };
      const checked = await checkProject({ root, ...selection, budget });
      const pool = createPool(1, { handoutSeconds: budget.seconds, heapMb: budget.heapMb });
      const build = await buildProject({ root, ...selection, pool }).finally(() => pool.close());
      const stopped = (problems: readonly { code: string; message: string; file: string }[]) =>
        problems.filter((p) => p.code === 'handout-memory').map(({ code, message, file }) => ({ code, message, file }));
      expect(stopped(checked.problems)).toEqual([
        {
          code: 'handout-memory',
          message: 'building this handout needed more than 48 MB of memory (560 MB in all); it was stopped',
          file: join(root, 'content/articles/acupuncture-knee-pain.md'),
        },
      ]);
      expect(checked.errors).toBeGreaterThan(0);
      expect(stopped(build.errors)).toEqual(stopped(checked.problems));
    } finally {
      removeProject(root);
    }
  });
});

describe('the budget', () => {
  it('is the limits unless the environment sets it; a value that is not a number is refused, never ignored', () => {
    expect(workBudget({})).toEqual({ seconds: limits.handoutSeconds, heapMb: limits.workerHeapMb });
    expect(workBudget({ HANDOUT_BUDGET_SECONDS: '5', HANDOUT_BUDGET_MB: '512' })).toEqual({ seconds: 5, heapMb: 512 });
    expect(() => workBudget({ HANDOUT_BUDGET_MB: 'lots' })).toThrow(/HANDOUT_BUDGET_MB is "lots"/);
    expect(() => workBudget({ HANDOUT_BUDGET_SECONDS: '0' })).toThrow(/above 0/);
  });
});
