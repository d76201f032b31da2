import { existsSync, lstatSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertInside, type PinnedFolder } from '../batch/output-folder.js';
import { removeEmptyFolders } from '../batch/outputs.js';
import { writeFileAtomic } from '../batch/write.js';
import type { Problem } from '../errors.js';
import { isWithin, readConfined, realOrSelf } from '../shared/confined-read.js';
import type { DrawnPage } from './draw.js';

/** What was drawn for one PDF; redrawn when the PDF's sha256 or the resolution changes. */
export interface StoredProof {
  readonly sha256: string;
  readonly dpi: number;
  /** Folder relative to the proofs folder. */
  readonly dir: string;
  readonly pages: readonly DrawnPage[];
}

export interface StoredSheet {
  /** Hash of what the sheet shows (its outputs' sha256, resolution, page choice). */
  readonly key: string;
  /** Relative to the proofs folder. */
  readonly images: readonly string[];
  readonly pdf: string;
  readonly labels: readonly string[];
}

export interface ProofStore {
  readonly proofVersion: 1;
  readonly outputs: Record<string, StoredProof>;
  readonly sheets: Record<string, StoredSheet>;
}

export const storeName = 'proofs.json';

/** The folder of an output folder that proofs go into. */
export const proofsFolder = 'proofs';

/**
 * The record of what was drawn. A missing or unreadable one just means everything is drawn again; an entry
 * naming a path that leads outside the proofs folder (an output folder can come from anywhere, a CI artifact
 * of a pull request say) is an error, left out and never followed.
 */
export function readStore(path: string): { readonly store: ProofStore; readonly problems: readonly Problem[] } {
  const empty: ProofStore = { proofVersion: 1, outputs: {}, sheets: {} };
  if (!existsSync(path)) return { store: empty, problems: [] };
  let data: Partial<ProofStore>;
  try {
    // Never a plain read: a pipe in its place would hang the run.
    data = JSON.parse(
      readConfined(path, { roots: null, what: storeName }).bytes.toString('utf8'),
    ) as Partial<ProofStore>;
  } catch {
    return { store: empty, problems: [] };
  }
  if (data.proofVersion !== 1 || !isRecord(data.outputs) || !isRecord(data.sheets))
    return { store: empty, problems: [] };
  const outputs = Object.fromEntries(Object.entries(data.outputs).filter(([o, p]) => unsafeProof(o, p) === null));
  const sheets = Object.fromEntries(Object.entries(data.sheets).filter(([, sheet]) => unsafeSheet(sheet) === null));
  const store: ProofStore = { proofVersion: 1, outputs, sheets } as ProofStore;
  const unsafe = [
    ...Object.entries(data.outputs).map(([o, p]) => unsafeProof(o, p)),
    ...Object.values(data.sheets).map(unsafeSheet),
  ].find((path) => path !== null);
  if (unsafe === undefined) return { store, problems: [] };
  // Entries naming such a path are left out: nothing they name is read, removed or shown.
  return {
    store,
    problems: [
      {
        code: 'manifest-invalid',
        severity: 'error',
        message: `${storeName} names ${JSON.stringify(unsafe)}, which is not a file inside the proofs folder; its entries are ignored and drawn again`,
        file: path,
        hint: 'The tool never writes such a record: the output folder was changed by hand or comes from elsewhere. Nothing outside it was read or removed.',
      },
    ],
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A relative path of plain names (no "..", no absolute path, no control character), ending in `ending`. */
function isSafePath(value: unknown, ending: RegExp): boolean {
  if (typeof value !== 'string' || !ending.test(value)) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(value) || value.startsWith('/')) return false;
  return value.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** The first path of a proof entry that is not a plain relative path inside the proofs folder, or null. */
function unsafeProof(output: string, stored: unknown): unknown {
  if (!isSafePath(output, /\.pdf$/i)) return output;
  const { dir, pages } = (stored ?? {}) as Partial<StoredProof>;
  if (!isSafePath(dir, /./)) return dir;
  if (!Array.isArray(pages)) return pages;
  for (const page of pages) if (!isSafePath(page?.name, /\.png$/i) || page.name.includes('/')) return page?.name;
  return null;
}

/** The same for a contact sheet's entry. */
function unsafeSheet(sheet: unknown): unknown {
  const { images, pdf } = (sheet ?? {}) as Partial<StoredSheet>;
  if (!Array.isArray(images)) return images;
  for (const image of images) if (!isSafePath(image, /\.png$/i)) return image;
  return isSafePath(pdf, /\.pdf$/i) ? null : pdf;
}

/** Remove files named by the record, only regular files whose real place is inside the proofs folder. */
export function removeProofFiles(files: readonly string[], proofDir: string, folder?: PinnedFolder): void {
  const inside = realOrSelf(proofDir);
  for (const file of files) {
    if (!isWithin(realOrSelf(file), [inside]) || !lstatSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    if (folder) assertInside(folder, file);
    rmSync(file, { force: true });
    removeEmptyFolders(dirname(file), proofDir);
  }
}

export function writeStore(path: string, store: ProofStore, folder?: PinnedFolder): void {
  const sorted = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  writeFileAtomic(
    path,
    `${JSON.stringify({ proofVersion: 1, outputs: sorted(store.outputs), sheets: sorted(store.sheets) }, null, 2)}\n`,
    folder,
  );
}
