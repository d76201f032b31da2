import { existsSync } from 'node:fs';
import { readConfined } from '../shared/confined-read.js';
import { writeFileAtomic } from './write.js';

export interface ManifestEntry {
  readonly article: string;
  readonly clinic: string;
  readonly template: string;
  /** Input files, relative to the project. */
  readonly inputs: readonly string[];
  readonly inputHash: string;
  readonly sha256: string;
  readonly pages: number;
  readonly bytes: number;
  readonly warnings: readonly string[];
}

export interface Manifest {
  readonly manifestVersion: 1;
  readonly tool: string;
  /** Entries by output path relative to the output folder, sorted. */
  readonly outputs: Readonly<Record<string, ManifestEntry>>;
}

export const manifestName = 'manifest.json';

/** The previous build's manifest; a missing or unreadable one just means nothing is up to date. */
export function readManifest(path: string): Record<string, ManifestEntry> {
  if (!existsSync(path)) return {};
  try {
    const text = readConfined(path, { roots: null, what: 'manifest' }).bytes.toString('utf8');
    const data = JSON.parse(text) as Partial<Manifest>;
    return data.manifestVersion === 1 && data.outputs ? { ...data.outputs } : {};
  } catch {
    return {};
  }
}

export function writeManifest(path: string, tool: string, outputs: Readonly<Record<string, ManifestEntry>>): void {
  const sorted = Object.fromEntries(Object.entries(outputs).sort(([a], [b]) => a.localeCompare(b)));
  const manifest: Manifest = { manifestVersion: 1, tool, outputs: sorted };
  writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Merge shard manifests; the same output listed twice must agree, or the shards overlapped. */
export function mergeManifests(manifests: readonly { file: string; outputs: Record<string, ManifestEntry> }[]): {
  outputs: Record<string, ManifestEntry>;
  conflicts: string[];
} {
  const outputs: Record<string, ManifestEntry> = {};
  const conflicts: string[] = [];
  for (const { file, outputs: entries } of manifests) {
    for (const [path, entry] of Object.entries(entries)) {
      const existing = outputs[path];
      if (existing && existing.sha256 !== entry.sha256) conflicts.push(`${path} differs in ${file}`);
      outputs[path] = entry;
    }
  }
  return { outputs, conflicts };
}
