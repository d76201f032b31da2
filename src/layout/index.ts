import { HandoutError } from '../errors.js';
import { faceMetrics } from '../fonts/index.js';
import type { ImageInfo } from '../shared/image-info.js';
import type { FontFamily, LayoutSpec, RegionSpec } from '../spec/types.js';
import { type FlowContext, flowBlocks } from './flow.js';
import { type PageArea, PageLimitError, paginate } from './paginate.js';
import { stackSlices } from './slices.js';
import type { TextContext } from './text.js';
import type { Box, LaidOutDocument, LaidOutPage } from './types.js';

export type * from './types.js';

export interface LayoutOptions {
  /** Intrinsic sizes of every image the spec names, by absolute path. */
  readonly images: ReadonlyMap<string, ImageInfo>;
  readonly maxPages?: number;
}

/** Lay a validated spec out into pages of positioned boxes. Pure data in, pure data out: no PDF involved. */
export function layoutDocument(spec: LayoutSpec, options: LayoutOptions): LaidOutDocument {
  const { page } = spec;
  const fonts = new Map<string, FontFamily>(spec.fonts.map((f) => [f.name, f]));
  const missing = new Set<string>();
  const problems: string[] = [];
  const textContext = (fieldValues: Record<string, string> | null): TextContext => ({
    fonts,
    fallbackFonts: spec.fallbackFonts,
    fieldValues,
    missing,
    ascentOf: faceMetrics,
  });
  const regionsOn = (index: number, kind: RegionSpec['kind']) =>
    spec.regions.filter((r) => r.kind === kind && appliesTo(r, index));
  const areaFor = (index: number): PageArea => {
    const header = regionsOn(index, 'header');
    const footer = regionsOn(index, 'footer');
    const top = Math.max(page.margin.top, ...header.map((r) => r.height + r.gap));
    const bottom = page.height - Math.max(page.margin.bottom, ...footer.map((r) => r.height + r.gap));
    return { top, bottom };
  };
  const smallestBody = Math.min(...[0, 1].map((i) => areaFor(i).bottom - areaFor(i).top));
  const flow: FlowContext = {
    text: textContext(null),
    images: options.images,
    maxImageHeight: smallestBody,
    problems,
    nextGroupId: 1,
  };

  const contentWidth = page.width - page.margin.left - page.margin.right;
  const slices = flowBlocks(spec.body, page.margin.left, contentWidth, flow);
  let pageSlices: ReturnType<typeof paginate>;
  try {
    pageSlices = paginate(slices, areaFor, options.maxPages ?? 500);
  } catch (error) {
    if (!(error instanceof PageLimitError)) throw error;
    throw new HandoutError({
      code: 'page-limit',
      message: `${error.message}; stopping`,
      file: spec.templateFile,
      hint: 'Split the article, or check the template for a loop that repeats content.',
    });
  }

  const total = pageSlices.length;
  const pages: LaidOutPage[] = pageSlices.map((slicesOnPage, index) => {
    const regionContext = { ...flow, text: textContext({ page: String(index + 1), pages: String(total) }) };
    const regionBoxes = spec.regions
      .filter((r) => appliesTo(r, index))
      .flatMap((region) => layoutRegion(region, page.width, page.height, regionContext));
    const body = stackSlices(slicesOnPage, areaFor(index).top).boxes;
    return { boxes: [...regionBoxes, ...body] };
  });

  if (missing.size > 0) {
    const chars = [...missing].map(
      (c) => `"${c}" (U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')})`,
    );
    throw new HandoutError({
      code: 'glyph-missing',
      message: `no font has the character${chars.length > 1 ? 's' : ''} ${chars.join(', ')}`,
      file: spec.templateFile,
      hint: 'Replace the character, or add a font that has it to the template\'s fallback list (<document fallback="...">).',
    });
  }
  if (problems.length > 0) {
    throw new HandoutError({ code: 'layout', message: problems.join('; '), file: spec.templateFile });
  }
  return { width: page.width, height: page.height, info: spec.info, pages };
}

function appliesTo(region: RegionSpec, pageIndex: number): boolean {
  return region.pages === 'all' || (region.pages === 'first') === (pageIndex === 0);
}

function layoutRegion(region: RegionSpec, pageWidth: number, pageHeight: number, context: FlowContext): Box[] {
  const top = region.kind === 'header' ? 0 : pageHeight - region.height;
  const { padding } = region;
  const slices = flowBlocks(region.children, padding.left, pageWidth - padding.left - padding.right, context);
  const content = stackSlices(slices, top + padding.top).boxes;
  if (!region.fill) return content;
  return [
    {
      kind: 'rect',
      x: 0,
      y: top,
      width: pageWidth,
      height: region.height,
      fill: region.fill,
      stroke: null,
      lineWidth: 0,
      radius: 0,
    },
    ...content,
  ];
}
