import { basename, dirname } from 'node:path';
import { dedupeProblems, HandoutError, type Problem } from '../errors.js';
import { faceMetrics } from '../fonts/index.js';
import type { ImageInfo } from '../shared/image-info.js';
import type { BlockSpec, FontFamily, LayoutSpec, PanelSpec, RegionSpec } from '../spec/types.js';
import { type FlowContext, flowBlocks, type PlacedProblem } from './flow.js';
import { appliesTo, type Frame, type FrameSet, frameSet } from './frames.js';
import { PageLimitError, paginate } from './paginate.js';
import { bodySize, minimumTextSize, scaleBlocks } from './scale.js';
import { type Slice, stackSlices } from './slices.js';
import type { TextContext } from './text.js';
import type { Box, LaidOutDocument, LaidOutPage, StructNode } from './types.js';

export type * from './types.js';

export interface LayoutOptions {
  /** Intrinsic sizes of every image the spec names, by absolute path. */
  readonly images: ReadonlyMap<string, ImageInfo>;
  readonly maxPages?: number;
  /** The article the spec was expanded from: a block's `line` attribute (a table's) is a line of this file. */
  readonly source?: string;
}

/** Lay a validated spec out into pages of positioned boxes. Pure data in, pure data out: no PDF involved. */
export function layoutDocument(spec: LayoutSpec, options: LayoutOptions): LaidOutDocument {
  const fonts = new Map<string, FontFamily>(spec.fonts.map((f) => [f.name, f]));
  const missing = new Set<string>();
  const problems: string[] = [];
  const placed: PlacedProblem[] = [];
  const notes: string[] = [];
  const textContext = (fieldValues: Record<string, string> | null): TextContext => ({
    fonts,
    fallbackFonts: spec.fallbackFonts,
    fieldValues,
    missing,
    ascentOf: faceMetrics,
    lang: spec.info.lang,
  });
  const frames = frameSet(spec);
  const flow: FlowContext = {
    text: textContext(null),
    images: options.images,
    maxImageHeight: Math.min(...[0, 1].map((i) => frames.frame(i).bottom - frames.frame(i).top)),
    problems,
    placed,
    notes,
    ids: { group: 1, node: 1 },
    parent: null,
  };
  // Reading order: a tagged masthead and panels read "before", then the body, then the rest.
  const before = holder();
  const body = holder();
  const after = holder();
  const maxFrames = (options.maxPages ?? 500) * Math.max(1, frames.framesPerPage);
  const flowBody = (blocks: readonly BlockSpec[]) => {
    body.children.length = 0;
    // Only the last attempt counts: a table too wide at full size may fit once `fit: shrink` made the text smaller.
    placed.length = 0;
    try {
      return paginate(
        flowBlocks(blocks, 0, frames.width, { ...flow, parent: body }),
        (k) => frames.frame(k),
        maxFrames,
      );
    } catch (error) {
      if (!(error instanceof PageLimitError)) throw error;
      throw new HandoutError({
        code: 'page-limit',
        message: `the layout would need more than ${options.maxPages ?? 500} pages; stopping`,
        file: spec.templateFile,
        hint: 'Split the article, or check the template for a loop that repeats content.',
      });
    }
  };

  let framed = flowBody(spec.body);
  const fitsLength = (slices: Slice[][]) => frames.limit === null || slices.length <= frames.limit;
  // A table too wide for the column is something `fit: shrink` can cure too: its words get smaller with the text.
  const tooWide = () => placed.some((p) => p.code === 'table-too-wide');
  if (!fitsLength(framed) || (spec.fit.mode === 'shrink' && tooWide())) {
    framed = fitByShrinking(spec, frames, framed, flowBody, notes, (f) => fitsLength(f) && !tooWide());
  }
  const pageCount =
    frames.limit !== null ? spec.fixedPages.length : Math.max(1, Math.ceil(framed.length / frames.framesPerPage));
  const framesOnPage = new Map<number, { frame: Frame; slices: Slice[] }[]>();
  framed.forEach((slices, index) => {
    const frame = frames.frame(index);
    framesOnPage.set(frame.page, [...(framesOnPage.get(frame.page) ?? []), { frame, slices }]);
  });

  const pages: LaidOutPage[] = [];
  for (let index = 0; index < pageCount; index++) {
    const pageContext = { ...flow, text: textContext({ page: String(index + 1), pages: String(pageCount) }) };
    const regionBoxes = spec.regions
      .filter((r) => appliesTo(r, index))
      .flatMap((region) => {
        // A tagged region (a masthead) is read once, where it first appears; elsewhere it is page furniture.
        const parent =
          region.tagged && firstPage(region) === index ? (region.kind === 'header' ? before : after) : null;
        return layoutRegion(region, spec.page.width, spec.page.height, { ...pageContext, parent });
      });
    const panelBoxes = (spec.fixedPages[index]?.panels ?? []).flatMap((panel) =>
      layoutPanel(panel, { ...pageContext, parent: panel.reading === 'before' ? before : after }, spec),
    );
    const bodyBoxes = (framesOnPage.get(index) ?? []).flatMap(({ frame, slices }) =>
      moveRight(stackSlices(slices, frame.top).boxes, frame.x),
    );
    pages.push({ boxes: [...regionBoxes, ...panelBoxes, ...bodyBoxes] });
  }

  const all: Problem[] = [];
  if (missing.size > 0) {
    const chars = [...missing].map(
      (c) => `"${c}" (U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')})`,
    );
    all.push({
      severity: 'error',
      code: 'glyph-missing',
      message: `no font has the character${chars.length > 1 ? 's' : ''} ${chars.join(', ')}`,
      file: spec.templateFile,
      hint: 'Replace the character, or add a font that has it to the template\'s fallback list (<document fallback="...">).',
    });
  }
  if (all.length > 0 || problems.length > 0 || placed.length > 0) {
    const template = `${basename(dirname(spec.templateFile))} template`;
    const located: Problem[] = placed.map((p) => ({
      severity: 'error',
      code: p.code,
      ...(options.source && p.sourceLine !== null
        ? { message: `${p.message} (${template})`, file: options.source, line: p.sourceLine, column: 1 }
        : { message: `${p.message} (layout spec line ${p.specLine})`, file: spec.templateFile }),
      hint: p.hint,
    }));
    const general: Problem[] = problems.length
      ? [{ severity: 'error', code: 'layout', message: problems.join('; '), file: spec.templateFile }]
      : [];
    throw HandoutError.fromProblems(dedupeProblems([...all, ...located, ...general]));
  }
  const structure: StructNode = {
    id: 0,
    role: 'Document',
    alt: null,
    children: [...before.children, ...body.children, ...after.children],
  };
  return {
    width: spec.page.width,
    height: spec.page.height,
    info: spec.info,
    pages,
    structure,
    notes: [...new Set(notes)],
  };
}

function holder(): StructNode {
  return { id: -1, role: 'Div', alt: null, children: [] };
}

function firstPage(region: RegionSpec): number {
  return region.pages === 'rest' ? 1 : 0;
}

/** `fit: shrink`: smaller text half a point at a time, down to the template's floor; otherwise the overflow is an error. */
function fitByShrinking(
  spec: LayoutSpec,
  frames: FrameSet,
  overflowing: Slice[][],
  flowBody: (blocks: readonly BlockSpec[]) => Slice[][],
  notes: string[],
  fits: (framed: Slice[][]) => boolean,
): Slice[][] {
  const base = bodySize(spec.body);
  if (spec.fit.mode === 'shrink' && base !== null) {
    for (let size = base - 0.5; size >= Math.max(spec.fit.minSize, minimumTextSize) - 0.001; size -= 0.5) {
      const framed = flowBody(scaleBlocks(spec.body, size / base));
      if (fits(framed)) {
        notes.push(`fit: shrink set the body text to ${size} pt (from ${base} pt) so the article fits`);
        return framed;
      }
      overflowing = framed;
    }
  }
  // What still does not fit: pages past the last panel, or a table too wide even at the smallest size
  // (reported with its place by the caller).
  if (frames.limit === null || overflowing.length <= frames.limit) return overflowing;
  throw overflowError(spec, frames, overflowing);
}

function overflowError(spec: LayoutSpec, frames: FrameSet, framed: Slice[][]): HandoutError {
  const limit = frames.limit as number;
  const rest = framed.slice(limit).flat();
  const height = Math.round(rest.reduce((sum, s, i) => sum + s.height + (i > 0 ? s.spaceBefore : 0), 0));
  const lines = rest.filter((s) => s.boxes.some((b) => b.kind === 'text')).length;
  const firstText = rest.flatMap((s) => s.boxes).find((b) => b.kind === 'text');
  const shrink = spec.fit.mode === 'shrink' ? ` even at ${spec.fit.minSize} pt` : '';
  return new HandoutError({
    code: 'fit-overflow',
    message: `the article does not fit${shrink}: ${height} pt (${lines} lines) did not fit after the last panel, "${frames.frame(limit - 1).name}"${firstText && firstText.kind === 'text' ? `, starting at "${firstText.text}"` : ''}`,
    file: spec.templateFile,
    hint:
      spec.fit.mode === 'shrink'
        ? 'Shorten the article, or build it with a template that has more room (handout, large-print).'
        : 'Shorten the article, or let the template shrink the text: <document fit="shrink" fit-min="10pt">.',
  });
}

function moveRight(boxes: readonly Box[], dx: number): Box[] {
  return dx === 0 ? [...boxes] : boxes.map((box) => ({ ...box, x: box.x + dx }));
}

function layoutRegion(region: RegionSpec, pageWidth: number, pageHeight: number, context: FlowContext): Box[] {
  const top = region.kind === 'header' ? 0 : pageHeight - region.height;
  const { padding } = region;
  const slices = flowBlocks(region.children, padding.left, pageWidth - padding.left - padding.right, context);
  const content = stackSlices(slices, top + padding.top).boxes.map((box) =>
    box.kind === 'text' ? { ...box, artifact: box.node === null } : box,
  );
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
      node: null,
    },
    ...content,
  ];
}

/** A panel with its own content (a brochure's cover or back): it must fit, since nothing flows on from it. */
function layoutPanel(panel: PanelSpec, context: FlowContext, spec: LayoutSpec): Box[] {
  const fill: Box[] = panel.fill
    ? [
        {
          kind: 'rect',
          x: panel.x,
          y: panel.y,
          width: panel.width,
          height: panel.height,
          fill: panel.fill,
          stroke: null,
          lineWidth: 0,
          radius: 0,
          node: null,
        },
      ]
    : [];
  if (panel.flow !== null) return fill;
  const { padding } = panel;
  const innerHeight = panel.height - padding.top - padding.bottom;
  const slices = flowBlocks(
    panel.children,
    panel.x + padding.left,
    panel.width - padding.left - padding.right,
    context,
  );
  const stacked = stackSlices(slices, 0);
  if (stacked.bottom > innerHeight + 0.5) {
    throw new HandoutError({
      code: 'fit-overflow',
      message: `the content of the "${panel.name}" panel is ${Math.round(stacked.bottom - innerHeight)} pt taller than the panel`,
      file: spec.templateFile,
      hint: "Shorten that panel's text (a long clinic name or address?), or make its type smaller in the template.",
    });
  }
  const offset =
    panel.valign === 'center'
      ? (innerHeight - stacked.bottom) / 2
      : panel.valign === 'bottom'
        ? innerHeight - stacked.bottom
        : 0;
  return [...fill, ...stacked.boxes.map((box) => ({ ...box, y: box.y + panel.y + padding.top + offset }))];
}
