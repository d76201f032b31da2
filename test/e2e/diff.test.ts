import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Element } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { selectAll } from 'hast-util-select';
import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { type DiffReport, diffBuilds } from '../../src/diff/index.js';
import { cli, cliJson, handout } from '../helpers/cli.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const edit = (root: string, path: string, from: string, to: string) => {
  const file = join(root, path);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} has no "${from}"`);
  writeFileSync(file, text.replace(from, to));
};

describe('handout diff', () => {
  let base: string;
  let head: string;
  let work: string;
  /** The diff of the two builds with an HTML report, drawn in worker threads (the CLI tests below draw in this one). */
  let report: DiffReport;
  beforeAll(async () => {
    // Two builds of the samples (2 articles × 2 clinics) that differ in one line of one article and one clinic colour.
    // The English sample keeps its first two sections and its last (where the line is): two pages, not five.
    const lines = readFileSync(join(repoRoot, 'content/articles/acupuncture-knee-pain.md'), 'utf8').split('\n');
    const shorter = [
      ...lines.slice(0, lines.indexOf('## How it may help your knee')),
      ...lines.slice(lines.indexOf('## Questions to ask your practitioner')),
    ];
    const samples = { 'content/articles/acupuncture-knee-pain.md': shorter.join('\n') };
    [base, head, work] = [makeProject(samples), makeProject(samples), makeProject({}, { samples: false })];
    edit(head, 'content/articles/acupuncture-knee-pain.md', 'does my insurance cover it?', 'does my plan pay for it?');
    edit(head, 'content/clinics/harbor-wellness.yaml', 'primary: "#0F766E"', 'primary: "#9A3412"');
    for (const root of [base, head]) await buildProject({ root, articles: [], clinics: [], jobs: 1 });
    report = await diffBuilds({
      old: join(base, 'out'),
      new: join(head, 'out'),
      report: join(work, 'report'),
      jobs: 2,
    });
  });
  afterAll(() => [base, head, work].forEach(removeProject));

  it('reports exactly the outputs the changes touched, with their pages, pixels and words', () => {
    const byOutput = Object.fromEntries(report.outputs.map((o) => [o.output, o]));
    expect(Object.fromEntries(report.outputs.map((o) => [o.output, o.status]))).toEqual({
      'harbor-wellness/acupuncture-knee-pain.pdf': 'changed',
      'harbor-wellness/puncion-seca-cuello.pdf': 'changed',
      'ridgeline-integrative/acupuncture-knee-pain.pdf': 'changed',
      'ridgeline-integrative/puncion-seca-cuello.pdf': 'unchanged',
    });
    expect(report.counts).toEqual({ added: 0, removed: 0, changed: 3, unchanged: 1 });
    expect(report.changed).toBe(true);
    expect(report.significant).toBe(true);

    // The sentence is on the last page: for the clinic whose colour stayed, only that page changed.
    const textOnly = byOutput['ridgeline-integrative/acupuncture-knee-pain.pdf'];
    const lastPage = textOnly?.newPages ?? 0;
    expect(lastPage).toBeGreaterThan(1);
    expect(textOnly?.pages.filter((p) => p.status !== 'same').map((p) => p.page)).toEqual([lastPage]);
    expect(textOnly?.text).toEqual([expect.objectContaining({ removed: 'insurance cover', added: 'plan pay for' })]);
    // The colour is in the header band of page 1: that page changed, and no word did.
    const colourOnly = byOutput['harbor-wellness/puncion-seca-cuello.pdf'];
    expect(colourOnly?.pages.find((p) => p.page === 1)?.status).toBe('changed');
    expect(colourOnly?.text).toEqual([]);
    const both = byOutput['harbor-wellness/acupuncture-knee-pain.pdf'];
    expect(both?.pages.find((p) => p.page === lastPage)?.status).toBe('changed');
    expect(both?.text).toHaveLength(1);
    for (const o of [textOnly, colourOnly, both]) {
      expect(o?.significant).toBe(true);
      expect(o?.ratio).toBeGreaterThan(0);
      expect(o?.pixels).toBe(o?.pages.reduce((n, p) => n + p.pixels, 0));
    }
    // Unchanged by sha256: never drawn, so it has no pages and no images.
    const same = byOutput['ridgeline-integrative/puncion-seca-cuello.pdf'];
    expect(same?.pages).toEqual([]);
    expect(existsSync(join(work, 'report/images/ridgeline-integrative--puncion-seca-cuello'))).toBe(false);
  });

  it('writes an HTML report that parses and links an old, new and difference image for every changed page', () => {
    const page = readFileSync(join(work, 'report/index.html'), 'utf8');
    const tree = fromParse5(parse(page));
    const sources = selectAll('img', tree).map((img) => String((img as Element).properties.src));
    const changedPages = report.outputs.flatMap((o) => o.pages.filter((p) => p.status === 'changed'));
    expect(sources).toHaveLength(changedPages.length * 3);
    for (const p of changedPages)
      expect(sources).toEqual(expect.arrayContaining([p.images.old, p.images.new, p.images.diff]));
    for (const src of sources) expect(existsSync(join(work, 'report', src)), src).toBe(true);
    for (const img of selectAll('img', tree))
      expect(String((img as Element).properties.alt)).toMatch(/^(Old|New|Difference) page \d+ of /);
    // Grouped by clinic, then article, with a summary at the top.
    expect(selectAll('main > section > h2', tree).map((h) => (h.children[0] as { value: string }).value)).toEqual([
      'Clinic harbor-wellness',
      'Clinic ridgeline-integrative',
      'Unchanged (same bytes, not drawn)',
    ]);
    expect(page).toContain('3 handouts changed beyond the threshold');
    expect(page).toContain('<del>insurance cover</del>');
    // The folders compared are named from the report, not by where this machine keeps them.
    expect(page).toContain(`Old: <code>../../${basename(base)}/out</code>`);
    expect(page).not.toContain(tmpdir());
  });

  it('exits 0 when nothing changed beyond the threshold, 1 when something did, 2 on a usage error', async () => {
    const copy = join(work, 'copy');
    cpSync(join(base, 'out'), copy, { recursive: true });
    const same = await cli(['diff', join(base, 'out'), copy, '--no-report'], work);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('0 changed, 0 added, 0 removed, 4 unchanged');
    expect(existsSync(join(work, 'diff-report'))).toBe(false);

    // One output only in one build: added one way, removed the other.
    const fewer = join(work, 'fewer');
    cpSync(join(base, 'out'), fewer, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(fewer, 'manifest.json'), 'utf8'));
    delete manifest.outputs['harbor-wellness/puncion-seca-cuello.pdf'];
    writeFileSync(join(fewer, 'manifest.json'), JSON.stringify(manifest));
    rmSync(join(fewer, 'harbor-wellness/puncion-seca-cuello.pdf'));
    const removed = JSON.parse((await cli(['diff', copy, fewer, '--json', '--no-report'], work)).stdout);
    expect(removed.counts).toEqual({ added: 0, removed: 1, changed: 0, unchanged: 3 });
    const added = await cli(['diff', fewer, copy, '--json', '--no-report'], work);
    expect(added.code).toBe(1);
    expect(JSON.parse(added.stdout).outputs.find((o: { status: string }) => o.status === 'added').output).toBe(
      'harbor-wellness/puncion-seca-cuello.pdf',
    );

    // A colour change covers a large share of page 1; a high enough threshold lets it pass.
    const loose = await cli(['diff', join(base, 'out'), join(head, 'out'), '--threshold', '0.9', '--no-report'], work);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain('within the threshold');
    // In JSON, "changed" agrees with the counts; "significant" is what the exit code follows.
    const looseJson = await cliJson(
      ['diff', join(base, 'out'), join(head, 'out'), '--threshold', '0.9', '--no-report'],
      work,
    );
    expect(looseJson.json).toMatchObject({ exitCode: 0, changed: true, significant: false, counts: { changed: 3 } });

    // A manifest naming a file outside its folder is refused, not followed.
    const hostile = join(work, 'hostile');
    cpSync(copy, hostile, { recursive: true });
    const tampered = JSON.parse(readFileSync(join(hostile, 'manifest.json'), 'utf8'));
    tampered.outputs['../../../etc/passwd.pdf'] = tampered.outputs['harbor-wellness/puncion-seca-cuello.pdf'];
    writeFileSync(join(hostile, 'manifest.json'), JSON.stringify(tampered));
    // Read by the build's own manifest reader: the folder is not a build this tool can trust (exit 2, like not-a-build).
    const refused = await cli(['diff', copy, hostile, '--no-report'], work);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /hostile\/manifest\.json: error manifest-invalid: the manifest .* lists an output that is not a PDF inside its folder: "\.\.\/\.\.\/\.\.\/etc\/passwd\.pdf"/,
    );

    const notABuild = await cli(['diff', join(base, 'content'), copy], work);
    expect(notABuild.code).toBe(2);
    expect(notABuild.stderr).toMatch(/error not-a-build: OLD has no manifest\.json/);
    expect((await cli(['diff', copy], work)).code).toBe(2);
    expect((await cli(['diff', copy, copy, '--threshold', '2'], work)).code).toBe(2);
  });

  it('a PDF that is a FIFO or a folder is a placed error, not a hang or an internal error', async () => {
    const odd = join(work, 'odd');
    cpSync(join(base, 'out'), odd, { recursive: true });
    const fifo = join(odd, 'harbor-wellness/puncion-seca-cuello.pdf');
    rmSync(fifo);
    execFileSync('mkfifo', [fifo]);
    const folder = join(odd, 'ridgeline-integrative/puncion-seca-cuello.pdf');
    rmSync(folder);
    mkdirSync(folder);
    const result = await diffBuilds({ old: join(base, 'out'), new: odd, report: null, jobs: 1 });
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'not-a-file', file: fifo }),
      expect.objectContaining({ code: 'not-a-file', file: folder }),
    ]);
    expect(result.significant).toBe(true);
    rmSync(odd, { recursive: true });
  });

  it('is a CI gate: the real command exits 1 on a change', async () => {
    // An output removed is a change that draws one page: the process is what this shows, not the drawing.
    const fewer = join(work, 'gate');
    cpSync(join(base, 'out'), fewer, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(fewer, 'manifest.json'), 'utf8'));
    delete manifest.outputs['harbor-wellness/puncion-seca-cuello.pdf'];
    writeFileSync(join(fewer, 'manifest.json'), JSON.stringify(manifest));
    const run = await handout(['diff', join(base, 'out'), fewer, '--no-report'], work);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('0 changed, 0 added, 1 removed, 3 unchanged');
  });
});
