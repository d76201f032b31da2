import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../batch/write.js';
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

/** A missing or unreadable record just means everything is drawn again. */
export function readStore(path: string): ProofStore {
  const empty: ProofStore = { proofVersion: 1, outputs: {}, sheets: {} };
  if (!existsSync(path)) return empty;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<ProofStore>;
    return data.proofVersion === 1 && data.outputs && data.sheets
      ? { proofVersion: 1, outputs: { ...data.outputs }, sheets: { ...data.sheets } }
      : empty;
  } catch {
    return empty;
  }
}

export function writeStore(path: string, store: ProofStore): void {
  const sorted = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  writeFileAtomic(
    path,
    `${JSON.stringify({ proofVersion: 1, outputs: sorted(store.outputs), sheets: sorted(store.sheets) }, null, 2)}\n`,
  );
}
