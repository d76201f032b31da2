import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Article } from '../content/types.js';
import { assessReadability } from '../readability/index.js';
import type { ReadabilityReport } from '../readability/types.js';
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

/** An article's reading level, for CI to chart from build to build. */
export interface ArticleReadability {
  /** The article file, relative to the project. */
  readonly file: string;
  readonly lang: string;
  /** The grade the readability gate compares, by the language's formula; null where there is none yet. */
  readonly grade: number | null;
  readonly formula: ReadabilityReport['formula'];
  readonly fleschKincaidGrade: number | null;
  readonly smogGrade: number | null;
  readonly fernandezHuerta: number | null;
  readonly words: number;
  readonly sentences: number;
  readonly wordsPerSentence: number;
}

/** What a manifest holds: outputs by path, and the reading level of each article they were built from. */
export interface ManifestData {
  /** Entries by output path relative to the output folder. */
  readonly outputs: Record<string, ManifestEntry>;
  /** By article id. */
  readonly readability: Record<string, ArticleReadability>;
}

export interface Manifest extends Readonly<ManifestData> {
  readonly manifestVersion: 1;
  readonly tool: string;
}

export const manifestName = 'manifest.json';

/** The previous build's manifest; a missing or unreadable one just means nothing is up to date. */
export function readManifest(path: string): ManifestData {
  const empty = { outputs: {}, readability: {} };
  if (!existsSync(path)) return empty;
  try {
    // A regular file only: a FIFO named manifest.json would otherwise hang the build.
    const text = readConfined(path, { roots: null, what: 'manifest' }).bytes.toString('utf8');
    const data = JSON.parse(text) as Partial<Manifest>;
    if (data.manifestVersion !== 1 || !data.outputs) return empty;
    return { outputs: { ...data.outputs }, readability: { ...data.readability } };
  } catch {
    return empty;
  }
}

export function writeManifest(path: string, tool: string, data: ManifestData): void {
  const sorted = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  const manifest: Manifest = {
    manifestVersion: 1,
    tool,
    outputs: sorted(data.outputs),
    readability: sorted(data.readability),
  };
  writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Each article read in this run gets its reading level; an article keeps an entry while the manifest lists
 * an output of it (another shard's, say), and loses it with its last output.
 */
export function recordReadability(
  manifest: ManifestData,
  articles: ReadonlyMap<string, Article | null>,
  root: string,
): void {
  for (const article of articles.values())
    if (article) manifest.readability[article.id] = readabilityEntry(assessReadability(article), root);
  const listed = new Set(Object.values(manifest.outputs).map((entry) => entry.article));
  for (const id of Object.keys(manifest.readability)) if (!listed.has(id)) delete manifest.readability[id];
}

export function readabilityEntry(report: ReadabilityReport, root: string): ArticleReadability {
  return {
    file: relative(root, report.file),
    lang: report.lang,
    grade: report.grade,
    formula: report.formula,
    fleschKincaidGrade: report.fleschKincaidGrade,
    smogGrade: report.smogGrade,
    fernandezHuerta: report.fernandezHuerta,
    words: report.words,
    sentences: report.sentences,
    wordsPerSentence: report.wordsPerSentence,
  };
}

/** Merge shard manifests; the same output or article listed twice must agree, or the shards overlapped. */
export function mergeManifests(manifests: readonly { file: string; data: ManifestData }[]): {
  data: ManifestData;
  conflicts: string[];
} {
  const data: ManifestData = { outputs: {}, readability: {} };
  const conflicts: string[] = [];
  for (const { file, data: part } of manifests) {
    for (const [path, entry] of Object.entries(part.outputs)) {
      const existing = data.outputs[path];
      if (existing && existing.sha256 !== entry.sha256) conflicts.push(`${path} differs in ${file}`);
      data.outputs[path] = entry;
    }
    for (const [id, entry] of Object.entries(part.readability)) {
      const existing = data.readability[id];
      if (existing && JSON.stringify(existing) !== JSON.stringify(entry))
        conflicts.push(`the readability of ${id} differs in ${file}`);
      data.readability[id] = entry;
    }
  }
  return { data, conflicts };
}
