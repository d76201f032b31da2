import type { Brand } from './brand/types.js';
import type { Article } from './content/types.js';
import type { Diagnostic } from './errors.js';
import { layoutDocument } from './layout/index.js';
import type { LaidOutDocument } from './layout/types.js';
import { renderPdf } from './render/index.js';
import { loadImages } from './shared/assets.js';
import type { ImageInfo } from './shared/image-info.js';
import { InputRecord, type InputStates, inputsHash } from './shared/input-record.js';
import type { LabelOverrides } from './shared/labels.js';
import { packageRoot } from './shared/package-root.js';
import type { ReadRecorder } from './shared/read-recorder.js';
import { parseSpec } from './spec/index.js';
import { expandTemplate, findTemplateDir, type ResolvedLabels, resolveLabels } from './template/index.js';
import { version } from './version.js';

export interface HandoutInput {
  /** The project folder; templates, fonts and images are looked up inside it. */
  readonly root: string;
  readonly article: Article;
  readonly brand: Brand;
  readonly template: string;
  /** Hex digest for the PDF's /ID; by default derived from the laid-out content. */
  readonly documentId?: string;
  readonly output?: OutputOptions;
  /** The project's wording of the templates' fixed words (handout.config.yaml's `labels`); the clinic's wins. */
  readonly labels?: LabelOverrides;
  /** Records every file the handout reads (template files, fonts, images) and every place looked at. */
  readonly reads?: ReadRecorder;
}

/** What kind of PDF to write: archival, print-shop. Tagging (PDF/UA) is always on. */
export interface OutputOptions {
  readonly pdfa: boolean;
  /** Bleed in points (0 for none). */
  readonly bleed: number;
  readonly marks: boolean;
  readonly cmyk: boolean;
  /** The release version printed in every page's footer and written into the metadata; absent: unstamped. */
  readonly stamp?: string | undefined;
}

export const screenOutput: OutputOptions = { pdfa: false, bleed: 0, marks: false, cmyk: false };

export interface Handout {
  readonly pdf: Uint8Array;
  readonly layout: LaidOutDocument;
  /** Layout's notes and warnings, and what writing the PDF added (images left in RGB in a CMYK file). */
  readonly notes: readonly Diagnostic[];
}

export interface LaidOutHandout {
  readonly document: LaidOutDocument;
  readonly images: ReadonlyMap<string, Uint8Array>;
  readonly imageInfo: ReadonlyMap<string, ImageInfo>;
}

/** The whole pipeline for one handout: template → spec → layout → PDF. */
export async function renderHandout(input: HandoutInput): Promise<Handout> {
  return drawHandout(input, layoutHandout(input), input.documentId);
}

/** Everything up to, but not including, drawing the PDF: tests assert on this. */
export function layoutHandout(input: HandoutInput): LaidOutHandout {
  const { root, article, brand, template, reads } = input;
  const date = documentDate(article);
  const expanded = expandTemplate(
    findTemplateDir(template, root, reads),
    {
      article,
      clinic: brand,
      build: { date: date.toISOString().slice(0, 10), template, version, stamp: input.output?.stamp ?? null },
      ...templateLabels(resolveLabels(article.lang, [input.labels ?? {}, brand.labels], brand)),
    },
    { reads },
  );
  const clinicFonts = [brand.fonts.body, brand.fonts.heading].filter((f) => f !== null);
  const spec = parseSpec(expanded, {
    root,
    reads,
    sources: { article: article.file, clinic: brand.file },
    clinicFonts,
  });
  // An image is read where it was named: the <image> carries its article line, the logo its clinic file line.
  const logoPlace = brand.logo ? { file: brand.file, line: brand.logo.line ?? undefined } : undefined;
  const images = loadImages(spec, {
    roots: [root, packageRoot],
    placeOf: (src) => (src === brand.logo?.path ? logoPlace : undefined),
    reads,
  });
  return { document: layoutDocument(spec, { images: images.info }), images: images.bytes, imageInfo: images.info };
}

/** Labels as templates see them: the words, and the language of each that is not the article's. */
function templateLabels(resolved: ResolvedLabels) {
  return { labels: resolved.labels, labelLangs: resolved.foreign };
}

async function drawHandout(input: HandoutInput, laid: LaidOutHandout, documentId: string | undefined) {
  const output = input.output ?? screenOutput;
  const pdf = await renderPdf(laid.document, {
    images: laid.images,
    date: documentDate(input.article),
    ...(documentId ? { documentId } : {}),
    pdfa: output.pdfa,
    ...(output.stamp ? { stamp: output.stamp } : {}),
    print: { bleed: output.bleed, marks: output.marks, cmyk: output.cmyk, cmykColors: input.brand.colors.cmyk },
  });
  const notes = [...laid.document.notes];
  const rasters = laid.document.pages
    .flatMap((p) => p.boxes)
    .filter((b) => b.kind === 'image' && !/\.svg$/i.test(b.src));
  if (output.cmyk && rasters.length > 0) {
    notes.push({
      severity: 'warning',
      code: 'cmyk-images',
      message: 'PNG and JPEG images are left in RGB in the CMYK file',
      file: input.brand.logo && rasters.length === 1 ? input.brand.file : input.article.file,
      hint: 'Ask the print shop, or supply CMYK-ready artwork.',
    });
  }
  return { pdf, layout: laid.document, notes };
}

/** One output as `handout build` makes it; the library's buildHandout makes it the same way. */
export interface OutputJob extends Omit<HandoutInput, 'reads' | 'documentId'> {
  readonly output: OutputOptions;
  /** What the main thread read for it already: the config, the article and the clinic file (and logo). */
  readonly inputs: InputStates;
  /** What the output depends on besides files: the tool's version, the template, the output options. */
  readonly settings: Readonly<Record<string, unknown>>;
}

export interface BuiltOutput extends Handout {
  /** Every file it was built from, with its hash, and every place looked at: the manifest's record. */
  readonly inputs: InputStates;
  /** The hash of the inputs and settings: the PDF's /ID and the manifest's freshness key. */
  readonly inputHash: string;
}

/**
 * Build one output and record exactly what it read. The PDF's /ID is the hash of those inputs, so the same
 * inputs give the same bytes wherever the project is.
 */
export async function buildOutput(job: OutputJob): Promise<BuiltOutput> {
  const record = new InputRecord();
  record.merge(job.inputs, job.root);
  const input: HandoutInput = { ...job, reads: record };
  const laid = layoutHandout(input);
  const inputs = record.states(job.root);
  const inputHash = inputsHash(inputs, job.settings);
  return { ...(await drawHandout(input, laid, inputHash)), inputs, inputHash };
}

/**
 * The date written into the PDF: SOURCE_DATE_EPOCH when set, else the article's review date,
 * else a fixed epoch, so the same inputs give the same bytes on any day.
 */
export function documentDate(article: Article): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  if (article.reviewed) return new Date(`${article.reviewed}T00:00:00Z`);
  return new Date('2000-01-01T00:00:00Z');
}
