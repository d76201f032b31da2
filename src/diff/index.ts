import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { type ManifestEntry, manifestName, readManifestStrict } from '../batch/manifest.js';
import { HandoutError, type Problem } from '../errors.js';
import { isWithin, realOrSelf, sha256 } from '../shared/confined-read.js';
import { workBudget } from '../shared/limits.js';
import { createWorkerPool } from '../shared/worker-pool.js';
import { type CompareResult, type CompareTask, comparePdfs } from './compare.js';
import { clearOldReport, writeReport } from './report.js';
import type { DiffOptions, DiffReport, OutputDiff, OutputStatus, PageDiff } from './types.js';

export type { DiffOptions, DiffReport, OutputDiff, OutputStatus, PageDiff, TextChange } from './types.js';

interface Pair {
  readonly output: string;
  readonly entry: ManifestEntry;
  readonly old: string | null;
  readonly new: string | null;
}

/**
 * Compare two builds output by output: the same sha256 is unchanged and never drawn; otherwise every page of both
 * versions is drawn and compared pixel by pixel, and their words are diffed. Writes an HTML report when asked.
 */
export async function diffBuilds(options: DiffOptions): Promise<DiffReport> {
  const oldDir = resolve(options.old);
  const newDir = resolve(options.new);
  const dpi = options.dpi ?? 72;
  const threshold = options.threshold ?? 0;
  const [before, after] = [readBuild(oldDir, 'OLD'), readBuild(newDir, 'NEW')];
  const errors: Problem[] = [];
  const results: OutputDiff[] = [];
  const pairs: Pair[] = [];
  for (const output of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const entry = (after[output] ?? before[output]) as ManifestEntry;
    const old = before[output] ? pdfIn(oldDir, output, errors) : null;
    const next = after[output] ? pdfIn(newDir, output, errors) : null;
    if ((before[output] && !old) || (after[output] && !next)) continue;
    if (old && next && sha256(readFileSync(old)) === sha256(readFileSync(next))) {
      results.push(summary(output, entry, 'unchanged', { oldPages: before[output]?.pages ?? null, pages: [] }));
      continue;
    }
    pairs.push({ output, entry, old, new: next });
  }

  const reportDir = options.report ? resolve(options.report) : null;
  if (reportDir) clearOldReport(reportDir);
  const imageFolders = folderNames(pairs.map((p) => p.output));
  const jobs = options.jobs ?? Math.min(availableParallelism(), Math.max(1, Math.floor(pairs.length / 10)));
  // Each pair is drawn under the time and memory budget a handout is built with: a hostile PDF fails alone.
  const pool = createWorkerPool<CompareTask, CompareResult>(Math.min(jobs, Math.max(1, pairs.length)), {
    worker: 'diff',
    inline: comparePdfs,
    doing: 'drawing these PDFs',
    stopped: (_task, why) => ({ type: 'failed', ...why }),
    budget: options.budget ?? workBudget(),
  });
  try {
    await Promise.all(
      pairs.map(async (pair) => {
        const folder = imageFolders.get(pair.output) as string;
        const result = await pool.run({
          old: pair.old,
          new: pair.new,
          dpi,
          imagesDir: reportDir ? join(reportDir, 'images', folder) : null,
        });
        if (result.type === 'failed') {
          errors.push({
            code: result.code ?? 'diff-failed',
            severity: 'error',
            message: `could not compare ${pair.output}: ${result.message}`,
            file: pair.new ?? pair.old ?? newDir,
          });
          return;
        }
        const status: OutputStatus = !pair.old ? 'added' : !pair.new ? 'removed' : 'changed';
        const pages = result.pages.map((page) => withFolder(page, `images/${folder}`));
        const diff = summary(pair.output, pair.entry, status, { ...result, pages });
        results.push({ ...diff, significant: status !== 'changed' || diff.ratio > threshold });
      }),
    );
  } finally {
    await pool.close();
  }

  const outputs = results.sort((a, b) => a.output.localeCompare(b.output));
  const counts = { added: 0, removed: 0, unchanged: 0, changed: 0 };
  for (const o of outputs) counts[o.status]++;
  const report: DiffReport = {
    old: oldDir,
    new: newDir,
    dpi,
    threshold,
    outputs,
    counts,
    changed: outputs.some((o) => o.status !== 'unchanged'),
    significant: errors.length > 0 || outputs.some((o) => o.significant),
    reportFile: reportDir ? join(reportDir, 'index.html') : null,
    errors,
  };
  if (reportDir) writeReport(report, reportDir);
  return report;
}

function summary(
  output: string,
  entry: ManifestEntry,
  status: OutputStatus,
  found: {
    oldPages?: number | null;
    newPages?: number | null;
    pages: readonly PageDiff[];
    text?: OutputDiff['text'];
  },
): OutputDiff {
  const ratio = found.pages.reduce((max, page) => Math.max(max, page.ratio), 0);
  return {
    output,
    article: entry.article,
    clinic: entry.clinic,
    template: entry.template,
    status,
    oldPages: found.oldPages ?? (status === 'unchanged' ? entry.pages : null),
    newPages: found.newPages ?? (status === 'unchanged' ? entry.pages : null),
    ratio: status === 'unchanged' ? 0 : ratio,
    pixels: found.pages.reduce((sum, page) => sum + page.pixels, 0),
    significant: status === 'added' || status === 'removed',
    pages: found.pages,
    text: found.text ?? [],
  };
}

/** A build folder's manifest; anything else is a usage error (exit 2), told with what to do. */
function readBuild(dir: string, name: string): Record<string, ManifestEntry> {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new HandoutError({
      code: 'not-a-build',
      message: `${name} is not a folder: ${dir}`,
      file: dir,
      hint: 'Give two output folders of "handout build", e.g. handout diff base/out out.',
    });
  const file = join(dir, manifestName);
  if (!existsSync(file))
    throw new HandoutError({
      code: 'not-a-build',
      message: `${name} has no ${manifestName}: ${dir}`,
      file: dir,
      hint: 'Give the folder "handout build" wrote (its --out), which holds manifest.json.',
    });
  // The build's own reader: the same version check, size limit and output names kept inside the folder.
  return { ...readManifestStrict(file).data.outputs };
}

/** The PDF of a manifest entry, which must be inside its folder and be there. */
function pdfIn(dir: string, output: string, errors: Problem[]): string | null {
  const path = resolve(dir, output);
  // By its name and by where it really is: a linked subfolder may lead anywhere.
  if (!path.startsWith(`${dir}${sep}`) || !isWithin(realOrSelf(path), [dir])) {
    errors.push({
      code: 'bad-manifest',
      severity: 'error',
      message: `the manifest names a file outside its folder: ${output}`,
      file: join(dir, manifestName),
    });
    return null;
  }
  if (!existsSync(path)) {
    errors.push({
      code: 'missing-output',
      severity: 'error',
      message: `${output} is in the manifest but not in the folder`,
      file: path,
      hint: 'Build the folder again; a manifest and its PDFs belong together.',
    });
    return null;
  }
  // A FIFO would hang the comparison and a folder named *.pdf fail inside it: only a regular file is read.
  if (!lstatSync(path).isFile()) {
    errors.push({
      code: 'not-a-file',
      severity: 'error',
      message: `${output} is not a regular file (a folder, a pipe, a device or a link)`,
      file: path,
      hint: 'Build the folder again; a build writes every PDF as a regular file.',
    });
    return null;
  }
  return path;
}

/** A folder name per output for its images: the path with separators flattened, made unique. */
function folderNames(outputs: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const output of outputs) {
    const base = output.replace(/\.pdf$/i, '').replace(/[^A-Za-z0-9._-]+/g, '--');
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    names.set(output, name);
  }
  return names;
}

function withFolder(page: PageDiff, folder: string): PageDiff {
  const at = (name: string | undefined) => (name ? `${folder}/${name}` : undefined);
  return { ...page, images: { old: at(page.images.old), new: at(page.images.new), diff: at(page.images.diff) } };
}
