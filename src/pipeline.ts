import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Brand } from './brand/types.js';
import type { Article } from './content/types.js';
import { HandoutError } from './errors.js';
import { layoutDocument } from './layout/index.js';
import type { LaidOutDocument } from './layout/types.js';
import { renderPdf } from './render/index.js';
import { loadImages } from './shared/assets.js';
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
}

export interface Handout {
  readonly pdf: Uint8Array;
  readonly layout: LaidOutDocument;
}

/** The whole pipeline for one handout: template → spec → layout → PDF. */
export async function renderHandout(input: HandoutInput): Promise<Handout> {
  const layout = layoutHandout(input);
  const pdf = await renderPdf(layout.document, {
    images: layout.images,
    date: documentDate(input.article),
    ...(input.documentId ? { documentId: input.documentId } : {}),
  });
  return { pdf, layout: layout.document };
}

/** Everything up to, but not including, drawing the PDF: tests assert on this. */
export function layoutHandout(input: HandoutInput): {
  document: LaidOutDocument;
  images: ReadonlyMap<string, Uint8Array>;
} {
  const { root, article, brand, template } = input;
  const date = documentDate(article);
  const expanded = expandTemplate(findTemplateDir(template, root), {
    article,
    clinic: brand,
    build: { date: date.toISOString().slice(0, 10), template, version },
    labels: labelsFor(article.lang),
  });
  const spec = parseSpec(expanded, { root });
  const images = loadImages(spec, [root, packageRoot]);
  try {
    return { document: layoutDocument(spec, { images: images.info }), images: images.bytes };
  } catch (error) {
    throw placeGlyphError(error, article, brand);
  }
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
function placeGlyphError(error: unknown, article: Article, brand: Brand): unknown {
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
      lines = readFileSync(file, 'utf8').split('\n');
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
