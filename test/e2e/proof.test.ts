import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { type ProofReport, proofOutputs } from '../../src/proof/index.js';
import { cli } from '../helpers/cli.js';
import { pageTexts } from '../helpers/pdf.js';
import { copyProject, makeProject, removeProject, shortSample } from '../helpers/project.js';

const sizeOf = (file: string) => imageSize(readFileSync(file));

describe('handout proof', () => {
  let root: string;
  let outDir: string;
  let first: ProofReport;
  /** A copy of the built and drawn project, for a case that changes it: the cases do not depend on their order. */
  const copy = () => {
    const project = copyProject(root);
    return { project, out: join(project, 'out') };
  };
  beforeAll(async () => {
    // The samples without a config: two articles × two clinics (Letter and A4), standard handout, drawn once. The
    // English one cut to one page: the Spanish one's two pages are enough to show page numbering.
    root = makeProject({ 'content/articles/acupuncture-knee-pain.md': shortSample('acupuncture-knee-pain') });
    outDir = (await buildProject({ root, articles: [], clinics: [], jobs: 1 })).outDir;
    first = await proofOutputs({ outDir, dpi: 72, jobs: 1 });
  });

  it('draws every page of every output at the chosen resolution, into proofs/<clinic>/<article>', () => {
    const report = first;
    expect(report.errors).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')).outputs;
    expect(report.outputs.map((o) => o.output).sort()).toEqual(Object.keys(manifest).sort());
    for (const output of report.outputs) {
      expect(output.dir).toBe(join(outDir, 'proofs', output.clinic, output.article));
      expect(output.pages).toHaveLength(manifest[output.output].pages);
      output.pages.forEach((page, i) => {
        expect(page.file).toBe(join(output.dir, `page-${i + 1}.png`));
        const { width, height } = sizeOf(page.file);
        expect({ width, height }).toEqual({ width: Math.round(page.widthPt), height: Math.round(page.heightPt) });
      });
    }
    const a4 = report.outputs.find((o) => o.clinic === 'ridgeline-integrative')?.pages[0];
    expect([a4?.widthPt, a4?.heightPt].map((v) => Math.round(v ?? 0))).toEqual([595, 842]);
    expect(report.drawnPages).toBe(report.outputs.reduce((n, o) => n + o.pages.length, 0));
  });

  it('draws nothing on a second run, and only what changed after an edit', async () => {
    const { project, out } = copy();
    const before = await proofOutputs({ outDir: out, dpi: 72, jobs: 1 });
    const times = new Map(before.outputs.flatMap((o) => o.pages.map((p) => [p.file, statSync(p.file).mtimeMs])));
    expect(before.drawnPages).toBe(0);
    expect(before.outputs.every((o) => !o.drawn)).toBe(true);
    expect(before.sheets.every((s) => !s.drawn)).toBe(true);
    for (const [file, time] of times) expect(statSync(file).mtimeMs, file).toBe(time);

    const article = join(project, 'content/articles/puncion-seca-cuello.md');
    writeFileSync(article, `${readFileSync(article, 'utf8')}\nUna frase más al final.\n`);
    await buildProject({ root: project, articles: [], clinics: [], jobs: 1 });
    const after = await proofOutputs({ outDir: out, dpi: 72, jobs: 1 });
    expect(after.outputs.filter((o) => o.drawn).map((o) => o.output)).toEqual([
      'harbor-wellness/puncion-seca-cuello.pdf',
      'ridgeline-integrative/puncion-seca-cuello.pdf',
    ]);
    // Both clinics' sheets show that article; the other article's sheet does not.
    expect(after.sheets.filter((s) => s.drawn).map((s) => `${s.kind}-${s.id}`)).toEqual([
      'clinic-harbor-wellness',
      'clinic-ridgeline-integrative',
      'article-puncion-seca-cuello',
    ]);
  });

  it('redraws at a new resolution, with the page size scaled', async () => {
    const report = await proofOutputs({ outDir: copy().out, dpi: 50, jobs: 2, sheets: false });
    expect(report.outputs.every((o) => o.drawn)).toBe(true);
    for (const output of report.outputs)
      for (const page of output.pages) expect(sizeOf(page.file).width).toBe(Math.round((page.widthPt * 50) / 72));
  });

  it('makes a contact sheet per clinic and per article that labels every output', async () => {
    const report = await proofOutputs({ outDir: copy().out, dpi: 72, jobs: 1, sheets: 'all' });
    expect(report.sheets.map((s) => `${s.kind}-${s.id}`).sort()).toEqual([
      'article-acupuncture-knee-pain',
      'article-puncion-seca-cuello',
      'clinic-harbor-wellness',
      'clinic-ridgeline-integrative',
    ]);
    for (const sheet of report.sheets) {
      const outputs = report.outputs.filter((o) => (sheet.kind === 'clinic' ? o.clinic : o.article) === sheet.id);
      const text = (await pageTexts(readFileSync(sheet.pdf))).join('\n');
      for (const output of outputs) {
        expect(text).toContain(sheet.kind === 'clinic' ? output.article : output.clinic);
        // Every page is on the sheet, numbered.
        for (let page = 1; page <= output.pages.length; page++)
          expect(text).toContain(`p. ${page} of ${output.pages.length}`);
      }
      const thumbnails = outputs.reduce((n, o) => n + o.pages.length, 0);
      expect(sheet.labels).toHaveLength(thumbnails);
      // 18 thumbnails fit on a sheet page; more go on to the next PNG and the next PDF page.
      expect(sheet.images).toHaveLength(Math.ceil(thumbnails / 18));
      expect(await pageTexts(readFileSync(sheet.pdf))).toHaveLength(sheet.images.length);
      for (const image of sheet.images) expect(sizeOf(image)).toMatchObject({ width: 1188, height: 918 });
    }
  });

  it('runs from the command line: builds first, exits 1 with the placed error when an article is broken', async () => {
    const project = makeProject();
    writeFileSync(join(project, 'content/articles/broken.md'), '---\nsubtitle: no title\n---\n\nText.\n');
    const run = await cli(['proof', '--clinic', 'harbor-wellness', '--no-sheets'], project);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('content/articles/broken.md:2:1: error invalid-field');
    expect(run.stdout).toMatch(/^\d+ pages of 2 handouts drawn at 72 dpi/m);
    const usage = await cli(['proof', '--dpi', '0'], project);
    expect(usage.code).toBe(2);
    removeProject(project);
  });
});

describe('handout proof on an output folder that lies', () => {
  let root: string;
  beforeAll(async () => {
    root = makeProject({ 'content/articles/acupuncture-knee-pain.md': shortSample('acupuncture-knee-pain') });
    await buildProject({ root, articles: [], clinics: [], jobs: 1 });
    await proofOutputs({ outDir: join(root, 'out'), dpi: 36, jobs: 1 });
  });

  it('a proofs.json naming paths outside the proofs folder is refused whole: nothing outside is removed', async () => {
    const project = copyProject(root);
    const victim = join(project, 'victim.png');
    writeFileSync(victim, 'keep');
    const store = join(project, 'out/proofs/proofs.json');
    const record = JSON.parse(readFileSync(store, 'utf8'));
    // An entry for a PDF that is gone, whose folder climbs out: proof used to delete ../../victim.png.
    record.outputs['gone/nothing.pdf'] = { sha256: 'x', dpi: 36, dir: '../..', pages: [{ name: 'victim.png' }] };
    writeFileSync(store, JSON.stringify(record));
    const run = await cli(['proof', '--out', 'out', '--dpi', '36', '--jobs', '1'], project);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/out\/proofs\/proofs\.json: error manifest-invalid: proofs\.json names "\.\.\/\.\."/);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    // The pages were drawn again and the record rewritten by the tool: the next run is clean.
    expect((await cli(['proof', '--out', 'out', '--dpi', '36', '--jobs', '1'], project)).code).toBe(0);
    removeProject(project);
  });

  it('a PDF that is a FIFO is a placed error, not a hang; the other outputs are drawn', async () => {
    const project = copyProject(root);
    const pdf = join(project, 'out/harbor-wellness/puncion-seca-cuello.pdf');
    rmSync(pdf);
    execFileSync('mkfifo', [pdf]);
    const report = await proofOutputs({ outDir: join(project, 'out'), dpi: 36, jobs: 1, force: true });
    expect(report.errors).toEqual([expect.objectContaining({ code: 'not-a-file', file: pdf })]);
    expect(report.outputs.map((o) => o.output)).not.toContain('harbor-wellness/puncion-seca-cuello.pdf');
    expect(report.outputs.length).toBeGreaterThan(0);
    removeProject(project);
  });

  it('a page image replaced by a link to another file is drawn again, not shown', async () => {
    const project = copyProject(root);
    const secret = join(project, 'secret.txt');
    writeFileSync(secret, 'not for the sheet');
    const page = join(project, 'out/proofs/harbor-wellness/puncion-seca-cuello/page-1.png');
    rmSync(page);
    symlinkSync(secret, page);
    const report = await proofOutputs({ outDir: join(project, 'out'), dpi: 36, jobs: 1 });
    expect(report.errors).toEqual([]);
    expect(report.outputs.find((o) => o.output === 'harbor-wellness/puncion-seca-cuello.pdf')?.drawn).toBe(true);
    expect(lstatSync(page).isFile()).toBe(true);
    expect(readFileSync(secret, 'utf8')).toBe('not for the sheet');
    removeProject(project);
  });
});
