import type { LayoutSpec, PanelSpec, RegionSpec } from '../spec/types.js';

/** An area the body flows through: a page's body, one of its columns, or a brochure panel. */
export interface Frame {
  readonly page: number;
  readonly x: number;
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
  readonly name: string;
}

export interface FrameSet {
  /** The frame the k-th part of the body goes into (past a fixed layout's last panel: more of the same size). */
  frame(index: number): Frame;
  /** The width the body is set at (the narrowest frame: a brochure's tucked-in panel). */
  readonly width: number;
  /** Frames a fixed layout has; null when pages are added as long as there is content. */
  readonly limit: number | null;
  readonly framesPerPage: number;
}

export function appliesTo(region: RegionSpec, pageIndex: number): boolean {
  return region.pages === 'all' || (region.pages === 'first') === (pageIndex === 0);
}

export function frameSet(spec: LayoutSpec): FrameSet {
  return spec.fixedPages.length > 0 ? panelFrames(spec) : columnFrames(spec);
}

function columnFrames(spec: LayoutSpec): FrameSet {
  const { page, columns, regions } = spec;
  const bodyWidth = page.width - page.margin.left - page.margin.right;
  const width = (bodyWidth - columns.gap * (columns.count - 1)) / columns.count;
  return {
    width,
    limit: null,
    framesPerPage: columns.count,
    frame(index) {
      const pageIndex = Math.floor(index / columns.count);
      const column = index % columns.count;
      const on = (kind: RegionSpec['kind']) => regions.filter((r) => r.kind === kind && appliesTo(r, pageIndex));
      const top = Math.max(page.margin.top, ...on('header').map((r) => (r.height ?? 0) + r.gap));
      const bottom = page.height - Math.max(page.margin.bottom, ...on('footer').map((r) => (r.height ?? 0) + r.gap));
      return {
        page: pageIndex,
        x: page.margin.left + column * (width + columns.gap),
        width,
        top,
        bottom,
        name: `page ${pageIndex + 1}${columns.count > 1 ? `, column ${column + 1}` : ''}`,
      };
    },
  };
}

function panelFrames(spec: LayoutSpec): FrameSet {
  const flowing = spec.fixedPages
    .flatMap((p, page) => p.panels.map((panel) => ({ page, panel })))
    .filter((p): p is { page: number; panel: PanelSpec & { flow: number } } => p.panel.flow !== null)
    .sort((a, b) => a.panel.flow - b.panel.flow)
    .map(({ page, panel }) => ({
      page,
      x: panel.x + panel.padding.left,
      width: panel.width - panel.padding.left - panel.padding.right,
      top: panel.y + panel.padding.top,
      bottom: panel.y + panel.height - panel.padding.bottom,
      name: panel.name,
    }));
  const last = flowing[flowing.length - 1] as Frame;
  return {
    width: Math.min(...flowing.map((f) => f.width)),
    limit: flowing.length,
    framesPerPage: 0,
    frame: (index) => flowing[index] ?? { ...last, page: spec.fixedPages.length + index, name: 'overflow' },
  };
}
