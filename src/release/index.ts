import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { buildProject } from '../batch/index.js';
import { type ManifestEntry, manifestName, readManifest } from '../batch/manifest.js';
import { readBrand } from '../brand/index.js';
import { readArticle } from '../content/index.js';
import { type Diagnostic, HandoutError } from '../errors.js';
import { loadProject } from '../project/index.js';
import { sha256 } from '../shared/confined-read.js';
import { version as toolVersion } from '../version.js';
import { findBaseline, recordName } from './baseline.js';
import { changesMarkdown, releaseChanges } from './changes.js';
import { releaseIndex } from './index-html.js';
import { type PdfReader, pageHash, pdfReader } from './pages.js';
import type { ReleasedOutput, ReleasedZip, ReleaseOptions, ReleaseRecord, ReleaseReport } from './types.js';
import { reproducibleZip } from './zip.js';

export type * from './types.js';

/**
 * Build every planned handout stamped with the version and write the release folder: the PDFs by clinic, a zip
 * per clinic, release.json, CHANGES.md and changes.json against the previous release, index.html and SHA256SUMS.
 * The folder appears whole or not at all: it is written beside its place and renamed at the end.
 */
export async function releaseProject(options: ReleaseOptions): Promise<ReleaseReport> {
  const project = loadProject({ root: options.root, config: options.config });
  const dir = resolve(options.dir ?? join(project.outDir, 'release', options.version));
  if (existsSync(dir) && !options.replace)
    throw new HandoutError({
      code: 'release-exists',
      message: `release ${options.version} exists already: ${dir}`,
      file: dir,
      hint: 'A release is not changed once made: give a new --version, or --force to replace it.',
    });
  const baseline = findBaseline(options.since, dir, options.version);
  // Stamped outputs are kept apart from `handout build`'s, so neither makes the other out of date.
  const buildDir = join(dirname(dir), '.build');
  const build = await buildProject({
    ...options,
    out: buildDir,
    prune: true,
    output: { ...options.output, stamp: options.version },
  });
  if (build.errors.length > 0 || build.failed > 0)
    throw new HandoutError(
      {
        code: 'release-incomplete',
        message: `release ${options.version} not written: ${build.failed} of ${build.results.length} outputs failed`,
        file: dir,
        hint: 'Fix the errors listed and run the release again; nothing of it was written.',
      },
      build.errors,
    );

  const notes: Diagnostic[] = [];
  const reader = await pdfReader(project.root);
  if (!reader)
    notes.push({
      code: 'renderer-missing',
      severity: 'note',
      message:
        'index.html has no thumbnails and CHANGES.md no page-by-page changes: pdfjs-dist and @napi-rs/canvas are not installed',
      file: join(project.root, 'package.json'),
      hint: 'They are optional peers; install them for thumbnails and changed pages.',
    });
  const manifest = readManifest(join(buildDir, manifestName));
  const date = releaseDate(project.root, manifest.readability);
  const pdfs = new Map<string, Uint8Array>();
  const thumbnails = new Map<string, string>();
  const outputs: ReleasedOutput[] = [];
  for (const result of [...build.results].sort((a, b) => a.output.localeCompare(b.output))) {
    const entry = manifest.outputs[result.output] as ManifestEntry;
    const pdf = readFileSync(join(buildDir, result.output));
    pdfs.set(result.output, pdf);
    const reading = reader ? await reader(pdf, [options.version]) : null;
    if (reading) thumbnails.set(result.output, reading.thumbnail);
    outputs.push(releasedOutput(project.root, result.output, entry, pdf, manifest.readability, reading?.words ?? null));
  }
  const zips = clinicZips(pdfs, date);
  const record: ReleaseRecord = {
    release: 1,
    version: options.version,
    date: date.toISOString(),
    tool: toolVersion,
    since: baseline?.record.version ?? null,
    outputs,
    zips: [...zips].map(([path, bytes]) => zipEntry(path, bytes)),
  };
  const changes = await releaseChanges(record, pdfs, baseline, reader);
  const clinicNames = new Map(project.clinics.map((c) => [c.id, clinicName(c.file, project.root, c.id)]));

  const files = new Map<string, Uint8Array | string>([...pdfs, ...zips]);
  files.set(manifestName, readFileSync(join(buildDir, manifestName)));
  files.set(recordName, `${JSON.stringify(record, null, 2)}\n`);
  files.set('changes.json', `${JSON.stringify(changes, null, 2)}\n`);
  files.set('CHANGES.md', changesMarkdown(changes));
  files.set('index.html', releaseIndex(record, clinicNames, thumbnails));
  files.set('SHA256SUMS', checksums(files));
  writeWhole(dir, files);
  return { dir, record, changes, build, notes };
}

function releasedOutput(
  root: string,
  path: string,
  entry: ManifestEntry,
  pdf: Uint8Array,
  readability: ReturnType<typeof readManifest>['readability'],
  words: PageWords | null,
): ReleasedOutput {
  const reading = readability[entry.article];
  const article = reading ? readArticle(join(root, reading.file), root) : null;
  return {
    path,
    clinic: entry.clinic,
    article: entry.article,
    template: entry.template,
    language: entry.lang ?? article?.lang ?? 'en',
    title: article?.title ?? entry.article,
    pages: entry.pages,
    bytes: pdf.byteLength,
    sha256: sha256(pdf),
    reviewed: article?.reviewed ?? null,
    grade: reading?.grade ?? null,
    source: sha256(JSON.stringify([entry.inputs, entry.template, toolVersion])),
    pageText: words ? words.map(pageHash) : null,
  };
}

type PageWords = Awaited<ReturnType<PdfReader>>['words'];

/** SOURCE_DATE_EPOCH when set, else the newest review date of the articles: never the clock, so reruns agree. */
function releaseDate(root: string, readability: ReturnType<typeof readManifest>['readability']): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const reviewed = Object.values(readability)
    .map((r) => readArticle(join(root, r.file), root).reviewed)
    .filter((d): d is string => d !== null)
    .sort();
  return new Date(`${reviewed.at(-1) ?? '2000-01-01'}T00:00:00Z`);
}

/** <clinic>.zip holding <clinic>/<file>.pdf, for each clinic. */
function clinicZips(pdfs: ReadonlyMap<string, Uint8Array>, date: Date): Map<string, Uint8Array> {
  const byClinic = new Map<string, Map<string, Uint8Array>>();
  for (const [path, pdf] of pdfs) {
    const clinic = path.split('/')[0] as string;
    const files = byClinic.get(clinic) ?? new Map<string, Uint8Array>();
    files.set(path, pdf);
    byClinic.set(clinic, files);
  }
  return new Map(
    [...byClinic].sort(([a], [b]) => a.localeCompare(b)).map(([c, f]) => [`${c}.zip`, reproducibleZip(f, date)]),
  );
}

function zipEntry(path: string, bytes: Uint8Array): ReleasedZip {
  return { clinic: path.replace(/\.zip$/, ''), path, bytes: bytes.byteLength, sha256: sha256(bytes) };
}

function clinicName(file: string, root: string, id: string): string {
  try {
    return readBrand(file, root).name;
  } catch {
    return id;
  }
}

/** In the format `sha256sum -c` checks: "<hex>  <path>", sorted by path. */
function checksums(files: ReadonlyMap<string, Uint8Array | string>): string {
  return [...files.keys()]
    .sort()
    .map((path) => `${sha256(files.get(path) as Uint8Array | string)}  ${path}\n`)
    .join('');
}

/** Write every file into a folder beside `dir`, then rename it into place: a failure leaves no partial release. */
function writeWhole(dir: string, files: ReadonlyMap<string, Uint8Array | string>): void {
  const staging = join(dirname(dir), `.${basename(dir)}.partial-${process.pid}`);
  const previous = join(dirname(dir), `.${basename(dir)}.replaced-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [path, data] of files) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), data);
    }
    if (existsSync(dir)) renameSync(dir, previous);
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(previous) && !existsSync(dir)) renameSync(previous, dir);
    throw new HandoutError({
      code: 'output-unwritable',
      message: `release folder not written: ${error instanceof Error ? error.message : String(error)}`,
      file: dir,
      hint: 'Check that the folder can be written; nothing of the release was left behind.',
      cause: error,
    });
  }
  rmSync(previous, { recursive: true, force: true });
}
