import { type Diagnostic, dedupeProblems, HandoutError } from '../errors.js';
import { faceMetrics } from '../fonts/index.js';
import type { ImageInfo } from '../shared/image-info.js';
import type { FontFamily, LayoutSpec } from '../spec/types.js';
import { type FlowBody, type Placed, placeBody } from './body.js';
import { fillProblems } from './checks.js';
import { readableOnBackground } from './contrast.js';
import { placeOfDocument } from './diagnostics.js';
import { type FlowContext, flowBlocks } from './flow.js';
import { appliesTo, type FrameSet, frameSet } from './frames.js';
import { glyphProblems } from './glyph-problems.js';
import { levelHeadings } from './heading-levels.js';
import { mirroredPage } from './mirror.js';
import { linkNotesBack } from './note-links.js';
import { smallQrCodes } from './qr-check.js';
import { layoutPanel, layoutRegion, measureRegions } from './regions.js';
import { stackSlices } from './slices.js';
import type { FamilyFaces, TextContext } from './text.js';
import type { Box, LaidOutDocument, LaidOutPage, StructNode } from './types.js';

export type * from './types.js';

export interface LayoutOptions {
  /** Intrinsic sizes of every image the spec names, by absolute path. */
  readonly images: ReadonlyMap<string, ImageInfo>;
  readonly maxPages?: number;
}

/** Lay a validated spec out into pages of positioned boxes. Pure data in, pure data out: no PDF involved. */
export function layoutDocument(source: LayoutSpec, options: LayoutOptions): LaidOutDocument {
  const fonts = new Map<string, FamilyFaces>(source.fonts.map((f) => [f.name, familyFaces(f, source.fontFaces)]));
  const missing = new Set<string>();
  // Problems in headers, footers and panels; the body's come with the layout attempt that was chosen.
  const placedInRegions: Diagnostic[] = [];
  const notes: Diagnostic[] = [];
  const glyphPlaces: FlowContext['glyphPlaces'] = new Map();
  const textContext = (fieldValues: Record<string, string> | null): TextContext => ({
    fonts,
    fallbackFonts: source.fallbackFonts,
    fieldValues,
    missing,
    ascentOf: faceMetrics,
    lang: source.info.lang,
    rtl: source.info.dir === 'rtl',
  });
  const flow: FlowContext = {
    text: textContext(null),
    images: options.images,
    maxImageHeight: 0,
    placed: placedInRegions,
    notes,
    templateFile: source.templateFile,
    glyphPlaces,
    ids: { group: 1, node: 1 },
    parent: null,
  };
  // Regions as tall as their content are measured first: the body's frames depend on them.
  const spec = measureRegions(source, { ...flow, text: textContext({ page: '99', pages: '99' }) });
  const frames = frameSet(spec);
  checkFrames(spec, frames);
  const maxImageHeight = Math.min(...[0, 1].map((i) => frames.frame(i).bottom - frames.frame(i).top));
  const context: FlowContext = { ...flow, maxImageHeight };
  // Reading order: a tagged masthead and panels read "before", then the body, then the rest.
  const before = holder();
  const after = holder();
  const flowBody: FlowBody = (blocks, width) => {
    const parent = holder();
    // Each attempt has its own: a table too wide at full size may fit once `fit: shrink` made the text smaller.
    const placed: Diagnostic[] = [];
    const slices = flowBlocks(blocks, 0, width, { ...context, parent, placed });
    return { slices, structure: parent.children, problems: placed };
  };
  const pageBodyWidth = spec.page.width - spec.page.margin.left - spec.page.margin.right;
  const {
    placed,
    structure: bodyStructure,
    problems: placedInBody,
  } = placeBody({
    spec,
    frames,
    flow: flowBody,
    maxFrames: (options.maxPages ?? 500) * Math.max(1, frames.framesPerPage),
    pageBodyWidth,
    notes,
  });
  const pageCount =
    frames.limit !== null
      ? spec.fixedPages.length
      : Math.max(1, ...placed.map((p) => p.frame.page + 1), spec.regions.length > 0 ? 1 : 0);
  const byPage = new Map<number, Placed[]>();
  for (const p of placed) byPage.set(p.frame.page, [...(byPage.get(p.frame.page) ?? []), p]);

  const pages: LaidOutPage[] = [];
  for (let index = 0; index < pageCount; index++) {
    const pageContext = { ...context, text: textContext({ page: String(index + 1), pages: String(pageCount) }) };
    const regionBoxes = spec.regions
      .filter((r) => appliesTo(r, index))
      .flatMap((region) => {
        // A tagged region (a masthead) is read once, where it first appears; elsewhere it is page furniture.
        const first = region.pages === 'rest' ? 1 : 0;
        const parent = region.tagged && first === index ? (region.kind === 'header' ? before : after) : null;
        return layoutRegion(region, spec.page, { ...pageContext, parent });
      });
    const panelBoxes = (spec.fixedPages[index]?.panels ?? []).flatMap((panel) =>
      layoutPanel(panel, { ...pageContext, parent: panel.reading === 'before' ? before : after }, spec),
    );
    const bodyBoxes = (byPage.get(index) ?? []).flatMap(({ frame, slices }) =>
      moveRight(stackSlices(slices, frame.top).boxes, frame.x),
    );
    const page = { boxes: [...regionBoxes, ...panelBoxes, ...bodyBoxes] };
    pages.push(spec.info.dir === 'rtl' ? mirroredPage(page, spec.page.width) : page);
  }
  const fill = fillProblems(spec, frames, placed, pageCount);
  notes.push(...fill.warnings, ...smallQrCodes(pages, placeOfDocument(spec)));
  const all = [...glyphProblems(missing, glyphPlaces, spec), ...placedInBody, ...placedInRegions, ...fill.errors];
  if (all.length > 0) throw HandoutError.fromProblems(dedupeProblems(all));
  const structure: StructNode = {
    id: 0,
    role: 'Document',
    alt: null,
    children: levelHeadings([...before.children, ...bodyStructure, ...after.children]),
  };
  return {
    width: spec.page.width,
    height: spec.page.height,
    info: spec.info,
    pages: readableOnBackground(linkNotesBack(pages)),
    structure,
    notes: dedupeProblems(notes),
  };
}

/**
 * A guard for specs that did not come through parseSpec (library callers): a frame with no width or height
 * would make layout set one character per line, page after page.
 */
function checkFrames(spec: LayoutSpec, frames: FrameSet): void {
  const count = frames.limit ?? Math.max(2, frames.framesPerPage * 2);
  for (let index = 0; index < count; index++) {
    const frame = frames.frame(index);
    if (frame.width > 0 && frame.bottom - frame.top > 0) continue;
    throw new HandoutError({
      code: 'layout-geometry',
      message: `${frame.name} has no room for the body (${Math.round(frame.width)} × ${Math.round(frame.bottom - frame.top)} pt)`,
      ...placeOfDocument(spec),
      hint: 'Make the margins, padding, gaps, header or footer smaller.',
    });
  }
}

function holder(): StructNode {
  return { id: -1, role: 'Div', alt: null, children: [] };
}

function moveRight(boxes: readonly Box[], dx: number): Box[] {
  return dx === 0 ? [...boxes] : boxes.map((box) => ({ ...box, x: box.x + dx }));
}

/** A family's faces by content, as the spec read them: what is measured here is what render embeds. */
function familyFaces(family: FontFamily, faces: LayoutSpec['fontFaces']): FamilyFaces {
  const face = (file: string) => {
    const id = faces[file];
    if (id === undefined) throw new Error(`font face ${file} was not opened by the spec`);
    return id;
  };
  return {
    regular: face(family.regular),
    bold: face(family.bold),
    italic: face(family.italic),
    boldItalic: face(family.boldItalic),
  };
}
