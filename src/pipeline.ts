import { basename, dirname } from 'node:path';
import type { Brand } from './brand/types.js';
import type { Article, Block } from './content/types.js';
import { HandoutError, type SourcePlace } from './errors.js';
import { layoutDocument } from './layout/index.js';
import type { LaidOutDocument } from './layout/types.js';
import { renderPdf } from './render/index.js';
import { loadImages } from './shared/assets.js';
import { readConfined } from './shared/confined-read.js';
import type { ImageInfo } from './shared/image-info.js';
import type { LabelOverrides } from './shared/labels.js';
import { packageRoot } from './shared/package-root.js';
import { parseSpec } from './spec/index.js';
import { expandTemplate, findTemplateDir, labelsFor } from './template/index.js';
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
}

/** What kind of PDF to write: archival, print-shop. Tagging (PDF/UA) is always on. */
export interface OutputOptions {
  readonly pdfa: boolean;
  /** Bleed in points (0 for none). */
  readonly bleed: number;
  readonly marks: boolean;
  readonly cmyk: boolean;
}

export const screenOutput: OutputOptions = { pdfa: false, bleed: 0, marks: false, cmyk: false };

export interface Handout {
  readonly pdf: Uint8Array;
  readonly layout: LaidOutDocument;
  /** Layout's notes and what writing the PDF added (e.g. images left in RGB in a CMYK file). */
  readonly notes: readonly string[];
}

/** The whole pipeline for one handout: template → spec → layout → PDF. */
export async function renderHandout(input: HandoutInput): Promise<Handout> {
  const layout = layoutHandout(input);
  const output = input.output ?? screenOutput;
  const pdf = await renderPdf(layout.document, {
    images: layout.images,
    date: documentDate(input.article),
    ...(input.documentId ? { documentId: input.documentId } : {}),
    pdfa: output.pdfa,
    print: { bleed: output.bleed, marks: output.marks, cmyk: output.cmyk, cmykColors: input.brand.colors.cmyk },
  });
  const notes = [...layout.document.notes];
  const rasters = layout.document.pages
    .flatMap((p) => p.boxes)
    .filter((b) => b.kind === 'image' && !/\.svg$/i.test(b.src));
  if (output.cmyk && rasters.length > 0) {
    notes.push(
      'PNG and JPEG images are left in RGB in the CMYK file; ask the print shop, or supply CMYK-ready artwork',
    );
  }
  return { pdf, layout: layout.document, notes };
}

/** Everything up to, but not including, drawing the PDF: tests assert on this. */
export function layoutHandout(input: HandoutInput): {
  document: LaidOutDocument;
  images: ReadonlyMap<string, Uint8Array>;
  imageInfo: ReadonlyMap<string, ImageInfo>;
} {
  const { root, article, brand, template } = input;
  const date = documentDate(article);
  const expanded = expandTemplate(findTemplateDir(template, root), {
    article,
    clinic: brand,
    build: { date: date.toISOString().slice(0, 10), template, version },
    labels: labelsFor(article.lang, [input.labels ?? {}, brand.labels]),
  });
  const spec = parseSpec(expanded, { root });
  const images = loadImages(spec, { roots: [root, packageRoot], placeOf: imagePlaces(article, brand) });
  try {
    return { document: layoutDocument(spec, { images: images.info }), images: images.bytes, imageInfo: images.info };
  } catch (error) {
    throw placeInArticle(error, article, brand);
  }
}

/** An image's problem belongs where the image was named: the article's line, or the clinic file's logo line. */
function imagePlaces(article: Article, brand: Brand): (src: string) => SourcePlace | undefined {
  const places = new Map<string, SourcePlace>();
  const visit = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      if (block.type === 'image' && !places.has(block.src))
        places.set(block.src, { file: article.file, line: block.line });
      if (block.type === 'quote' || block.type === 'callout') visit(block.blocks);
      if (block.type === 'list') for (const item of block.items) visit(item.blocks);
    }
  };
  visit(article.blocks);
  if (brand.logo) places.set(brand.logo.path, { file: brand.file, line: brand.logo.line ?? undefined });
  return (src) => places.get(src);
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

/**
 * A missing glyph, or content that does not fit, is reported at its first place in the article (or the
 * clinic file), not in the template: that is where the user can act on it.
 */
function placeInArticle(error: unknown, article: Article, brand: Brand): unknown {
  if (!(error instanceof HandoutError)) return error;
  const char =
    error.code === 'glyph-missing'
      ? /"(.+?)" \(U\+/u.exec(error.message)?.[1]
      : error.code === 'fit-overflow'
        ? /starting at "([^"]{1,40})/u.exec(error.message)?.[1]
        : undefined;
  if (!char) return error;
  for (const file of [article.file, brand.file]) {
    let lines: string[];
    try {
      lines = readConfined(file, { roots: null, what: 'file' }).bytes.toString('utf8').split('\n');
    } catch {
      continue;
    }
    const index = lines.findIndex((line) => line.includes(char));
    if (index >= 0) {
      return new HandoutError({
        code: error.code,
        message: error.message,
        file,
        line: index + 1,
        column: [...(lines[index] as string).slice(0, (lines[index] as string).indexOf(char))].length + 1,
        hint:
          error.code === 'fit-overflow'
            ? `(${basename(dirname(error.file))} template) ${error.hint ?? ''}`
            : error.hint,
      });
    }
  }
  return error;
}
