import { createHash } from 'node:crypto';
import { existsSync, lstatSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { type ManifestEntry, manifestName, readManifest } from '../batch/manifest.js';
import { type PinnedFolder, pinFolder } from '../batch/output-folder.js';
import { HandoutError, type Problem } from '../errors.js';
import { readConfined, sha256 } from '../shared/confined-read.js';
import { workBudget } from '../shared/limits.js';
import { createProofPool, type ProofPool } from './pool.js';
import { drawSheets } from './sheets.js';
import { proofsFolder, readStore, removeProofFiles, type StoredProof, storeName, writeStore } from './store.js';
import type { ProofOptions, ProofOutput, ProofReport } from './types.js';

export { proofsFolder } from './store.js';
export type { ContactSheet, ProofOptions, ProofOutput, ProofPage, ProofReport } from './types.js';

interface Selected {
  readonly output: string;
  readonly entry: ManifestEntry;
  readonly pdf: string;
  readonly sha256: string;
  readonly dir: string;
}

/**
 * Draw every page of a build's outputs as PNG (proofs/<clinic>/<article>[-template]/page-N.png) and the contact
 * sheets per clinic and per article. Incremental: an output is redrawn only when its PDF's bytes changed.
 */
export async function proofOutputs(options: ProofOptions): Promise<ProofReport> {
  const outDir = resolve(options.outDir);
  const proofDir = join(outDir, proofsFolder);
  const dpi = options.dpi ?? 72;
  const errors: Problem[] = [];
  const manifestPath = join(outDir, manifestName);
  if (!existsSync(manifestPath)) {
    errors.push({
      code: 'no-manifest',
      severity: 'error',
      message: `no ${manifestName} in ${outDir}`,
      file: outDir,
      hint: 'Proofs are drawn from a build: run "handout build" first, or give the folder it wrote with --out.',
    });
    return { proofDir, dpi, outputs: [], sheets: [], drawnPages: 0, errors };
  }
  // Taken once: a folder swapped for a link while proofs are drawn sends no page or sheet elsewhere.
  const folder = pinFolder(outDir);
  const storePath = join(proofDir, storeName);
  const { store, problems: storeProblems } = readStore(storePath);
  errors.push(...storeProblems);
  forgetMissing(store.outputs, outDir, proofDir, folder);
  const selected = select(readManifest(manifestPath).outputs, options, outDir, errors);

  const isFresh = (item: Selected, stored: StoredProof | undefined) =>
    !options.force &&
    stored?.sha256 === item.sha256 &&
    stored.dpi === dpi &&
    stored.dir === item.dir &&
    // A page replaced by a link (to a file anywhere) is drawn again, never served or put on a sheet.
    stored.pages.every((page) => lstatSync(join(proofDir, item.dir, page.name), { throwIfNoEntry: false })?.isFile());
  const toDraw = selected.filter((item) => !isFresh(item, store.outputs[item.output]));
  const jobs = options.jobs ?? Math.min(availableParallelism(), Math.max(1, Math.floor(toDraw.length / 20)));
  const pool: ProofPool =
    options.pool ?? createProofPool(Math.min(jobs, Math.max(1, toDraw.length)), options.budget ?? workBudget());
  const drawn = new Set<string>();
  let done = 0;
  const ready = (item: Selected, stored: StoredProof, isDrawn: boolean) =>
    options.onOutput?.(proofOutput(item, stored, proofDir, isDrawn));
  const drawing = new Set(toDraw);
  for (const item of selected) {
    const stored = store.outputs[item.output];
    if (stored && !drawing.has(item)) ready(item, stored, false);
  }
  try {
    await Promise.all(
      toDraw.map(async (item) => {
        const result = await pool.run({ pdf: item.pdf, dpi, dir: join(proofDir, item.dir), folder });
        options.onProgress?.(++done, toDraw.length);
        if (result.type === 'failed') {
          delete store.outputs[item.output];
          errors.push({
            code: result.code ?? 'proof-failed',
            severity: 'error',
            message: `could not draw ${item.output}: ${result.message}`,
            file: item.pdf,
            hint:
              result.code === null
                ? 'Rebuild it with "handout build --force"; if it still fails, please report it with the PDF.'
                : 'The other PDFs were drawn. Rebuild this one with "handout build --force"; a PDF from elsewhere may be hostile.',
          });
          return;
        }
        const stored = { sha256: item.sha256, dpi, dir: item.dir, pages: result.pages };
        store.outputs[item.output] = stored;
        drawn.add(item.output);
        ready(item, stored, true);
      }),
    );
  } finally {
    if (!options.pool) await pool.close();
  }

  const outputs: ProofOutput[] = selected.flatMap((item) => {
    const stored = store.outputs[item.output];
    return stored ? [proofOutput(item, stored, proofDir, drawn.has(item.output))] : [];
  });
  const sheets =
    options.sheets === false
      ? []
      : await drawSheets(
          outputs,
          { proofDir, dpi, pages: options.sheets ?? 'first', force: options.force === true, folder },
          store,
        );
  writeStore(storePath, store, folder);
  const drawnPages = outputs.filter((o) => o.drawn).reduce((sum, o) => sum + o.pages.length, 0);
  return { proofDir, dpi, outputs, sheets, drawnPages, errors };
}

function proofOutput(item: Selected, stored: StoredProof, proofDir: string, drawn: boolean): ProofOutput {
  return {
    output: item.output,
    article: item.entry.article,
    clinic: item.entry.clinic,
    template: item.entry.template,
    sha256: item.sha256,
    dir: join(proofDir, item.dir),
    pages: stored.pages.map(({ name, ...size }) => ({ file: join(proofDir, item.dir, name), ...size })),
    drawn,
  };
}

/** The manifest's outputs that match the selection, with the folder each one's pages go into. */
function select(
  manifest: Record<string, ManifestEntry>,
  options: ProofOptions,
  outDir: string,
  errors: Problem[],
): Selected[] {
  const wanted = (list: readonly string[] | undefined, id: string) => !list?.length || list.includes(id);
  const used = new Set<string>();
  const selected: Selected[] = [];
  for (const [output, entry] of Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b))) {
    if (!wanted(options.articles, entry.article) || !wanted(options.clinics, entry.clinic)) continue;
    if (options.template && entry.template !== options.template) continue;
    const pdf = join(outDir, output);
    if (!existsSync(pdf)) {
      errors.push({
        code: 'missing-output',
        severity: 'error',
        message: `${output} is in the manifest but not in the folder`,
        file: pdf,
        hint: 'Run "handout build" to write it again.',
      });
      continue;
    }
    let dir = proofFolderOf(entry);
    // Two rules may build the same article, clinic and template under two names: give each its own folder.
    if (used.has(dir)) dir = `${dir}-${createHash('sha256').update(output).digest('hex').slice(0, 8)}`;
    let bytes: Buffer;
    try {
      // A regular file inside the folder, not through a link: a FIFO would hang the drawing, a link lead outside.
      bytes = readConfined(pdf, { roots: [outDir], what: 'PDF' }).bytes;
    } catch (error) {
      if (!(error instanceof HandoutError)) throw error;
      errors.push(...error.problems());
      continue;
    }
    used.add(dir);
    selected.push({ output, entry, pdf, sha256: sha256(bytes), dir });
  }
  return selected;
}

/** proofs/<clinic>/<article>, with -<template> for any template but the standard handout. */
function proofFolderOf(entry: Pick<ManifestEntry, 'article' | 'clinic' | 'template'>): string {
  return `${entry.clinic}/${entry.template === 'handout' ? entry.article : `${entry.article}-${entry.template}`}`;
}

/** Proofs of PDFs that are no longer there are stale: their images go too. */
function forgetMissing(
  outputs: Record<string, StoredProof>,
  outDir: string,
  proofDir: string,
  folder: PinnedFolder,
): void {
  for (const [output, stored] of Object.entries(outputs)) {
    if (existsSync(join(outDir, output))) continue;
    removeProofFiles(
      stored.pages.map((page) => join(proofDir, stored.dir, page.name)),
      proofDir,
      folder,
    );
    delete outputs[output];
  }
}
