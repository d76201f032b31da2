import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { proofsFolder, readStore, removeProofFiles, storeName, writeStore } from '../proof/store.js';
import { isWithin, realOrSelf } from '../shared/confined-read.js';
import type { ManifestData } from './manifest.js';
import type { PinnedFolder } from './output-folder.js';

/**
 * The proofs of outputs that were pruned (out/proofs/<clinic>/<article>/…), and the contact sheets of a clinic
 * or article no output is left of: retired pages must not stay in the folder either. Only files inside the
 * proofs folder are removed, whatever its record says.
 */
export function pruneProofs(
  pruned: readonly string[],
  manifest: ManifestData,
  outDir: string,
  folder?: PinnedFolder,
): void {
  const proofDir = join(outDir, proofsFolder);
  const storePath = join(proofDir, storeName);
  if (!existsSync(storePath) || !isWithin(realOrSelf(proofDir), [outDir])) return;
  // Entries that lie about their paths are left out (proof reports them); the others are pruned as usual.
  const { store } = readStore(storePath);
  const before = JSON.stringify(store);
  for (const output of pruned) {
    const stored = store.outputs[output];
    if (!stored) continue;
    removeProofFiles(
      stored.pages.map((page) => join(proofDir, stored.dir, page.name)),
      proofDir,
      folder,
    );
    delete store.outputs[output];
  }
  const left = Object.values(manifest.outputs);
  for (const [name, sheet] of Object.entries(store.sheets)) {
    const kind = name.startsWith('clinic-') ? 'clinic' : 'article';
    const id = name.slice(kind.length + 1);
    if (left.some((entry) => entry[kind] === id)) continue;
    removeProofFiles(
      [...sheet.images, sheet.pdf].map((file) => join(proofDir, file)),
      proofDir,
      folder,
    );
    delete store.sheets[name];
  }
  if (JSON.stringify(store) !== before) writeStore(storePath, store, folder);
}
