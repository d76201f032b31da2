import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Article } from '../content/types.js';
import { type Diagnostic, HandoutError, problemsOf } from '../errors.js';
import type { PlannedOutput } from '../project/plan.js';
import { assessReadability } from '../readability/index.js';
import type { ReadabilityReport } from '../readability/types.js';
import { readConfined } from '../shared/confined-read.js';
import type { InputStates } from '../shared/input-record.js';
import { limits, sizeOverLimit } from '../shared/limits.js';
import { idMap } from '../shared/records.js';
import { decodeManifest, encodeManifest, type ManifestFile, manifestVersion } from './manifest-file.js';
import type { PinnedFolder } from './output-folder.js';
import { writeFileAtomic } from './write.js';

export type { ManifestFile } from './manifest-file.js';

/** Another output of the same clinic and template whose article is a translation of this one's. */
export interface TranslationLink {
  readonly article: string;
  readonly lang: string;
  /** Path relative to the output folder, as the manifest's keys. */
  readonly output: string;
}

/** An output's language and its translations' outputs. */
export interface OutputLanguage {
  readonly lang: string;
  readonly translations: readonly TranslationLink[];
}

export interface ManifestEntry {
  readonly article: string;
  readonly clinic: string;
  readonly template: string;
  /**
   * Everything the output was built from, as it was read: paths relative to the project (`handout-press:`
   * for the tool's own templates and fonts) → sha256, or `absent` for a place looked at and not found.
   */
  readonly inputs: InputStates;
  /** The hash of the inputs and the settings (tool version, template, page, output options). */
  readonly inputHash: string;
  readonly sha256: string;
  readonly pages: number;
  readonly bytes: number;
  /** Warnings and notes the build gave for it, with paths relative to the project. */
  readonly diagnostics: readonly Diagnostic[];
  /** The article's language. */
  readonly lang?: string;
  /** The outputs of the same clinic and template in the other languages of this article. */
  readonly translations?: readonly TranslationLink[];
  /**
   * The last build of this output failed: the file is still an earlier build's (whole, as the sha256 says),
   * kept listed so that prune and clean can find it; it is rebuilt on the next run.
   */
  readonly failed?: true;
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
  /** The reading ease of the language's formula (Amstad, Kandel–Moles, ...); absent in manifests before it. */
  readonly ease?: number | null;
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

/** Which plan a manifest's outputs belong to, and which part of it they are: what merge checks shards by. */
export interface ManifestPlan {
  /** A hash of the whole plan: every output with its article, clinic, template and the settings that apply to it. */
  readonly id: string;
  /** The part of the plan the folder holds; 1/1 for all of it. */
  readonly shard: { readonly index: number; readonly count: number };
  /** How many outputs the whole plan has. */
  readonly outputs: number;
}

export const manifestName = 'manifest.json';
export { manifestVersion };

const empty = (): ManifestData => ({ outputs: idMap(), readability: idMap() });

/**
 * The previous build's manifest. A missing one means nothing is up to date; one this version cannot read (an
 * older format, or damaged) too, and says so; one that is too large or cannot be read at all is an error.
 */
export function openManifest(path: string): { data: ManifestData; plan: ManifestPlan | null; problems: Diagnostic[] } {
  if (!existsSync(path)) return { data: empty(), plan: null, problems: [] };
  try {
    const { data, plan } = readManifestStrict(path);
    return { data, plan, problems: [] };
  } catch (error) {
    const problems = problemsOf(error, path);
    if (!(error instanceof HandoutError) || error.code !== 'manifest-invalid')
      return { data: empty(), plan: null, problems };
    // After an upgrade the first build rebuilds everything: worth a note. A damaged manifest is worth a warning.
    const older = error instanceof OtherVersion;
    const rebuilt = problems.map((p) => ({
      ...p,
      severity: older ? ('note' as const) : ('warning' as const),
      message: `${p.message}; every output is built again`,
      hint: older ? "Nothing to do: the next manifest is written in this version's format." : p.hint,
    }));
    return { data: empty(), plan: null, problems: rebuilt };
  }
}

/** A manifest another version of Handout Press wrote. */
class OtherVersion extends HandoutError {}

/**
 * The outputs a build recorded, for proofs and the preview; a manifest that cannot be used (damaged, another
 * version's, naming paths) is an error: a review tool never takes it for an empty build.
 */
export function readManifest(path: string): ManifestData {
  return existsSync(path) ? readManifestStrict(path).data : empty();
}

/** A manifest that must be there and whole (a shard's, to merge): anything else is a placed error. */
export function readManifestStrict(path: string): ManifestFile {
  // A regular file only: a FIFO named manifest.json would otherwise hang the build.
  const text = readWithinLimit(path).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw invalid(path, `is not valid JSON (${(cause as Error).message})`);
  }
  const { outputs, manifestVersion: version } = (json ?? {}) as { outputs?: unknown; manifestVersion?: unknown };
  if (typeof outputs !== 'object' || outputs === null)
    throw invalid(path, 'is not a Handout Press manifest (it has no "outputs")');
  if (version !== manifestVersion)
    throw new OtherVersion(
      invalidInit(path, `was written by another version of Handout Press (manifest version ${String(version)})`),
    );
  let file: ManifestFile;
  try {
    file = decodeManifest(json);
  } catch (cause) {
    throw invalid(path, (cause as Error).message);
  }
  // Outputs are named relative to the manifest's folder; a name that climbs out is never trusted (prune deletes by it).
  const stray = Object.keys(file.data.outputs).find((output) => !isOutputName(output));
  if (stray !== undefined) throw invalid(path, `lists an output that is not a PDF inside its folder: "${stray}"`);
  // Proofs and diffs make folders from an entry's ids: each must be a plain name, never a path.
  for (const [output, entry] of Object.entries(file.data.outputs)) {
    const fields = entry as unknown as Record<string, unknown> | null;
    const bad = (['article', 'clinic', 'template'] as const).find((key) => !isPlainName(fields?.[key]));
    if (bad !== undefined)
      throw invalid(path, `lists "${output}" with a ${bad} that is not a plain name: ${JSON.stringify(fields?.[bad])}`);
  }
  return file;
}

/** An article, clinic or template id as a manifest holds it: one folder name, no separator or control character. */
function isPlainName(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  return !/[\u0000-\u001f\u007f/\\]/.test(value) && value !== '.' && value !== '..';
}

function readWithinLimit(path: string): Buffer {
  try {
    return readConfined(path, { roots: null, what: 'manifest', maxBytes: limits.manifestBytes }).bytes;
  } catch (error) {
    if (!(error instanceof HandoutError) || error.code !== 'too-large') throw error;
    throw new HandoutError({ code: 'too-large', message: error.message, file: path, hint: tooLargeHint });
  }
}

const tooLargeHint =
  'Build the project in parts, each into its own output folder (--out with --clinic or --article), so each has a manifest of its own.';

/** An output's name in a manifest: a relative path of plain folder names down to a .pdf, nothing that climbs out. */
export function isOutputName(output: string): boolean {
  if (output.length === 0 || output.length > 1024 || !output.endsWith('.pdf')) return false;
  const control = [...output].some((char) => char < ' ');
  if (control || output.includes('\\') || output.startsWith('/') || /^[A-Za-z]:/.test(output)) return false;
  return output.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

function invalid(path: string, what: string): HandoutError {
  return new HandoutError(invalidInit(path, what));
}

function invalidInit(path: string, what: string) {
  return {
    code: 'manifest-invalid' as const,
    message: `the manifest ${path} ${what}`,
    file: path,
    hint: 'Give the manifest.json a build wrote (each shard writes one into its output folder).',
  };
}

/** Written whole or not at all; one over the size limit is refused, so the next build never meets it. */
export function writeManifest(
  path: string,
  file: ManifestFile,
  options: { maxBytes?: number; folder?: PinnedFolder | undefined } = {},
): void {
  const maxBytes = options.maxBytes ?? limits.manifestBytes;
  const text = encodeManifest(file);
  const bytes = Buffer.byteLength(text);
  if (bytes > maxBytes) {
    const shown = sizeOverLimit(bytes, maxBytes);
    throw new HandoutError({
      code: 'too-large',
      message: `the manifest would be ${shown.size} for ${Object.keys(file.data.outputs).length} outputs; the limit is ${shown.limit}`,
      file: path,
      hint: tooLargeHint,
    });
  }
  writeFileAtomic(path, text, options.folder);
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
  const listed = new Set(
    Object.values(manifest.outputs)
      .filter((entry) => !entry.failed)
      .map((entry) => entry.article),
  );
  for (const article of articles.values())
    if (article && listed.has(article.id))
      manifest.readability[article.id] = readabilityEntry(assessReadability(article), root);
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
    ease: report.ease,
    words: report.words,
    sentences: report.sentences,
    wordsPerSentence: report.wordsPerSentence,
  };
}

/**
 * Each planned output's language and translations, from the whole plan (not one shard's part), so every shard
 * relates the same outputs.
 */
export function outputLanguages(planned: readonly PlannedOutput[]): Map<string, OutputLanguage> {
  const groups = new Map<string, PlannedOutput[]>();
  for (const output of planned) {
    const key = `${output.clinic.id}\u0000${output.template}\u0000${output.original}`;
    groups.set(key, [...(groups.get(key) ?? []), output]);
  }
  const languages = new Map<string, OutputLanguage>();
  for (const group of groups.values()) {
    for (const output of group) {
      const translations = group
        .filter((other) => other.article.id !== output.article.id)
        .map((other) => ({ article: other.article.id, lang: other.lang, output: other.output }));
      languages.set(output.output, { lang: output.lang, translations });
    }
  }
  return languages;
}

/** Outputs that were up to date keep their entry, but a translation added or removed since changes its links. */
export function relateTranslations(manifest: ManifestData, languages: ReadonlyMap<string, OutputLanguage>): void {
  for (const [path, entry] of Object.entries(manifest.outputs)) {
    const language = languages.get(path);
    if (language) manifest.outputs[path] = { ...entry, ...language };
  }
}

/** Merge shard manifests; the same output or article listed twice must agree, or the shards overlapped. */
export function mergeManifests(manifests: readonly { file: string; data: ManifestData }[]): {
  data: ManifestData;
  conflicts: string[];
} {
  const data: ManifestData = { outputs: idMap(), readability: idMap() };
  const conflicts: string[] = [];
  for (const { file, data: part } of manifests) {
    for (const [path, entry] of Object.entries(part.outputs)) {
      const existing = data.outputs[path];
      // The same output from two shards must be the same entry, not only the same bytes.
      if (existing && JSON.stringify(existing) !== JSON.stringify(entry)) conflicts.push(`${path} differs in ${file}`);
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
